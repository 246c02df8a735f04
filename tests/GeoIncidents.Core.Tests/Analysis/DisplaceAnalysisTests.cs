using System.Globalization;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary><see cref="DisplaceAnalysis"/> and <see cref="AdvanceAnalysis"/>: destinations against GeodSolve, paths, edge cases.</summary>
public class DisplaceAnalysisTests
{
    [GeographicLibFact]
    public async Task Displace_FromSevLich_DestinationMatchesGeodSolve()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var origin = PlacePosition("sev-lich");
        var result = DisplaceAnalysis.Displace(Data, origin, Angle.FromDegrees(37.5), Km(3.5));

        var run = await ProcessRunner.RunAsync("GeodSolve", ["-p", "12"], string.Create(CultureInfo.InvariantCulture, $"{origin.LatitudeDegrees:R} {origin.LongitudeDegrees:R} 37.5 3500\n"));
        var r = run.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray();
        Assert.True(Meters(result.Destination, GeoPosition.FromLatLon(r[0], r[1])) < 1e-6, $"{result.Destination} vs GeodSolve {r[0]} {r[1]}");
        Assert.Equal(r[2], result.FinalAzimuth.Degrees, 1e-9);
    }

    [Fact]
    public void Displace_NorthFromSevLich_CrossesIntoAzerbaijanAndLocatesTheDestination()
    {
        var result = DisplaceAnalysis.Displace(Data, PlacePosition("sev-lich"), Angle.FromDegrees(0), Km(3.5));

        Assert.Equal("AM", result.OriginCountryId);
        var az = Assert.Single(result.OtherCountries);
        Assert.Equal("AZ", az.CountryId);
        Assert.InRange(az.Length.Meters, 1, 3500);
        // The destination's distance to Azerbaijan's outline cannot exceed the length of path inside it.
        Assert.Equal("AZ", result.DestinationLocation.Country!.Id);
        Assert.True(result.DestinationLocation.Country.DistanceToBoundary <= az.Length + Length.FromMeters(1e-3));
        Assert.Equal(Verdict.Outside, result.DestinationLocation.Lines.Single(l => l.ReferenceLineId == "osm-2020").Receipt.Verdict);
        // The path is the geodesic: its geodesic length is the distance.
        Assert.Equal(3500, Geodesy.Geodesics.GeodesicMeasure.Length((LineString)result.Path).Meters, 1e-3);
    }

    [Fact]
    public void Displace_OriginRadius_IsTheDestinationsUncertainty()
    {
        var result = DisplaceAnalysis.Displace(Data, PlacePosition("sev-lich"), Angle.FromDegrees(90), Km(3.5), Km(1.5));

        Assert.Equal(1500, result.Receipt.Uncertainty!.Value.Meters);
        Assert.All(result.DestinationLocation.Lines, l => Assert.Equal(Data.ReferenceLine(l.ReferenceLineId).Accuracy.P95 + Km(1.5), l.Receipt.Uncertainty));
    }

    [Fact]
    public void Displace_AcrossTheAntimeridian_SplitsThePathIntoTwoValidParts()
    {
        var result = DisplaceAnalysis.Displace(Data, GeoPosition.FromLatLon(10, 179.99), Angle.FromDegrees(90), Km(10));

        var parts = Assert.IsType<MultiLineString>(result.Path);
        Assert.Equal(2, parts.NumGeometries);
        Assert.All(parts.Coordinates, c => Assert.InRange(c.X, -180, 180));
        Assert.InRange(result.Destination.NormalizedLongitudeDegrees, -179.95, -179.9);
        Assert.Null(result.OriginCountryId);
    }

    [Theory]
    [InlineData(90, 0, 180, 1_000_000)]
    [InlineData(-90, 0, 0, 5_000)]
    [InlineData(89.9999, 45, 0, 20_000_000)]
    public void Displace_AtOrOverAPole_DoesNotThrow(double lat, double lon, double azimuth, double meters)
    {
        var result = DisplaceAnalysis.Displace(Data, GeoPosition.FromLatLon(lat, lon), Angle.FromDegrees(azimuth), Length.FromMeters(meters));

        Assert.True(double.IsFinite(result.Destination.LatitudeDegrees));
        Assert.All(result.Path.Coordinates, c => Assert.InRange(c.X, -180, 180));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3500)]
    [InlineData(20_000_001)]
    public void Displace_DistanceOutOfRange_ThrowsOutOfDomain(double meters)
    {
        var ex = Assert.Throws<AnalysisException>(() => DisplaceAnalysis.Displace(Data, PlacePosition("goris"), Angle.FromDegrees(0), Length.FromMeters(meters)));

        Assert.Equal(AnalysisException.OutOfDomainCode, ex.ErrorCode);
    }

    [Fact]
    public void AdvanceFromPlace_SevLichWithoutBearing_IsTheBandAlongTheStretchAndEndsInSyunik_Case3()
    {
        // CASES.md, case 3: "a 3.5 km advance from the border near Sev Lake into Syunik: where it ends, which province,
        // the band of Syunik within 3.5 km of the border (area), and how the answer changes between the lines".
        var result = AdvanceAnalysis.AdvanceFromPlace(Data, Km(3.5), "AM-SU", "sev-lich", originRadius: Km(1.5), stretchLength: Km(10));

        Assert.Equal(2, result.Bands.Count);
        Assert.All(result.Bands, b => Assert.Equal(10_000, b.Stretch!.Length.Meters, 1e-3));
        Assert.NotEqual(result.Bands[0].Area, result.Bands[1].Area);
        Assert.All(result.Perpendicular, p =>
        {
            Assert.Equal("AM-SU", p.DestinationLocation.Subdivision!.Id);
            var own = p.DestinationLocation.Lines.Single();
            Assert.Equal(3500, own.SignedDistance.Meters, 0.5); // perpendicular: the advance is the depth gained
            Assert.Equal(Meters(PlacePosition("sev-lich"), p.Foot), p.FootDistance.Meters, 1e-6);
        });
        Assert.Equal(2900 + 1500, result.Receipt.Uncertainty!.Value.Meters, 6); // the largest p95 (ne-10m) + the radius
    }

    [Fact]
    public void AdvanceFromPlace_WithBearing_IsTheDisplacement()
    {
        var result = AdvanceAnalysis.AdvanceFromPlace(Data, Km(3.5), "AM-SU", "sev-lich", Angle.FromDegrees(180));

        Assert.NotNull(result.Displacement);
        Assert.True(result.DestinationInRegion);
        Assert.Empty(result.Bands);
    }

    [Fact]
    public void AdvanceFromPlace_NoBearingNoStretch_ThrowsOutOfDomain()
    {
        var ex = Assert.Throws<AnalysisException>(() => AdvanceAnalysis.AdvanceFromPlace(Data, Km(3.5), "AM-SU", "sev-lich"));

        Assert.Contains("stretch length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdvanceFromLine_IsTheBand()
    {
        var advance = AdvanceAnalysis.AdvanceFromLine(Data, Km(3.5), "AM-SU", "osm-2020");
        var band = BandAnalysis.Band(Data, "AM-SU", Km(3.5), "osm-2020");

        Assert.Equal(band.Area, Assert.Single(advance.Bands).Area);
    }
}
