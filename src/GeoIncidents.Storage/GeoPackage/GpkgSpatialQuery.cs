using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.GeoPackage.GpkgIdentifier;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>A feature id and its geometry, as found by a spatial query.</summary>
/// <param name="Fid">The feature id.</param>
/// <param name="Geometry">The geometry (EPSG:4326).</param>
public readonly record struct GpkgGeometryRow(long Fid, Geometry Geometry);

/// <summary>
/// Bounding-box queries on a feature table in two steps: the R-tree finds candidates, then NTS checks each exactly.
/// The R-tree stores float32 bounds rounded outward (45.2 becomes 45.199993..45.200005), so the prefilter never
/// misses a feature (nothing needs widening) but may return features up to about 4e-6 degrees outside the box;
/// the exact step (<see cref="GpkgBoundingBox.Intersects"/>) removes them. Never use the prefilter alone.
/// </summary>
public static class GpkgSpatialQuery
{
    /// <summary>
    /// The R-tree prefilter as a parameterised query for EF Core's <c>FromSql</c>/<c>FromSqlInterpolated</c>:
    /// <c>SELECT t.* FROM "table" AS t JOIN "rtree_table_geom" AS r ON r.id = t."fid" WHERE r.minx &lt;= east AND
    /// r.maxx &gt;= west AND r.miny &lt;= north AND r.maxy &gt;= south</c>. Composable (no ORDER BY); follow it with
    /// the exact check, e.g. <c>.AsEnumerable().Where(x =&gt; bbox.Intersects(x.Geom))</c>.
    /// </summary>
    /// <param name="table">The feature table.</param>
    /// <param name="bbox">The box.</param>
    /// <returns>The query; the four bounds are its parameters, the names are validated identifiers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static FormattableString CandidatesSql(GpkgFeatureTable table, GpkgBoundingBox bbox)
    {
        ArgumentNullException.ThrowIfNull(table);
        var format = $"SELECT t.* FROM {Quote(table.Name)} AS t JOIN {Quote(table.RTreeName)} AS r ON r.id = t.{Quote(table.FidColumn)} " +
                     "WHERE r.minx <= {0} AND r.maxx >= {1} AND r.miny <= {2} AND r.maxy >= {3}";
        return FormattableStringFactory.Create(format, bbox.EastDegrees, bbox.WestDegrees, bbox.NorthDegrees, bbox.SouthDegrees);
    }

    /// <summary>
    /// The R-tree prefilter as an ADO.NET command selecting <c>t.*</c> ordered by fid (parameters bound). Read the
    /// rows and keep those whose geometry passes <see cref="GpkgBoundingBox.Intersects"/>.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The pending transaction, or null.</param>
    /// <param name="table">The feature table.</param>
    /// <param name="bbox">The box.</param>
    /// <returns>The command; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    public static SqliteCommand CreateCandidatesCommand(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table, GpkgBoundingBox bbox)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        return GpkgFile.Command(connection, transaction,
            $"SELECT t.* FROM {Quote(table.Name)} AS t JOIN {Quote(table.RTreeName)} AS r ON r.id = t.{Quote(table.FidColumn)} " +
            $"WHERE r.minx <= $east AND r.maxx >= $west AND r.miny <= $north AND r.maxy >= $south ORDER BY t.{Quote(table.FidColumn)}",
            ("$east", bbox.EastDegrees), ("$west", bbox.WestDegrees), ("$north", bbox.NorthDegrees), ("$south", bbox.SouthDegrees));
    }

    /// <summary>The fids the R-tree prefilter returns (a superset of the intersecting features), ascending.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The pending transaction, or null.</param>
    /// <param name="table">The feature table.</param>
    /// <param name="bbox">The box.</param>
    /// <returns>Candidate fids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    public static IReadOnlyList<long> FindCandidateFids(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table, GpkgBoundingBox bbox)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        using var command = GpkgFile.Command(connection, transaction,
            $"SELECT id FROM {Quote(table.RTreeName)} WHERE minx <= $east AND maxx >= $west AND miny <= $north AND maxy >= $south ORDER BY id",
            ("$east", bbox.EastDegrees), ("$west", bbox.WestDegrees), ("$north", bbox.NorthDegrees), ("$south", bbox.SouthDegrees));
        using var reader = command.ExecuteReader();
        var fids = new List<long>();
        while (reader.Read())
        {
            fids.Add(reader.GetInt64(0));
        }

        return fids;
    }

    /// <summary>The features whose geometry intersects the box (closed: touching an edge counts), exactly, ascending by fid.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The pending transaction, or null.</param>
    /// <param name="table">The feature table.</param>
    /// <param name="bbox">The box.</param>
    /// <returns>Fid and geometry of each intersecting feature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    /// <exception cref="FormatException">A stored geometry is not a valid GeoPackage blob.</exception>
    public static IReadOnlyList<GpkgGeometryRow> FindIntersecting(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table, GpkgBoundingBox bbox)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        using var command = GpkgFile.Command(connection, transaction,
            $"SELECT t.{Quote(table.FidColumn)}, t.{Quote(table.GeometryColumn)} FROM {Quote(table.Name)} AS t " +
            $"JOIN {Quote(table.RTreeName)} AS r ON r.id = t.{Quote(table.FidColumn)} " +
            $"WHERE r.minx <= $east AND r.maxx >= $west AND r.miny <= $north AND r.maxy >= $south ORDER BY t.{Quote(table.FidColumn)}",
            ("$east", bbox.EastDegrees), ("$west", bbox.WestDegrees), ("$north", bbox.NorthDegrees), ("$south", bbox.SouthDegrees));
        using var reader = command.ExecuteReader();
        var rows = new List<GpkgGeometryRow>();
        while (reader.Read())
        {
            if (reader.IsDBNull(1))
            {
                continue;
            }

            var geometry = GpkgBlob.Read(reader.GetFieldValue<byte[]>(1));
            if (bbox.Intersects(geometry))
            {
                rows.Add(new GpkgGeometryRow(reader.GetInt64(0), geometry));
            }
        }

        return rows;
    }
}
