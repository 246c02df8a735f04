using System.Globalization;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.GeoPackage.GpkgIdentifier;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Keeps <c>gpkg_contents</c> current: SQLite does not maintain <c>min_x</c>..<c>max_y</c> or <c>last_change</c>, and
/// GDAL and QGIS report the stored extent as the layer's extent. Call these after writes, inside the same transaction.
/// </summary>
public static class GpkgContents
{
    // The R-tree stores float32 bounds rounded outward, and SQLite's rounding (rtreeValueDown/Up: a cast, then a
    // relative nudge of 2^-23 when the cast went the wrong way) is not monotone: a feature whose exact min X is smaller
    // can get the larger stored min X. A stored bound f is within |f| * 2^-21 of the exact one, so every feature whose
    // stored bound lies within this relative slack of the extreme stored bound is a candidate; the exact extreme is the
    // extreme of their exact (header) bounds. The absolute term covers f = 0.
    private const double RelativeSlack = 1.0 / (1 << 20);
    private const double AbsoluteSlack = 1e-30;

    /// <summary>
    /// Recomputes the extent of a feature table in <c>gpkg_contents</c> (exact, from the geometry headers of the few
    /// features the R-tree shows at each edge, not from the float32 R-tree bounds) and sets <c>last_change</c>.
    /// An empty table (no non-empty geometry) gets a NULL extent.
    /// </summary>
    /// <param name="connection">An open connection with the ST_* functions registered.</param>
    /// <param name="transaction">The write transaction the rows were changed in, or null when none is pending.</param>
    /// <param name="table">The feature table (created with <see cref="GpkgSchema.EnsureTable"/>).</param>
    /// <param name="changedAt">The instant for <c>last_change</c> (the injected clock's now).</param>
    /// <returns>The new extent, or null when the table has no non-empty geometry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The table is not registered in <c>gpkg_contents</c>.</exception>
    public static GpkgEnvelope? UpdateExtent(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var extent = ComputeExtent(connection, transaction, table);
        var updated = GpkgFile.Execute(connection, transaction, """
            UPDATE gpkg_contents SET min_x = $minX, min_y = $minY, max_x = $maxX, max_y = $maxY, last_change = $lastChange
            WHERE table_name = $t
            """,
            ("$minX", extent?.MinX), ("$minY", extent?.MinY), ("$maxX", extent?.MaxX), ("$maxY", extent?.MaxY),
            ("$lastChange", GpkgDateTime.Format(changedAt)), ("$t", table.Name));
        if (updated != 1)
        {
            throw new InvalidOperationException($"table '{table.Name}' is not registered in gpkg_contents");
        }

        return extent;
    }

    /// <summary>
    /// The exact XY extent of the non-empty geometries of a feature table, found through its R-tree (see
    /// <see cref="UpdateExtent"/>); nothing is written.
    /// </summary>
    /// <param name="connection">An open connection with the ST_* functions registered.</param>
    /// <param name="transaction">The pending transaction, or null.</param>
    /// <param name="table">The feature table.</param>
    /// <returns>The extent, or null when no row has a non-empty geometry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    public static GpkgEnvelope? ComputeExtent(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var rtree = Quote(table.RTreeName);
        double minX, maxX, minY, maxY;
        using (var command = GpkgFile.Command(connection, transaction, $"SELECT min(minx), max(maxx), min(miny), max(maxy) FROM {rtree}"))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            if (reader.IsDBNull(0))
            {
                return null;
            }

            (minX, maxX, minY, maxY) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
        }

        var join = $"FROM {rtree} AS r JOIN {Quote(table.Name)} AS t ON t.{Quote(table.FidColumn)} = r.id WHERE";
        var g = $"t.{Quote(table.GeometryColumn)}";
        return new GpkgEnvelope(
            ExactBound(connection, transaction, $"SELECT min(ST_MinX({g})) {join} r.minx <= $b", minX + Slack(minX)),
            ExactBound(connection, transaction, $"SELECT min(ST_MinY({g})) {join} r.miny <= $b", minY + Slack(minY)),
            ExactBound(connection, transaction, $"SELECT max(ST_MaxX({g})) {join} r.maxx >= $b", maxX - Slack(maxX)),
            ExactBound(connection, transaction, $"SELECT max(ST_MaxY({g})) {join} r.maxy >= $b", maxY - Slack(maxY)));
    }

    /// <summary>Sets <c>last_change</c> of any registered table (for attribute tables, whose contents have no extent).</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The write transaction, or null when none is pending.</param>
    /// <param name="table">The table.</param>
    /// <param name="changedAt">The instant (the injected clock's now).</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The table is not registered in <c>gpkg_contents</c>.</exception>
    public static void Touch(SqliteConnection connection, SqliteTransaction? transaction, GpkgTable table, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var updated = GpkgFile.Execute(connection, transaction, "UPDATE gpkg_contents SET last_change = $lastChange WHERE table_name = $t",
            ("$lastChange", GpkgDateTime.Format(changedAt)), ("$t", table.Name));
        if (updated != 1)
        {
            throw new InvalidOperationException($"table '{table.Name}' is not registered in gpkg_contents");
        }
    }

    /// <summary>Reads the stored extent and last change of a table from <c>gpkg_contents</c>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The pending transaction, or null.</param>
    /// <param name="tableName">The table name.</param>
    /// <returns>The stored extent (null when any bound is NULL) and <c>last_change</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The table is not registered.</exception>
    /// <exception cref="FormatException"><c>last_change</c> is not a GeoPackage DATETIME.</exception>
    public static (GpkgEnvelope? Extent, DateTimeOffset LastChange) Read(SqliteConnection connection, SqliteTransaction? transaction, string tableName)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tableName);
        using var command = GpkgFile.Command(connection, transaction,
            "SELECT min_x, min_y, max_x, max_y, last_change FROM gpkg_contents WHERE table_name = $t", ("$t", tableName));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"table '{tableName}' is not registered in gpkg_contents");
        }

        var hasExtent = !reader.IsDBNull(0) && !reader.IsDBNull(1) && !reader.IsDBNull(2) && !reader.IsDBNull(3);
        GpkgEnvelope? extent = hasExtent ? new GpkgEnvelope(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)) : null;
        return (extent, GpkgDateTime.Parse(reader.GetString(4)));
    }

    private static double Slack(double storedBound) => (Math.Abs(storedBound) * RelativeSlack) + AbsoluteSlack;

    private static double ExactBound(SqliteConnection connection, SqliteTransaction? transaction, string sql, double threshold)
    {
        var value = GpkgFile.Scalar(connection, transaction, sql, ("$b", threshold));
        return value is null or DBNull
            ? throw new InvalidOperationException("the R-tree has entries whose features are missing; rebuild the spatial index")
            : Convert.ToDouble(value, CultureInfo.InvariantCulture);
    }
}
