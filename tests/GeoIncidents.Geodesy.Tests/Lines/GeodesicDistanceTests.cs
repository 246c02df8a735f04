using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Tests.Buffers;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;
using static GeoIncidents.Geodesy.Tests.Lines.Wgs84Wkt;

namespace GeoIncidents.Geodesy.Tests.Lines;

public class GeodesicDistanceTests(ITestOutputHelper output)
{
    private static readonly Geodesic G = Geodesic.Wgs84;

    // Two irregular "claimed areas" east of Goris, about 8.6 km apart; the second has a hole.
    private const string WestArea = "POLYGON ((46.30 39.40, 46.45 39.38, 46.50 39.50, 46.38 39.58, 46.28 39.50, 46.30 39.40))";
    private const string EastArea = "POLYGON ((46.62 39.45, 46.75 39.42, 46.80 39.60, 46.66 39.62, 46.60 39.55, 46.62 39.45), (46.68 39.48, 46.72 39.48, 46.72 39.55, 46.68 39.55, 46.68 39.48))";
    private const string FarArea = "MULTIPOLYGON (((46.70 39.80, 46.90 39.78, 46.85 39.95, 46.70 39.80)), ((46.20 39.10, 46.25 39.12, 46.22 39.20, 46.20 39.10)))";

    [GeographicLibFact]
    public async Task Between_DisjointPolygons_MatchesGeodSolveMinimisationWithin1mm()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        foreach (var (first, second) in new[] { (WestArea, EastArea), (WestArea, FarArea), (EastArea, FarArea) })
        {
            var a = Read(first);
            var b = Read(second);
            var ours = GeodesicDistance.Between(a, b);
            // Reference: every vertex of each to every ring of the other, minimised along the geodesic edges by GeodSolve.
            var fromA = await NearestPointOracle.NearestAsync(a.Coordinates, Rings(b));
            var fromB = await NearestPointOracle.NearestAsync(b.Coordinates, Rings(a));
            var expected = fromA.Concat(fromB).Min(x => x.DistanceMeters);
            output.WriteLine($"{ours.Meters:F6} m, GeodSolve {expected:F6} m: difference {Math.Abs(ours.Meters - expected) * 1e6:0.000} µm");
            Assert.InRange(ours.Meters, 5_000, 60_000);
            Assert.True(Math.Abs(ours.Meters - expected) <= 1e-3);
            Assert.Equal(ours, GeodesicDistance.Between(b, a));
        }
    }

    [Fact]
    public void Between_IntersectingGeometries_IsZero()
    {
        var west = Read(WestArea);
        Assert.Equal(Length.Zero, GeodesicDistance.Between(west, Read("POINT (46.40 39.48)")));                    // point inside
        Assert.Equal(Length.Zero, GeodesicDistance.Between(Read("POLYGON ((46.38 39.45, 46.42 39.45, 46.40 39.50, 46.38 39.45))"), west)); // polygon inside
        Assert.Equal(Length.Zero, GeodesicDistance.Between(west, Read("LINESTRING (46.0 39.45, 47.0 39.46)")));    // line through
        Assert.Equal(Length.Zero, GeodesicDistance.Between(Read("LINESTRING (46 39, 47 40)"), Read("LINESTRING (46 40, 47 39)"))); // an X
        Assert.Equal(Length.Zero, GeodesicDistance.Between(west, west));
        var touching = GeodesicDistance.Between(west, Read("POLYGON ((46.50 39.50, 46.60 39.50, 46.55 39.60, 46.50 39.50))")); // shared vertex
        Assert.True(touching.Meters < 1e-6, $"{touching.Meters}");
    }

    [Fact]
    public void Between_PolygonInsideAHole_IsTheDistanceToTheHole()
    {
        var east = Read(EastArea);
        var inHole = Read("POLYGON ((46.69 39.50, 46.71 39.50, 46.70 39.53, 46.69 39.50))");
        var distance = GeodesicDistance.Between(east, inHole);
        var hole = GeodesicPolyline.FromGeometry(GeometryFactories.Wgs84.CreateLineString(((Polygon)east).Holes[0].Coordinates));
        var expected = inHole.Coordinates.Min(c => hole.DistanceTo(GeoPosition.FromLonLat(c.X, c.Y)).Meters);
        Assert.True(distance.Meters > 500);
        Assert.Equal(expected, distance.Meters, 9);
    }

    [Fact]
    public void Between_LongEdgeBulgingPastAStraightChord_UsesTheGeodesic()
    {
        // The geodesic from (0, 40) to (100, 40) passes 50°E at 52.6°N; the lon/lat chord stays at 40°N.
        var longEdge = Read("LINESTRING (0 40, 100 40)");
        Assert.Equal(Length.Zero, GeodesicDistance.Between(longEdge, Read("LINESTRING (50 41, 50 53)")));
        var below = GeodesicDistance.Between(longEdge, Read("LINESTRING (50 41, 50 52)"));
        Assert.InRange(below.Meters, 50_000, 70_000);
        // By symmetry the geodesic's northernmost point is its midpoint, due north of (52, 50): the distance is that arc.
        var line = G.Line(GeoPosition.FromLatLon(40, 0), GeoPosition.FromLatLon(40, 100));
        var apex = line.Position(line.Length!.Value / 2).Destination;
        Assert.Equal(50.0, apex.LongitudeDegrees, 9);
        Assert.True(Math.Abs(G.Inverse(GeoPosition.FromLatLon(52, 50), apex).Distance.Meters - below.Meters) < 1e-6);
    }

    [Fact]
    public void Between_PointsAndLines_AgreeWithInverseAndPolyline()
    {
        var p = Read("POINT (46.34168 39.51111)"); // Goris
        var q = Read("POINT (46.54977 39.63742)"); // Lachin
        Assert.Equal(G.Inverse(GeoPosition.FromLatLon(39.51111, 46.34168), GeoPosition.FromLatLon(39.63742, 46.54977)).Distance, GeodesicDistance.Between(p, q));
        var border = ShippedLines.MultiLine("osm-2020");
        Assert.Equal(GeodesicPolyline.FromGeometry(border).DistanceTo(GeoPosition.FromLatLon(39.51111, 46.34168)), GeodesicDistance.Between(p, border));
        var collection = GeometryFactories.Wgs84.CreateGeometryCollection([p, Read(WestArea)]);
        Assert.Equal(Length.Zero, GeodesicDistance.Between(collection, Read("POINT (46.40 39.48)")));
    }

    [Fact]
    public void IsWithinDistance_AgreesWithBetween()
    {
        var pairs = new[] { (WestArea, EastArea), (WestArea, FarArea), (EastArea, FarArea), (WestArea, "POINT (46.40 39.48)") };
        foreach (var (first, second) in pairs)
        {
            var a = Read(first);
            var b = Read(second);
            var d = GeodesicDistance.Between(a, b);
            Assert.True(GeodesicDistance.IsWithinDistance(a, b, d));
            Assert.True(GeodesicDistance.IsWithinDistance(a, b, d + Length.FromMeters(1)));
            if (d.Meters > 0)
            {
                Assert.False(GeodesicDistance.IsWithinDistance(a, b, d - Length.FromMeters(1e-3)));
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => GeodesicDistance.IsWithinDistance(Read(WestArea), Read(EastArea), Length.FromMeters(-1)));
    }

    [Fact]
    public void Between_BadInput_ThrowsClearly()
    {
        Assert.Throws<ArgumentNullException>(() => GeodesicDistance.Between(null!, Read(WestArea)));
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => GeodesicDistance.Between(GeometryFactories.Wgs84.CreatePolygon(), Read(WestArea))).Message,
            StringComparison.Ordinal);
        var planar = GeometryFactories.ForSrid(32638).CreatePoint(new Coordinate(500_000, 4_400_000));
        Assert.Contains("SRID", Assert.Throws<ArgumentException>(() => GeodesicDistance.Between(Read(WestArea), planar)).Message, StringComparison.Ordinal);
    }

    private static Coordinate[][] Rings(Geometry polygonal)
    {
        var rings = new List<Coordinate[]>();
        for (var i = 0; i < polygonal.NumGeometries; i++)
        {
            var polygon = (Polygon)polygonal.GetGeometryN(i);
            rings.Add(polygon.Shell.Coordinates);
            rings.AddRange(polygon.Holes.Select(h => h.Coordinates));
        }

        return [.. rings];
    }
}
