using System.Globalization;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.GpkgStore;

/// <summary>
/// The store's tables in a GeoPackage, declared for <see cref="GpkgSchema"/>: the six feature tables and the
/// attribute tables (parties, sources, control_events, api_keys, revisions, geoincidents_meta), all registered in
/// gpkg_contents, with the R-tree on every geometry column. The record columns are named as the records' GeoJSON
/// properties (so GDAL and QGIS list the API's field names); bookkeeping columns follow them.
/// </summary>
internal static class GpkgStoreSchema
{
    private static readonly Dictionary<StoreCollection, GpkgTable> Tables = StoreTables.All.ToDictionary(t => t.Collection, Build);

    /// <summary>The revision log.</summary>
    public static GpkgAttributeTable Revisions { get; } = new(
        StoreDbContext.RevisionsTable,
        [
            new GpkgColumn("collection", GpkgColumnType.Text) { Description = "collection of a single-record entry (null for a batch)" },
            new GpkgColumn("record_id", GpkgColumnType.Text) { Description = "record id of a single-record entry" },
            new GpkgColumn("revision", GpkgColumnType.Integer) { Description = "the record's revision number after the change" },
            new GpkgColumn("action", GpkgColumnType.Text) { NotNull = true, Description = "created, updated, retracted, batch or adopted" },
            new GpkgColumn("actor", GpkgColumnType.Text) { NotNull = true, Description = "key:<key id> or cli:<os user>" },
            new GpkgColumn("at", GpkgColumnType.DateTime) { NotNull = true },
            new GpkgColumn("changed_fields", GpkgColumnType.Json),
            new GpkgColumn("snapshot", GpkgColumnType.Json) { Description = "the record after the change as a GeoJSON Feature" },
            new GpkgColumn("batch_source", GpkgColumnType.Text) { Description = "the file a batch came from" },
            new GpkgColumn("batch_sha256", GpkgColumnType.Text),
            new GpkgColumn("batch_records", GpkgColumnType.Json) { Description = "{collection: {created|updated: {id: revision}}}" },
            new GpkgColumn("batch_count", GpkgColumnType.Integer),
        ],
        indexes: [new GpkgIndex("ix_revisions_record_id", "record_id"), new GpkgIndex("ix_revisions_action", "action")],
        description: "Append-only revision log of every record");

    /// <summary>The store's metadata (schema version).</summary>
    public static GpkgAttributeTable Meta { get; } = new(
        StoreDbContext.MetaTable,
        [new GpkgColumn("key", GpkgColumnType.Text) { NotNull = true, Unique = true }, new GpkgColumn("value", GpkgColumnType.Text)],
        description: "GeoIncidents store metadata (schema_version)");

    /// <summary>Every table of the store, in creation order.</summary>
    public static IEnumerable<GpkgTable> All => StoreTables.All.Select(Declaration).Append(Revisions).Append(Meta);

    /// <summary>The declaration of a record table.</summary>
    public static GpkgTable Declaration(StoreTable table) => Tables[table.Collection];

    /// <summary>The declaration of a feature table.</summary>
    public static GpkgFeatureTable FeatureDeclaration(StoreTable table) => (GpkgFeatureTable)Tables[table.Collection];

    /// <summary>Triggers that keep the revision log append-only.</summary>
    public static IReadOnlyList<string> AppendOnlyTriggers { get; } =
    [
        "CREATE TRIGGER IF NOT EXISTS revisions_append_only_update BEFORE UPDATE ON revisions BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS revisions_append_only_delete BEFORE DELETE ON revisions BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END",
    ];

    /// <summary>
    /// Adds declared columns that an existing table lacks (e.g. a layer GDAL created with only the record's fields),
    /// so <see cref="GpkgSchema.EnsureTable"/> accepts it.
    /// </summary>
    public static int AddMissingColumns(SqliteConnection connection, SqliteTransaction transaction, GpkgTable table)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name FROM pragma_table_info($t)";
            command.Parameters.AddWithValue("$t", table.Name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }

        if (present.Count == 0)
        {
            return 0;
        }

        var added = 0;
        foreach (var column in table.Columns.Where(c => !present.Contains(c.Name)))
        {
            // ADD COLUMN cannot add UNIQUE or NOT NULL without a default; the unique id index is created by EnsureTable.
            var definition = $"\"{column.Name}\" {column.SqlType}" + (column.Default is { } d ? (column.NotNull ? " NOT NULL" : string.Empty) + " DEFAULT " + d.Sql : string.Empty);
            using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
            alter.CommandText = $"ALTER TABLE \"{table.Name}\" ADD COLUMN {definition}";
            alter.ExecuteNonQuery();
            added++;
        }

        return added;
    }

    /// <summary>
    /// Drops the columns earlier versions of the store declared and this one no longer writes: <c>search_text</c> (a
    /// lower-cased copy of the searched text; the text filter now folds the text in SQL, <see cref="GpkgTextSearch"/>),
    /// with its <c>gpkg_data_columns</c> entry. A file that keeps the column still works: new rows leave it empty.
    /// </summary>
    /// <returns>How many columns were dropped.</returns>
    public static int DropObsoleteColumns(SqliteConnection connection, SqliteTransaction transaction)
    {
        var dropped = 0;
        foreach (var table in StoreTables.All.Where(t => t.Searchable))
        {
            if (Convert.ToInt64(GpkgFile.Scalar(connection, transaction, "SELECT count(*) FROM pragma_table_info($t) WHERE name = 'search_text'", ("$t", table.Name)), CultureInfo.InvariantCulture) == 0)
            {
                continue;
            }

            GpkgFile.Execute(connection, transaction, $"ALTER TABLE {GpkgIdentifier.Quote(table.Name)} DROP COLUMN \"search_text\"");
            if (GpkgFile.Scalar(connection, transaction, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_data_columns'") is not null)
            {
                GpkgFile.Execute(connection, transaction, "DELETE FROM gpkg_data_columns WHERE table_name = $t AND column_name = 'search_text'", ("$t", table.Name));
            }

            dropped++;
        }

        return dropped;
    }

    private static GpkgTable Build(StoreTable table)
    {
        var columns = new List<GpkgColumn> { new("id", GpkgColumnType.Text) { NotNull = true, Description = "the stable id (GeoJSON Feature id)" } };
        columns.AddRange(table.Columns.Select(c => new GpkgColumn(c.Name, ColumnType(c.Kind))));
        columns.Add(new GpkgColumn("revision", GpkgColumnType.Integer) { Description = "revision number: 1 when created, +1 per update or retraction" });
        columns.Add(new GpkgColumn("updated", GpkgColumnType.DateTime) { Description = "when the record last changed (UTC)" });
        columns.Add(new GpkgColumn("created", GpkgColumnType.DateTime) { Description = "when the store created or adopted the row (UTC); empty on rows another tool appended, until the store adopts them" });
        columns.Add(new GpkgColumn("retracted", GpkgColumnType.Boolean) { NotNull = true, Default = GpkgDefault.Boolean(false), Description = "retracted (a delete retracts; the row stays)" });
        var indexes = new List<GpkgIndex>
        {
            new($"ux_{table.Name}_id", "id") { Unique = true },
            new($"ix_{table.Name}_updated", "updated"),
        };
        if (table.Temporal)
        {
            columns.Add(new GpkgColumn("time_start", GpkgColumnType.DateTime) { Description = "derived: start of the time window (occurrence widened by its precision, or validity), UTC" });
            columns.Add(new GpkgColumn("time_end", GpkgColumnType.DateTime) { Description = "derived: end of the time window (exclusive), UTC" });
        }

        if (table.OrderedByTime)
        {
            indexes.Add(new GpkgIndex($"ix_{table.Name}_order", "time_start", "id"));
        }

        indexes.AddRange(StoreDbContext.SecondaryIndexes(table).Select(i => new GpkgIndex(i.Name, i.Columns)));

        // Rows another tool appended (no created time) are found at every open (EfStore.AdoptForeignRowsAsync): a partial
        // index holds only those, so that look-up costs nothing on a store of a million rows instead of a table scan.
        indexes.Add(new GpkgIndex($"ix_{table.Name}_unadopted", "fid") { Where = "\"created\" IS NULL" });
        var description = $"GeoIncidents {table.Collection.WireName()}";
        return table.GeometryType is { } geometryType
            ? new GpkgFeatureTable(table.Name, geometryType, columns, indexes: indexes, description: description)
            : new GpkgAttributeTable(table.Name, columns, indexes: indexes, description: description);
    }

    /// <summary>The GeoPackage column type of a record column's kind (JSON columns are TEXT holding JSON).</summary>
    public static GpkgColumnType ColumnType(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => GpkgColumnType.Text,
        ColumnKind.Integer => GpkgColumnType.Integer,
        ColumnKind.Real => GpkgColumnType.Real,
        ColumnKind.Boolean => GpkgColumnType.Boolean,
        ColumnKind.Date => GpkgColumnType.Date,
        _ => GpkgColumnType.Json,
    };

    /// <summary>Reads <c>schema_version</c> from the metadata table; 0 when the table or the key is absent.</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        exists.Parameters.AddWithValue("$t", StoreDbContext.MetaTable);
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT value FROM \"{StoreDbContext.MetaTable}\" WHERE key = 'schema_version'";
        return int.TryParse(read.ExecuteScalar() as string, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    /// <summary>Writes <c>schema_version</c>.</summary>
    public static void WriteVersion(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = $"INSERT INTO \"{StoreDbContext.MetaTable}\" (key, value) VALUES ('schema_version', $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        write.Parameters.AddWithValue("$v", version.ToString(CultureInfo.InvariantCulture));
        write.ExecuteNonQuery();
    }
}
