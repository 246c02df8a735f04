using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoIncidents.Storage.Tests.GeoPackage;

/// <summary>Tables shaped like the store's (a places-like POINT table, a regions-like MULTIPOLYGON table, a sources-like attribute table).</summary>
internal static class SampleTables
{
    public static GpkgFeatureTable Places() => new(
        "places",
        GpkgGeometryType.Point,
        [
            new GpkgColumn("name", GpkgColumnType.Text) { NotNull = true },
            new GpkgColumn("population", GpkgColumnType.Integer),
            new GpkgColumn("elevation_m", GpkgColumnType.Real) { Description = "Elevation above the WGS84 geoid, metres" },
            new GpkgColumn("founded", GpkgColumnType.Date),
            new GpkgColumn("updated", GpkgColumnType.DateTime) { NotNull = true },
            new GpkgColumn("active", GpkgColumnType.Boolean) { NotNull = true, Default = GpkgDefault.Boolean(true) },
            new GpkgColumn("tags", GpkgColumnType.Json),
            new GpkgColumn("photo", GpkgColumnType.Blob),
        ],
        indexes: [new GpkgIndex("places_name", "name")],
        identifier: "Places",
        description: "Sourced places (test)");

    public static GpkgFeatureTable Regions() => new(
        "regions",
        GpkgGeometryType.MultiPolygon,
        [
            new GpkgColumn("code", GpkgColumnType.Text) { NotNull = true, Unique = true },
            new GpkgColumn("name", GpkgColumnType.Text),
            new GpkgColumn("kind", GpkgColumnType.Text) { NotNull = true, Default = GpkgDefault.Text("province") },
        ],
        geometryNotNull: true);

    public static GpkgAttributeTable Sources() => new(
        "sources",
        [
            new GpkgColumn("publisher", GpkgColumnType.Text) { NotNull = true },
            new GpkgColumn("url", GpkgColumnType.Text),
            new GpkgColumn("published", GpkgColumnType.DateTime),
            new GpkgColumn("quote", GpkgColumnType.Text),
        ],
        indexes: [new GpkgIndex("sources_publisher", "publisher")]);

    /// <summary>Parses WKT into a geometry of the project's EPSG:4326 factory.</summary>
    public static Geometry Wkt(string wkt)
    {
        var geometry = new WKTReader(GeometryFactories.Wgs84.GeometryServices).Read(wkt);
        geometry.SRID = GeometryFactories.Wgs84Srid;
        return geometry;
    }

    public static Point PointAt(double lonDegrees, double latDegrees) => GeometryFactories.Wgs84.CreatePoint(new Coordinate(lonDegrees, latDegrees));

    /// <summary>Inserts a place with raw ADO (the R-tree triggers fire) and returns its fid.</summary>
    public static long InsertPlace(SqliteConnection connection, SqliteTransaction? transaction, string name, Geometry? geometry)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO places (geom, name, updated) VALUES ($g, $n, $u) RETURNING fid";
        command.Parameters.AddWithValue("$g", geometry is null ? DBNull.Value : GpkgBlob.Write(geometry, GeometryFactories.Wgs84Srid));
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$u", GpkgDateTime.Format(TestClock.Now));
        return (long)command.ExecuteScalar()!;
    }

    public static long InsertRegion(SqliteConnection connection, SqliteTransaction? transaction, string code, Geometry geometry)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO regions (geom, code, name) VALUES ($g, $c, $c) RETURNING fid";
        command.Parameters.AddWithValue("$g", GpkgBlob.Write(geometry, GeometryFactories.Wgs84Srid));
        command.Parameters.AddWithValue("$c", code);
        return (long)command.ExecuteScalar()!;
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static long Count(SqliteConnection connection, string sql, SqliteTransaction? transaction = null) => (long)Scalar(connection, sql, transaction)!;

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
