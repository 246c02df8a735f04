using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>The SQLite journal mode a GeoPackage file is put in.</summary>
public enum GpkgJournalMode
{
    /// <summary>Write-ahead log: readers never block the writer (the store's default, DESIGN.md "Storage").</summary>
    Wal,

    /// <summary>Rollback journal, deleted after each commit: a single self-contained file (for exports handed to others).</summary>
    Delete,
}

/// <summary>
/// Creates or opens the GeoPackage 1.3 core of a file: the <c>application_id</c> ('GPKG') and <c>user_version</c>
/// (10300) pragmas, <c>gpkg_spatial_ref_sys</c> with the three required systems (-1, 0, EPSG:4326),
/// <c>gpkg_contents</c>, <c>gpkg_geometry_columns</c> and <c>gpkg_extensions</c>. Feature and attribute tables are
/// added with <see cref="GpkgSchema"/>.
/// </summary>
public static class GpkgFile
{
    /// <summary>SQLite <c>application_id</c> of a GeoPackage: the ASCII bytes "GPKG" (0x47504B47).</summary>
    public const int ApplicationId = 0x47504B47;

    /// <summary>SQLite <c>user_version</c> written to a new file: GeoPackage 1.3.0.</summary>
    public const int UserVersion = 10300;

    /// <summary>srs_id of WGS 84 geographic 2D (EPSG:4326), the only SRS of this project's feature tables.</summary>
    public const int Wgs84SrsId = 4326;

    /// <summary>
    /// The EPSG:4326 definition stored in <c>gpkg_spatial_ref_sys</c>: OGC WKT 1 as EPSG publishes it (and GDAL 3.6's
    /// <c>gdalsrsinfo -o wkt1 EPSG:4326</c> prints it), with the EPSG axis order (latitude, longitude). The axis
    /// order of the CRS definition does not change the blobs: GeoPackage geometries are always X = longitude, Y = latitude.
    /// </summary>
    public const string Wgs84Definition =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]]," +
        "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST]," +
        "AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>
    /// Makes the database behind <paramref name="connection"/> a GeoPackage 1.3 file, or checks that it already is
    /// one. Idempotent and non-destructive: an existing GeoPackage keeps its tables, rows, version and SRS rows; only
    /// missing core tables and the three required SRS rows are added. Runs in its own transaction (the journal mode
    /// cannot change inside one), so call it before any other work on the connection.
    /// </summary>
    /// <param name="connection">An open connection without a pending transaction.</param>
    /// <param name="journalMode">The journal mode to put the file in (persistent for WAL).</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The connection is not open, or the file is an SQLite database of another application (another application_id, or application_id 0 with tables of its own).</exception>
    public static void Initialize(SqliteConnection connection, GpkgJournalMode journalMode = GpkgJournalMode.Wal)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            throw new InvalidOperationException("the connection must be open");
        }

        var applicationId = Convert.ToInt32(Scalar(connection, null, "PRAGMA application_id"), CultureInfo.InvariantCulture);
        var objectCount = Convert.ToInt64(Scalar(connection, null, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"), CultureInfo.InvariantCulture);
        if (applicationId != ApplicationId && applicationId != 0)
        {
            throw new InvalidOperationException(
                $"'{connection.DataSource}' is an SQLite database of another application (application_id 0x{applicationId:X8}, a GeoPackage has 0x{ApplicationId:X8} 'GPKG'); refusing to modify it");
        }

        if (applicationId == 0 && objectCount > 0)
        {
            throw new InvalidOperationException(
                $"'{connection.DataSource}' is an SQLite database with {objectCount} schema objects but no GeoPackage application_id; refusing to modify it");
        }

        SetJournalMode(connection, journalMode);
        GpkgConnection.InWriteTransaction(connection, tx =>
        {
            if (applicationId == 0)
            {
                Execute(connection, tx, $"PRAGMA application_id = {ApplicationId.ToString(CultureInfo.InvariantCulture)}");
                Execute(connection, tx, $"PRAGMA user_version = {UserVersion.ToString(CultureInfo.InvariantCulture)}");
            }

            foreach (var statement in CoreTables)
            {
                Execute(connection, tx, statement);
            }

            Execute(connection, tx, """
                INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES
                  ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined Cartesian coordinate reference system'),
                  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
                  ('WGS 84 geodetic', 4326, 'EPSG', 4326, $definition, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')
                """, ("$definition", Wgs84Definition));
        });
    }

    /// <summary>Whether the database behind <paramref name="connection"/> carries the GeoPackage application_id and core tables.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The pending transaction, or null when none is pending.</param>
    /// <returns>True for a GeoPackage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public static bool IsGeoPackage(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var applicationId = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA application_id"), CultureInfo.InvariantCulture);
        var coreTables = Convert.ToInt64(
            Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('gpkg_spatial_ref_sys', 'gpkg_contents')"),
            CultureInfo.InvariantCulture);
        return applicationId == ApplicationId && coreTables == 2;
    }

    // GeoPackage 1.3 table definition SQL (Annex C), with IF NOT EXISTS for idempotence.
    private static readonly string[] CoreTables =
    [
        """
        CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL,
          description TEXT)
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY,
          data_type TEXT NOT NULL,
          identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE,
          min_y DOUBLE,
          max_x DOUBLE,
          max_y DOUBLE,
          srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
          table_name TEXT NOT NULL,
          column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL,
          m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))
        """,
    ];

    private static void SetJournalMode(SqliteConnection connection, GpkgJournalMode journalMode)
    {
        var wanted = journalMode switch
        {
            GpkgJournalMode.Wal => "wal",
            GpkgJournalMode.Delete => "delete",
            _ => throw new ArgumentOutOfRangeException(nameof(journalMode), journalMode, "unknown journal mode"),
        };
        var actual = Convert.ToString(Scalar(connection, null, $"PRAGMA journal_mode = {wanted}"), CultureInfo.InvariantCulture);

        // An in-memory database answers "memory" whatever is asked; it has no file to journal.
        if (!string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase) && !string.Equals(actual, "memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"could not set journal_mode {wanted} on '{connection.DataSource}' (SQLite kept '{actual}')");
        }
    }

    /// <summary>
    /// Adds a <c>gpkg_extensions</c> row unless an equal one exists. (INSERT OR IGNORE is not enough: the table's
    /// UNIQUE constraint treats NULL column names as distinct, so it would duplicate table-level rows.)
    /// </summary>
    internal static void RegisterExtension(SqliteConnection connection, SqliteTransaction? transaction, string? tableName, string? columnName,
        string extensionName, string definition, string scope) =>
        Execute(connection, transaction, """
            INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
            SELECT $t, $c, $e, $d, $s
            WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name IS $t AND column_name IS $c AND extension_name = $e)
            """,
            ("$t", tableName), ("$c", columnName), ("$e", extensionName), ("$d", definition), ("$s", scope));

    internal static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    internal static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
