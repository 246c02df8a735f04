using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.GeoPackage.GpkgIdentifier;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Creates declared user tables in a GeoPackage with hand-written SQL (never EF Core's EnsureCreated or migrations,
/// which emit SpatiaLite calls for geometry columns): the table, its indexes, its <c>gpkg_contents</c> row and, for a
/// feature table, its <c>gpkg_geometry_columns</c> row and its spatial index (GeoPackage 1.3, Annex F.3): the R-tree
/// virtual table, its <c>gpkg_extensions</c> row and the six standard triggers. JSON columns and column descriptions
/// go to <c>gpkg_data_columns</c> (the gpkg_schema extension), so GDAL reports JSON fields as String(JSON).
/// </summary>
public static class GpkgSchema
{
    /// <summary><c>gpkg_extensions.definition</c> of the R-tree extension for GeoPackage 1.3.</summary>
    public const string RTreeExtensionDefinition = "http://www.geopackage.org/spec130/#extension_rtree";

    /// <summary><c>gpkg_extensions.definition</c> of the schema extension for GeoPackage 1.3.</summary>
    public const string SchemaExtensionDefinition = "http://www.geopackage.org/spec130/#extension_schema";

    private static readonly string[] TriggerSuffixes = ["_insert", "_update1", "_update2", "_update3", "_update4", "_delete"];

    /// <summary>
    /// Creates the table with everything that registers it, or, when it exists, checks that it matches the
    /// declaration: registered with the same data type (and geometry column, type and srs_id), every declared column
    /// present. Missing declared indexes are created; a missing R-tree or trigger (e.g. dropped by a tool) makes the
    /// spatial index be rebuilt from the rows. Existing rows are never touched. Call it inside a write transaction so
    /// that a failure leaves nothing behind.
    /// </summary>
    /// <param name="connection">An open connection to an initialised GeoPackage (<see cref="GpkgFile.Initialize"/>) with the ST_* functions registered.</param>
    /// <param name="transaction">The pending transaction, or null when none is pending.</param>
    /// <param name="table">The declaration.</param>
    /// <param name="changedAt">The instant written to <c>gpkg_contents.last_change</c> of a new table (the injected clock's now).</param>
    /// <returns>True when the table was created, false when it already existed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="table"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The file is not an initialised GeoPackage, or an existing table of that name does not match the declaration.</exception>
    public static bool EnsureTable(SqliteConnection connection, SqliteTransaction? transaction, GpkgTable table, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        if (!GpkgFile.IsGeoPackage(connection, transaction))
        {
            throw new InvalidOperationException($"'{connection.DataSource}' is not an initialised GeoPackage; call GpkgFile.Initialize first");
        }

        var exists = Convert.ToInt64(
            GpkgFile.Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = lower($name)", ("$name", table.Name)),
            CultureInfo.InvariantCulture) > 0;
        if (exists)
        {
            CheckExisting(connection, transaction, table);
            if (table is GpkgFeatureTable existingFeatures && !SpatialIndexComplete(connection, transaction, existingFeatures))
            {
                GpkgFile.Execute(connection, transaction, $"DROP TABLE IF EXISTS {Quote(existingFeatures.RTreeName)}");
                CreateSpatialIndex(connection, transaction, existingFeatures);
            }

            return false;
        }

        GpkgFile.Execute(connection, transaction, CreateTableSql(table));
        foreach (var index in table.Indexes)
        {
            GpkgFile.Execute(connection, transaction, CreateIndexSql(table, index));
        }

        var feature = table as GpkgFeatureTable;
        GpkgFile.Execute(connection, transaction, """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
            VALUES ($name, $type, $identifier, $description, $lastChange, $srs)
            """,
            ("$name", table.Name), ("$type", table.DataType), ("$identifier", table.Identifier), ("$description", table.Description),
            ("$lastChange", GpkgDateTime.Format(changedAt)), ("$srs", feature?.SrsId));
        if (feature is not null)
        {
            GpkgFile.Execute(connection, transaction,
                "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ($t, $c, $type, $srs, 0, 0)",
                ("$t", feature.Name), ("$c", feature.GeometryColumn), ("$type", feature.GeometryTypeName), ("$srs", feature.SrsId));
            CreateSpatialIndex(connection, transaction, feature);
        }

        RegisterDataColumns(connection, transaction, table);
        return true;
    }

    /// <summary>The SQL statements that create the table itself, its indexes and, for a feature table, its R-tree and triggers (without the gpkg_* registrations), in execution order.</summary>
    /// <param name="table">The declaration.</param>
    /// <returns>The statements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static IReadOnlyList<string> DescribeSql(GpkgTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var statements = new List<string> { CreateTableSql(table) };
        statements.AddRange(table.Indexes.Select(i => CreateIndexSql(table, i)));
        if (table is GpkgFeatureTable feature)
        {
            statements.Add(CreateRTreeSql(feature));
            statements.AddRange(RTreeTriggerSql(feature));
        }

        return statements;
    }

    /// <summary>
    /// The six spatial index triggers of GeoPackage 1.3 (Annex F.3), named <c>rtree_&lt;t&gt;_&lt;c&gt;_insert</c>,
    /// <c>_update1</c> to <c>_update4</c> and <c>_delete</c>. update3 fires on an update of any column
    /// (<c>AFTER UPDATE ON &lt;t&gt;</c>), the corrected form since GeoPackage 1.2.1 that the OGC test suite requires
    /// for 1.3 and GDAL writes; earlier versions had <c>AFTER UPDATE OF &lt;c&gt;</c>, which missed fid changes.
    /// </summary>
    /// <param name="table">The feature table.</param>
    /// <returns>The CREATE TRIGGER statements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static IReadOnlyList<string> RTreeTriggerSql(GpkgFeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = Quote(table.Name);
        var c = Quote(table.GeometryColumn);
        var i = Quote(table.FidColumn);
        var r = table.RTreeName;
        var rq = Quote(r);
        var insertNew = $"INSERT OR REPLACE INTO {rq} VALUES (NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));";
        return
        [
            // Conditions: insertion of a non-empty geometry. Action: insert the record into the R-tree.
            $"CREATE TRIGGER {Quote(r + "_insert")} AFTER INSERT ON {t} WHEN (new.{c} NOT NULL AND NOT ST_IsEmpty(NEW.{c})) BEGIN {insertNew} END",

            // Conditions: update of the geometry column to a non-empty geometry, fid unchanged. Action: update the record.
            $"CREATE TRIGGER {Quote(r + "_update1")} AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c})) BEGIN {insertNew} END",

            // Conditions: update of the geometry column to an empty geometry or NULL, fid unchanged. Action: remove the record.
            $"CREATE TRIGGER {Quote(r + "_update2")} AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c})) BEGIN DELETE FROM {rq} WHERE id = OLD.{i}; END",

            // Conditions: update of any column, fid changed, non-empty geometry. Action: remove the old record, insert the new one.
            $"CREATE TRIGGER {Quote(r + "_update3")} AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c})) BEGIN DELETE FROM {rq} WHERE id = OLD.{i}; {insertNew} END",

            // Conditions: update of any column, fid changed, empty geometry or NULL. Action: remove the records of the old and new fid.
            $"CREATE TRIGGER {Quote(r + "_update4")} AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c})) BEGIN DELETE FROM {rq} WHERE id IN (OLD.{i}, NEW.{i}); END",

            // Conditions: row deleted. Action: remove the record of the old fid.
            $"CREATE TRIGGER {Quote(r + "_delete")} AFTER DELETE ON {t} WHEN old.{c} NOT NULL BEGIN DELETE FROM {rq} WHERE id = OLD.{i}; END",
        ];
    }

    private static string CreateTableSql(GpkgTable table)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(Quote(table.Name)).Append(" (\n  ")
            .Append(Quote(table.FidColumn)).Append(" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL");
        if (table is GpkgFeatureTable feature)
        {
            sql.Append(",\n  ").Append(Quote(feature.GeometryColumn)).Append(' ').Append(feature.GeometryTypeName);
            if (feature.GeometryNotNull)
            {
                sql.Append(" NOT NULL");
            }
        }

        foreach (var column in table.Columns)
        {
            var name = Quote(column.Name);
            sql.Append(",\n  ").Append(name).Append(' ').Append(column.SqlType);
            if (column.NotNull)
            {
                sql.Append(" NOT NULL");
            }

            if (column.Unique)
            {
                sql.Append(" UNIQUE");
            }

            if (column.Default is { } value)
            {
                sql.Append(" DEFAULT ").Append(value.Sql);
            }

            // Checks that keep values readable by GDAL; NULL passes both.
            if (column.Type == GpkgColumnType.Boolean)
            {
                sql.Append(" CHECK (").Append(name).Append(" IN (0, 1))");
            }
            else if (column.Type == GpkgColumnType.Json)
            {
                // "IS NULL OR": SQLite before 3.45 (Debian 12 ships 3.40, which GDAL uses) answers json_valid(NULL) = 0.
                sql.Append(" CHECK (").Append(name).Append(" IS NULL OR json_valid(").Append(name).Append("))");
            }
        }

        return sql.Append(')').ToString();
    }

    private static string CreateIndexSql(GpkgTable table, GpkgIndex index) =>
        $"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX {Quote(index.Name)} ON {Quote(table.Name)} ({string.Join(", ", index.Columns.Select(Quote))}){(index.Where is null ? string.Empty : " WHERE " + index.Where)}";

    private static string CreateRTreeSql(GpkgFeatureTable table) =>
        $"CREATE VIRTUAL TABLE {Quote(table.RTreeName)} USING rtree(id, minx, maxx, miny, maxy)";

    private static void CreateSpatialIndex(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table)
    {
        // Triggers live on the feature table, so they survive a dropped R-tree; replace them with the current form.
        foreach (var suffix in TriggerSuffixes)
        {
            GpkgFile.Execute(connection, transaction, $"DROP TRIGGER IF EXISTS {Quote(table.RTreeName + suffix)}");
        }

        GpkgFile.Execute(connection, transaction, CreateRTreeSql(table));

        // Annex F.3 "Load Spatial Index Values", restricted to rows the insert trigger would have indexed.
        var c = Quote(table.GeometryColumn);
        GpkgFile.Execute(connection, transaction,
            $"INSERT OR REPLACE INTO {Quote(table.RTreeName)} SELECT {Quote(table.FidColumn)}, ST_MinX({c}), ST_MaxX({c}), ST_MinY({c}), ST_MaxY({c}) " +
            $"FROM {Quote(table.Name)} WHERE {c} NOT NULL AND NOT ST_IsEmpty({c})");
        foreach (var trigger in RTreeTriggerSql(table))
        {
            GpkgFile.Execute(connection, transaction, trigger);
        }

        GpkgFile.RegisterExtension(connection, transaction, table.Name, table.GeometryColumn, "gpkg_rtree_index", RTreeExtensionDefinition, "write-only");
    }

    // The R-tree and all six triggers exist (a tool may have dropped either; then the index is rebuilt from the rows).
    private static bool SpatialIndexComplete(SqliteConnection connection, SqliteTransaction? transaction, GpkgFeatureTable table)
    {
        var rtree = Convert.ToInt64(
            GpkgFile.Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name", ("$name", table.RTreeName)),
            CultureInfo.InvariantCulture);
        var triggers = Convert.ToInt64(
            GpkgFile.Scalar(connection, transaction,
                $"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({string.Join(", ", TriggerSuffixes.Select(s => SqlString(table.RTreeName + s)))})"),
            CultureInfo.InvariantCulture);
        return rtree == 1 && triggers == TriggerSuffixes.Length;
    }

    private static void RegisterDataColumns(SqliteConnection connection, SqliteTransaction? transaction, GpkgTable table)
    {
        var described = table.Columns.Where(c => c.Type == GpkgColumnType.Json || c.Description is not null).ToList();
        if (described.Count == 0)
        {
            return;
        }

        EnsureSchemaExtension(connection, transaction);
        foreach (var column in described)
        {
            GpkgFile.Execute(connection, transaction, """
                INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, description, mime_type, constraint_name)
                VALUES ($t, $c, $c, NULL, $description, $mime, NULL)
                """,
                ("$t", table.Name), ("$c", column.Name), ("$description", column.Description),
                ("$mime", column.Type == GpkgColumnType.Json ? "application/json" : null));
        }
    }

    // The schema extension (GeoPackage 1.3, Annex F.9): both tables and their two gpkg_extensions rows.
    private static void EnsureSchemaExtension(SqliteConnection connection, SqliteTransaction? transaction)
    {
        GpkgFile.Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS gpkg_data_columns (
              table_name TEXT NOT NULL,
              column_name TEXT NOT NULL,
              name TEXT,
              title TEXT,
              description TEXT,
              mime_type TEXT,
              constraint_name TEXT,
              CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
              CONSTRAINT gdc_tn UNIQUE (table_name, name))
            """);
        GpkgFile.Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
              constraint_name TEXT NOT NULL,
              constraint_type TEXT NOT NULL,
              value TEXT,
              min NUMERIC,
              min_is_inclusive BOOLEAN,
              max NUMERIC,
              max_is_inclusive BOOLEAN,
              description TEXT,
              CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))
            """);
        GpkgFile.RegisterExtension(connection, transaction, "gpkg_data_columns", null, "gpkg_schema", SchemaExtensionDefinition, "read-write");
        GpkgFile.RegisterExtension(connection, transaction, "gpkg_data_column_constraints", null, "gpkg_schema", SchemaExtensionDefinition, "read-write");
    }

    private static void CheckExisting(SqliteConnection connection, SqliteTransaction? transaction, GpkgTable table)
    {
        var dataType = GpkgFile.Scalar(connection, transaction, "SELECT data_type FROM gpkg_contents WHERE table_name = $t", ("$t", table.Name)) as string;
        if (dataType != table.DataType)
        {
            throw new InvalidOperationException(
                $"table '{table.Name}' exists but is registered in gpkg_contents as '{dataType ?? "(not registered)"}', not '{table.DataType}'");
        }

        if (table is GpkgFeatureTable feature)
        {
            using var command = GpkgFile.Command(connection, transaction,
                "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = $t", ("$t", table.Name));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"feature table '{table.Name}' exists but has no gpkg_geometry_columns row");
            }

            var (column, type, srs) = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
            if (!string.Equals(column, feature.GeometryColumn, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(type, feature.GeometryTypeName, StringComparison.OrdinalIgnoreCase) || srs != feature.SrsId)
            {
                throw new InvalidOperationException(
                    $"feature table '{table.Name}' exists with geometry {column} {type} srs_id {srs}, declared {feature.GeometryColumn} {feature.GeometryTypeName} srs_id {feature.SrsId}");
            }
        }

        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = GpkgFile.Command(connection, transaction, $"SELECT name FROM pragma_table_info({SqlString(table.Name)})"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }

        var missing = table.Columns.Select(c => c.Name).Prepend(table.FidColumn).Where(n => !present.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"table '{table.Name}' exists but lacks declared column(s) {string.Join(", ", missing)}; the file needs a schema migration");
        }

        foreach (var index in table.Indexes)
        {
            var found = Convert.ToInt64(
                GpkgFile.Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $n AND tbl_name = $t",
                    ("$n", index.Name), ("$t", table.Name)),
                CultureInfo.InvariantCulture);
            if (found == 0)
            {
                GpkgFile.Execute(connection, transaction, CreateIndexSql(table, index));
            }
        }
    }

    private static string SqlString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
