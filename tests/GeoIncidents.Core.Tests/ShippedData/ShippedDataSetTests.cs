using GeoIncidents.Core.ShippedData;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Tests.ShippedData;

public class ShippedDataSetTests
{
    private static readonly ShippedDataSet Data = ShippedDataSet.Load();

    [Fact]
    public void Load_FindsDataBesideTheProgram()
    {
        Assert.StartsWith(AppContext.BaseDirectory, Data.Directory, StringComparison.Ordinal);
        Assert.Equal(6 + 89, Data.Regions.Count); // data/SOURCES.md: 6 countries, 89 first-level units
        Assert.Equal(18, Data.Places.Count);
        Assert.Equal(["ne-10m", "osm-2020"], Data.ReferenceLines.Select(f => f.Attributes["id"]?.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Regions_HaveUniqueIdsAndSrid4326()
    {
        var ids = Data.Regions.Select(r => r.Attributes["id"]?.ToString()).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Data.Regions, r => Assert.Equal(4326, r.Geometry.SRID));
        Assert.Contains("AM-SU", ids); // Syunik
        Assert.Contains("AM-GR", ids); // Gegharkunik
        Assert.Contains("AZ-LAC", ids); // Lachin (NE mislabels it Lankaran; corrected in the shared data)
    }

    [Theory]
    [InlineData("ne-10m")]
    [InlineData("osm-2020")]
    public void ReferenceLine_EveryPartHasArmeniaOnItsLeft(string lineId)
    {
        var line = Data.ReferenceLines.Single(f => f.Attributes["id"]?.ToString() == lineId);
        Assert.Equal("AM", line.Attributes["left_country"]?.ToString());
        var armenia = Data.Regions.Single(r => r.Attributes["id"]?.ToString() == "AM").Geometry;
        var azerbaijan = Data.Regions.Single(r => r.Attributes["id"]?.ToString() == "AZ").Geometry;
        var parts = (MultiLineString)line.Geometry;
        for (var i = 0; i < parts.NumGeometries; i++)
        {
            var part = (LineString)parts.GetGeometryN(i);
            if (part.IsClosed)
            {
                // An exclave ring: whichever country holds its interior (per Natural Earth), Armenia is on the left
                // exactly when the ring runs counter-clockwise around an Armenian interior.
                var interior = part.Factory.CreatePolygon((LinearRing)part.Factory.CreateLinearRing(part.Coordinates)).InteriorPoint;
                var armenianInside = armenia.Contains(interior);
                Assert.True(armenianInside || azerbaijan.Contains(interior), $"{lineId} part {i}: ring interior in neither country");
                Assert.True(armenianInside == NetTopologySuite.Algorithm.Orientation.IsCCW(part.CoordinateSequence), $"{lineId} part {i}: ring runs the wrong way");
                continue;
            }

            int left = 0, right = 0, probes = 0;
            for (var k = 0; k < part.NumPoints - 1; k++)
            {
                var (a, b) = (part.GetCoordinateN(k), part.GetCoordinateN(k + 1));
                // Probes 5 km either side of the segment's midpoint: beyond most of either line's error (median
                // 0.9 km); a local equirectangular step is ample for placing a probe (no distance is measured).
                var cos = Math.Cos((a.Y + b.Y) / 2 * Math.PI / 180);
                var (dx, dy) = ((b.X - a.X) * cos, b.Y - a.Y);
                var n = Math.Sqrt(dx * dx + dy * dy);
                if (n == 0)
                {
                    continue;
                }

                var step = 5000.0 / 111_320.0;
                var (mx, my) = ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
                var leftProbe = new Point(mx - dy / n * step / cos, my + dx / n * step);
                var rightProbe = new Point(mx + dy / n * step / cos, my - dx / n * step);
                probes++;
                left += armenia.Contains(leftProbe) && azerbaijan.Contains(rightProbe) ? 1 : 0;
                right += azerbaijan.Contains(leftProbe) && armenia.Contains(rightProbe) ? 1 : 0;
            }

            Assert.True(left > 10 * right && left > probes / 2, $"{lineId} part {i}: Armenia on the left for {left} of {probes} probes, on the right for {right}");
        }
    }
}
