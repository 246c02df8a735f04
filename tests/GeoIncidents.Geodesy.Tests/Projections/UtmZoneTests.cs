using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Projections;
using static GeoIncidents.Geodesy.Tests.Projections.ReferenceFiles;

namespace GeoIncidents.Geodesy.Tests.Projections;

public class UtmZoneTests
{
    [Fact]
    public void For_ReferencePositions_MatchesGeoConvertStandardZone()
    {
        var rows = Rows("utm-geoconvert.txt");
        Assert.True(rows.Count >= 30);
        foreach (var row in rows)
        {
            Assert.True(GeoConvertZone(row[2]) == UtmZone.For(Position(row)), $"{row[0]} {row[1]}: GeoConvert says {row[2]}, UtmZone.For says {UtmZone.For(Position(row))}");
        }
    }

    [Theory]
    [InlineData(39.51, 46.34, 38, Hemisphere.North, 32638)] // Goris
    [InlineData(-33.9, 18.4, 34, Hemisphere.South, 32734)]  // Cape Town
    [InlineData(0.0, 45.0, 38, Hemisphere.North, 32638)]    // the equator is north
    [InlineData(10.0, -180.0, 1, Hemisphere.North, 32601)]
    [InlineData(10.0, 180.0, 1, Hemisphere.North, 32601)]   // 180°E is 180°W
    [InlineData(10.0, 179.999, 60, Hemisphere.North, 32660)]
    [InlineData(60.0, 5.0, 32, Hemisphere.North, 32632)]    // south-west Norway
    [InlineData(78.0, 20.9, 33, Hemisphere.North, 32633)]   // Svalbard
    public void For_Position_GivesZoneHemisphereAndEpsg(double lat, double lon, int number, Hemisphere hemisphere, int epsg)
    {
        var zone = UtmZone.For(GeoPosition.FromLatLon(lat, lon));
        Assert.Equal(number, zone.Number);
        Assert.Equal(hemisphere, zone.Hemisphere);
        Assert.Equal(epsg, zone.EpsgCode);
    }

    [Theory]
    [InlineData(84.0)]
    [InlineData(-80.0001)]
    public void For_PolarCap_ThrowsNamingUtmRange(double lat)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => UtmZone.For(GeoPosition.FromLatLon(lat, 10.0)));
        Assert.Contains("[-80, 84)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Create_BadNumber_Throws(int number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UtmZone.Create(number, Hemisphere.North));

    [Fact]
    public void Create_UndefinedHemisphere_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UtmZone.Create(38, (Hemisphere)7));

    [Fact]
    public void CentralMeridian_Zone38_Is45East() => Assert.Equal(45.0, UtmZone.Create(38, Hemisphere.South).CentralMeridianDegrees);

    [Property(MaxTest = 500)]
    public Property For_AnyPosition_CentralMeridianIsWithinTheZoneHalfWidth() =>
        Prop.ForAll(Generators.UtmPositions.ToArbitrary(), p =>
        {
            var zone = UtmZone.For(p);
            var offset = Math.Abs(Geodesy.Units.Angle.NormalizeDegrees(p.LongitudeDegrees - zone.CentralMeridianDegrees));
            // 3° in the regular grid; the Norway and Svalbard exceptions widen zones to 9° and 12°.
            var allowed = p.LatitudeDegrees >= 56.0 ? 9.0 : 3.0;
            return offset <= allowed && zone.Hemisphere == (p.LatitudeDegrees >= 0 ? Hemisphere.North : Hemisphere.South);
        });
}
