using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

/// <summary>The six triggers keep rtree_places_geom equal to the table's non-empty geometries through every kind of write.</summary>
public class RTreeIndexTests
{
    [Fact]
    public void Insert_NonEmptyGeometry_AddsRowWithFloat32BoundsRoundedOutward()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        var fid = InsertPlace(connection, null, "edge", PointAt(45.2, 39.51));

        var (minX, maxX, minY, maxY) = RTreeRow(connection, fid)!.Value;
        // 45.2 has no float32; SQLite stores the neighbours below and above it (about 7e-6 and 8e-7 away here).
        Assert.True(minX < 45.2 && maxX > 45.2, $"stored x range {minX:R}..{maxX:R} should enclose 45.2");
        Assert.True(minY <= 39.51 && maxY >= 39.51);
        Assert.Equal((double)(float)minX, minX);
        Assert.InRange(45.2 - minX, 0, 1e-5);
    }

    [Fact]
    public void Insert_NullOrEmptyGeometry_AddsNoRow()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        InsertPlace(connection, null, "unlocated", null);
        InsertPlace(connection, null, "empty", GeometryFactories.Wgs84.CreatePoint());

        Assert.Equal(2, Count(connection, "SELECT count(*) FROM places"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void UpdateGeometry_MovesTheRow()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var fid = InsertPlace(connection, null, "moving", PointAt(46.34, 39.51));

        SetGeometry(connection, fid, PointAt(44.5, 40.2));

        var (minX, _, minY, _) = RTreeRow(connection, fid)!.Value;
        Assert.InRange(minX, 44.49999, 44.5);
        Assert.InRange(minY, 40.19999, 40.2);
        Assert.Equal(1, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void UpdateGeometryToNullOrEmpty_RemovesTheRow()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var a = InsertPlace(connection, null, "a", PointAt(46.34, 39.51));
        var b = InsertPlace(connection, null, "b", PointAt(46.0, 39.0));

        SetGeometry(connection, a, null);
        SetGeometry(connection, b, GeometryFactories.Wgs84.CreatePoint());

        Assert.Equal(0, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void UpdateFidOnly_MovesTheRowToTheNewFid()
    {
        // update3 fires on an update of any column (GeoPackage 1.2.1+): the geometry column is not in the SET list.
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var fid = InsertPlace(connection, null, "renumbered", PointAt(46.34, 39.51));

        Execute(connection, $"UPDATE places SET fid = 1000 WHERE fid = {fid}");

        Assert.Null(RTreeRow(connection, fid));
        Assert.NotNull(RTreeRow(connection, 1000));
    }

    [Fact]
    public void UpdateFidWithNullGeometry_RemovesOldAndNewRows()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var fid = InsertPlace(connection, null, "renumbered", PointAt(46.34, 39.51));

        Execute(connection, $"UPDATE places SET fid = 1000, geom = NULL WHERE fid = {fid}");

        Assert.Equal(0, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void UpdateOtherColumn_LeavesTheRowAlone()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var fid = InsertPlace(connection, null, "renamed", PointAt(46.34, 39.51));
        var before = RTreeRow(connection, fid);

        Execute(connection, $"UPDATE places SET name = 'new name' WHERE fid = {fid}");

        Assert.Equal(before, RTreeRow(connection, fid));
    }

    [Fact]
    public void Delete_RemovesTheRow()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var keep = InsertPlace(connection, null, "keep", PointAt(46.34, 39.51));
        var drop = InsertPlace(connection, null, "drop", PointAt(46.0, 39.0));

        Execute(connection, $"DELETE FROM places WHERE fid = {drop}");

        Assert.Null(RTreeRow(connection, drop));
        Assert.NotNull(RTreeRow(connection, keep));
    }

    [Fact]
    public void EveryWrite_RTreeEqualsTheNonEmptyGeometriesOfTheTable()
    {
        // A random sequence of inserts, moves, nullings and deletes; after each step the index holds exactly the fids
        // with non-empty geometry, each with a box enclosing its exact envelope.
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var random = new Random(20201110);
        var fids = new List<long>();
        for (var step = 0; step < 400; step++)
        {
            var action = fids.Count == 0 ? 0 : random.Next(4);
            switch (action)
            {
                case 0:
                    fids.Add(InsertPlace(connection, null, "p", random.Next(5) == 0 ? null : RandomPoint(random)));
                    break;
                case 1:
                    SetGeometry(connection, fids[random.Next(fids.Count)], random.Next(4) == 0 ? null : RandomPoint(random));
                    break;
                case 2:
                    SetGeometry(connection, fids[random.Next(fids.Count)], GeometryFactories.Wgs84.CreatePoint());
                    break;
                default:
                    var victim = fids[random.Next(fids.Count)];
                    Execute(connection, $"DELETE FROM places WHERE fid = {victim}");
                    fids.Remove(victim);
                    break;
            }
        }

        Assert.Equal(
            Count(connection, "SELECT count(*) FROM places WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)"),
            Count(connection, "SELECT count(*) FROM rtree_places_geom"));
        Assert.Equal(0, Count(connection, """
            SELECT count(*) FROM places p JOIN rtree_places_geom r ON r.id = p.fid
            WHERE NOT (r.minx <= ST_MinX(p.geom) AND r.maxx >= ST_MaxX(p.geom) AND r.miny <= ST_MinY(p.geom) AND r.maxy >= ST_MaxY(p.geom))
            """));
    }

    internal static (double MinX, double MaxX, double MinY, double MaxY)? RTreeRow(SqliteConnection connection, long fid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT minx, maxx, miny, maxy FROM rtree_places_geom WHERE id = $id";
        command.Parameters.AddWithValue("$id", fid);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)) : null;
    }

    private static void SetGeometry(SqliteConnection connection, long fid, NetTopologySuite.Geometries.Geometry? geometry)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE places SET geom = $g WHERE fid = $id";
        command.Parameters.AddWithValue("$g", geometry is null ? DBNull.Value : GpkgBlob.Write(geometry));
        command.Parameters.AddWithValue("$id", fid);
        command.ExecuteNonQuery();
    }

    private static NetTopologySuite.Geometries.Point RandomPoint(Random random) =>
        PointAt(44 + (random.NextDouble() * 3), 38.5 + (random.NextDouble() * 2));
}
