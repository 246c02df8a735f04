using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgSpatialQueryTests
{
    [Fact]
    public void FindIntersecting_PointOnEdgeAndPointJustOutside_OnlyTheEdgePoint()
    {
        // The float32 trap: 45.2 is stored in the R-tree as [45.199993, 45.200001]; a point 1e-7 degrees west of the
        // box's west edge gets a stored box that still reaches the edge, so the prefilter returns it. The exact check
        // must drop it, and must keep the point lying exactly on the edge.
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var onEdge = InsertPlace(connection, null, "on the west edge", PointAt(45.2, 40.0));
        var outside = InsertPlace(connection, null, "1e-7 deg west of it", PointAt(45.2 - 1e-7, 40.0));
        var onNorth = InsertPlace(connection, null, "on the north edge", PointAt(45.5, 40.3));
        var north = InsertPlace(connection, null, "1e-7 deg north of it", PointAt(45.5, 40.3 + 1e-7));
        var bbox = GpkgBoundingBox.FromWestSouthEastNorth(45.2, 39.8, 45.6, 40.3);

        var candidates = GpkgSpatialQuery.FindCandidateFids(connection, null, Places(), bbox);
        var hits = GpkgSpatialQuery.FindIntersecting(connection, null, Places(), bbox).Select(r => r.Fid);

        Assert.Equal(new[] { onEdge, outside, onNorth, north }, candidates);
        Assert.Equal(new[] { onEdge, onNorth }, hits);
    }

    [Fact]
    public void FindIntersecting_10000RandomPoints_SameFidsAsBruteForce()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var random = new Random(7946);
        var points = new Dictionary<long, (double Lon, double Lat)>();
        GpkgConnection.InWriteTransaction(connection, tx =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                // Some coordinates are snapped to a 0.05-degree grid so that box edges hit them exactly.
                var lon = 43.5 + (random.NextDouble() * 4.5);
                var lat = 38.3 + (random.NextDouble() * 3.0);
                if (i % 10 == 0)
                {
                    (lon, lat) = (Math.Round(lon * 20) / 20, Math.Round(lat * 20) / 20);
                }

                points[InsertPlace(connection, tx, "p" + i, PointAt(lon, lat))] = (lon, lat);
            }
        });

        for (var q = 0; q < 60; q++)
        {
            var west = Math.Round((43.5 + (random.NextDouble() * 4.0)) * 20) / 20;
            var south = Math.Round((38.3 + (random.NextDouble() * 2.5)) * 20) / 20;
            var width = q % 6 == 0 ? 0 : random.NextDouble() * (q % 2 == 0 ? 0.05 : 1.5);   // some zero-width boxes
            var height = q % 9 == 0 ? 0 : random.NextDouble() * (q % 2 == 0 ? 0.05 : 1.5);
            var bbox = GpkgBoundingBox.FromWestSouthEastNorth(west, south, Math.Min(west + width, 180), Math.Min(south + height, 90));

            var expected = points.Where(p => p.Value.Lon >= bbox.WestDegrees && p.Value.Lon <= bbox.EastDegrees
                                             && p.Value.Lat >= bbox.SouthDegrees && p.Value.Lat <= bbox.NorthDegrees)
                .Select(p => p.Key).Order().ToList();
            var actual = GpkgSpatialQuery.FindIntersecting(connection, null, Places(), bbox).Select(r => r.Fid).ToList();

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void FindIntersecting_RandomMultiPolygons_SameFidsAsNtsScan()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Regions());
        using var connection = file.Open();
        var random = new Random(2020);
        var regions = new Dictionary<long, Geometry>();
        GpkgConnection.InWriteTransaction(connection, tx =>
        {
            for (var i = 0; i < 500; i++)
            {
                // Parts in distinct 0.5-degree cells, so every multipolygon is valid and NTS can relate it.
                var cells = Enumerable.Range(0, 54).OrderBy(_ => random.Next()).Take(1 + random.Next(3));
                var parts = cells.Select(cell => RandomTriangle(random, 43.5 + (cell % 9 * 0.5), 38.3 + (cell / 9 * 0.5))).ToArray();
                var geometry = GeometryFactories.Wgs84.CreateMultiPolygon(parts);
                regions[InsertRegion(connection, tx, "R" + i, geometry)] = geometry;
            }
        });

        for (var q = 0; q < 40; q++)
        {
            var west = 43.5 + (random.NextDouble() * 4.0);
            var south = 38.3 + (random.NextDouble() * 2.5);
            var bbox = GpkgBoundingBox.FromWestSouthEastNorth(west, south, west + (q % 5 == 0 ? 0 : random.NextDouble() * 0.4), south + (random.NextDouble() * 0.4));
            var box = GeometryFactories.Wgs84.ToGeometry(new Envelope(bbox.WestDegrees, bbox.EastDegrees, bbox.SouthDegrees, bbox.NorthDegrees));

            var expected = regions.Where(r => r.Value.Intersects(box)).Select(r => r.Key).Order().ToList();
            var actual = GpkgSpatialQuery.FindIntersecting(connection, null, Regions(), bbox).Select(r => r.Fid).ToList();

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void FindIntersecting_PointBox_FindsThePointThereAndTheRegionAroundIt()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places(), Regions());
        using var connection = file.Open();
        var goris = InsertPlace(connection, null, "Goris", PointAt(46.34, 39.51));
        InsertPlace(connection, null, "Kapan", PointAt(46.41, 39.21));
        var square = InsertRegion(connection, null, "SQ", Wkt("MULTIPOLYGON (((46 39, 46.5 39, 46.5 39.6, 46 39.6, 46 39)))"));
        InsertRegion(connection, null, "FAR", Wkt("MULTIPOLYGON (((44 40, 44.5 40, 44.5 40.5, 44 40)))"));
        var bbox = GpkgBoundingBox.FromWestSouthEastNorth(46.34, 39.51, 46.34, 39.51);

        Assert.Equal(new[] { goris }, GpkgSpatialQuery.FindIntersecting(connection, null, Places(), bbox).Select(r => r.Fid));
        Assert.Equal(new[] { square }, GpkgSpatialQuery.FindIntersecting(connection, null, Regions(), bbox).Select(r => r.Fid));
    }

    [Fact]
    public void FindIntersecting_LineBoxAlongAPolygonEdgeAndThroughAHole()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Regions());
        using var connection = file.Open();
        var ring = InsertRegion(connection, null, "RING", Wkt("MULTIPOLYGON (((46 39, 47 39, 47 40, 46 40, 46 39), (46.2 39.2, 46.8 39.2, 46.8 39.8, 46.2 39.8, 46.2 39.2)))"));

        var alongEdge = GpkgBoundingBox.FromWestSouthEastNorth(47, 39.1, 47, 39.3);         // on the east edge
        var insideHole = GpkgBoundingBox.FromWestSouthEastNorth(46.5, 39.3, 46.5, 39.7);     // zero width, inside the hole
        var crossing = GpkgBoundingBox.FromWestSouthEastNorth(46.5, 39.1, 46.5, 39.7);       // zero width, from the ring into the hole

        Assert.Equal(new[] { ring }, GpkgSpatialQuery.FindIntersecting(connection, null, Regions(), alongEdge).Select(r => r.Fid));
        Assert.Empty(GpkgSpatialQuery.FindIntersecting(connection, null, Regions(), insideHole));
        Assert.Single(GpkgSpatialQuery.FindCandidateFids(connection, null, Regions(), insideHole));
        Assert.Equal(new[] { ring }, GpkgSpatialQuery.FindIntersecting(connection, null, Regions(), crossing).Select(r => r.Fid));
    }

    [Fact]
    public void CreateCandidatesCommand_ReturnsWholeRowsInFidOrder()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var a = InsertPlace(connection, null, "a", PointAt(46.1, 39.1));
        var b = InsertPlace(connection, null, "b", PointAt(46.2, 39.2));
        InsertPlace(connection, null, "outside", PointAt(50, 39.2));

        using var command = GpkgSpatialQuery.CreateCandidatesCommand(connection, null, Places(), GpkgBoundingBox.FromWestSouthEastNorth(46, 39, 46.5, 39.5));
        using var reader = command.ExecuteReader();
        var rows = new List<(long Fid, string Name)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(reader.GetOrdinal("fid")), reader.GetString(reader.GetOrdinal("name"))));
        }

        Assert.Equal(new[] { (a, "a"), (b, "b") }, rows);
    }

    public static TheoryData<double, double, double, double, string> InvalidBoxes => new()
    {
        { 46, 39, 45, 40, "antimeridian" },
        { 46, 40, 47, 39, "south 40 exceeds north 39" },
        { double.NaN, 39, 47, 40, "finite" },
        { 46, 39, double.PositiveInfinity, 40, "finite" },
        { -181, 39, 47, 40, "[-180, 180]" },
        { 46, -91, 47, 40, "[-90, 90]" },
        { 46, 39, 47, 90.5, "[-90, 90]" },
    };

    [Theory]
    [MemberData(nameof(InvalidBoxes))]
    public void FromWestSouthEastNorth_Invalid_ThrowsSayingWhy(double west, double south, double east, double north, string reason)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GpkgBoundingBox.FromWestSouthEastNorth(west, south, east, north));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToGeometry_DegenerateBoxes_ArePointAndLine()
    {
        Assert.IsType<Point>(GpkgBoundingBox.FromWestSouthEastNorth(46, 39, 46, 39).ToGeometry());
        Assert.IsType<LineString>(GpkgBoundingBox.FromWestSouthEastNorth(46, 39, 46, 39.5).ToGeometry());
        Assert.IsType<Polygon>(GpkgBoundingBox.FromWestSouthEastNorth(46, 39, 46.5, 39.5).ToGeometry());
    }

    private static Polygon RandomTriangle(Random random, double cellWest, double cellSouth)
    {
        var x = cellWest + (random.NextDouble() * 0.15);
        var y = cellSouth + (random.NextDouble() * 0.15);
        Coordinate[] ring = [new(x, y), new(x + 0.05 + (random.NextDouble() * 0.25), y + (random.NextDouble() * 0.05)), new(x + (random.NextDouble() * 0.05), y + 0.1 + (random.NextDouble() * 0.2)), new(x, y)];
        return GeometryFactories.Wgs84.CreatePolygon(ring);
    }
}
