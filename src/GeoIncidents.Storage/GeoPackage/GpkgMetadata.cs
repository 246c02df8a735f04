using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>The <c>md_scope</c> of a metadata document (GeoPackage 1.3, Annex F.8, Table 16: ISO 19115 MD_ScopeCode).</summary>
public enum GpkgMetadataScope
{
    /// <summary><c>undefined</c>.</summary>
    Undefined,

    /// <summary><c>dataset</c>: the whole dataset (the default).</summary>
    Dataset,

    /// <summary><c>series</c>.</summary>
    Series,

    /// <summary><c>featureType</c>: a feature table.</summary>
    FeatureType,

    /// <summary><c>feature</c>: one feature.</summary>
    Feature,

    /// <summary><c>attributeType</c>: a column.</summary>
    AttributeType,

    /// <summary><c>attribute</c>: one value.</summary>
    Attribute,

    /// <summary><c>nonGeographicDataset</c>: an attribute table.</summary>
    NonGeographicDataset,

    /// <summary><c>software</c>.</summary>
    Software,
}

/// <summary>What a metadata document describes (<c>gpkg_metadata_reference.reference_scope</c>).</summary>
public enum GpkgMetadataTarget
{
    /// <summary><c>geopackage</c>: the whole file.</summary>
    GeoPackage,

    /// <summary><c>table</c>: one table named by <see cref="GpkgMetadataDocument.TableName"/>.</summary>
    Table,
}

/// <summary>A metadata document stored in a GeoPackage.</summary>
/// <param name="Id">The <c>gpkg_metadata.id</c>.</param>
/// <param name="Scope">What kind of thing the document describes.</param>
/// <param name="StandardUri">URI of the metadata standard or vocabulary (e.g. <c>http://purl.org/dc/terms/</c>).</param>
/// <param name="MimeType">MIME type of <paramref name="Content"/> (e.g. <c>application/json</c>, <c>text/plain</c>).</param>
/// <param name="Content">The document.</param>
/// <param name="Target">Whether it describes the file or a table.</param>
/// <param name="TableName">The table it describes when <paramref name="Target"/> is <see cref="GpkgMetadataTarget.Table"/>, else null.</param>
/// <param name="Timestamp">When the reference was recorded.</param>
public sealed record GpkgMetadataDocument(long Id, GpkgMetadataScope Scope, string StandardUri, string MimeType, string Content,
    GpkgMetadataTarget Target, string? TableName, DateTimeOffset Timestamp);

/// <summary>
/// The metadata extension (GeoPackage 1.3, Annex F.8: <c>gpkg_metadata</c>, <c>gpkg_metadata_reference</c>,
/// registered in <c>gpkg_extensions</c> as <c>gpkg_metadata</c>), so a file can carry its attribution and licence as
/// metadata documents for the whole GeoPackage or for one table. GDAL lists documents of other standards than its own
/// as <c>GPKG_METADATA_ITEM_n</c> in the layer's or dataset's metadata.
/// </summary>
public static class GpkgMetadata
{
    /// <summary><c>gpkg_extensions.definition</c> of the metadata extension for GeoPackage 1.3.</summary>
    public const string ExtensionDefinition = "http://www.geopackage.org/spec130/#extension_metadata";

    /// <summary>Creates the two metadata tables and registers the extension, if not done yet. Idempotent.</summary>
    /// <param name="connection">An open connection to an initialised GeoPackage.</param>
    /// <param name="transaction">The write transaction, or null when none is pending.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public static void EnsureExtension(SqliteConnection connection, SqliteTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        GpkgFile.Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS gpkg_metadata (
              id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
              md_scope TEXT NOT NULL DEFAULT 'dataset',
              md_standard_uri TEXT NOT NULL,
              mime_type TEXT NOT NULL DEFAULT 'text/xml',
              metadata TEXT NOT NULL DEFAULT '')
            """);
        GpkgFile.Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
              reference_scope TEXT NOT NULL,
              table_name TEXT,
              column_name TEXT,
              row_id_value INTEGER,
              timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              md_file_id INTEGER NOT NULL,
              md_parent_id INTEGER,
              CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
              CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))
            """);
        GpkgFile.RegisterExtension(connection, transaction, "gpkg_metadata", null, "gpkg_metadata", ExtensionDefinition, "read-write");
        GpkgFile.RegisterExtension(connection, transaction, "gpkg_metadata_reference", null, "gpkg_metadata", ExtensionDefinition, "read-write");
    }

    /// <summary>Stores a metadata document about the whole GeoPackage (e.g. the licence and attribution of an export).</summary>
    /// <param name="connection">An open connection to an initialised GeoPackage.</param>
    /// <param name="transaction">The write transaction, or null when none is pending.</param>
    /// <param name="scope">What the document describes (usually <see cref="GpkgMetadataScope.Dataset"/>).</param>
    /// <param name="standardUri">URI of the metadata standard or vocabulary, non-empty.</param>
    /// <param name="mimeType">MIME type of the document, non-empty.</param>
    /// <param name="content">The document.</param>
    /// <param name="timestamp">The reference's timestamp (the injected clock's now).</param>
    /// <returns>The new document's id.</returns>
    /// <exception cref="ArgumentException">A text argument is null or empty (content may be empty but not null).</exception>
    public static long AddForGeoPackage(SqliteConnection connection, SqliteTransaction? transaction, GpkgMetadataScope scope, string standardUri,
        string mimeType, string content, DateTimeOffset timestamp) =>
        Add(connection, transaction, scope, standardUri, mimeType, content, "geopackage", null, timestamp);

    /// <summary>Stores a metadata document about one table registered in <c>gpkg_contents</c>.</summary>
    /// <param name="connection">An open connection to an initialised GeoPackage.</param>
    /// <param name="transaction">The write transaction, or null when none is pending.</param>
    /// <param name="table">The described table (must already exist).</param>
    /// <param name="scope">What the document describes (for a table usually <see cref="GpkgMetadataScope.FeatureType"/> or <see cref="GpkgMetadataScope.NonGeographicDataset"/>).</param>
    /// <param name="standardUri">URI of the metadata standard or vocabulary, non-empty.</param>
    /// <param name="mimeType">MIME type of the document, non-empty.</param>
    /// <param name="content">The document.</param>
    /// <param name="timestamp">The reference's timestamp (the injected clock's now).</param>
    /// <returns>The new document's id.</returns>
    /// <exception cref="ArgumentException">A text argument is null or empty (content may be empty but not null).</exception>
    /// <exception cref="InvalidOperationException">The table is not registered in <c>gpkg_contents</c>.</exception>
    public static long AddForTable(SqliteConnection connection, SqliteTransaction? transaction, GpkgTable table, GpkgMetadataScope scope,
        string standardUri, string mimeType, string content, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(table);
        var registered = GpkgFile.Scalar(connection, transaction, "SELECT 1 FROM gpkg_contents WHERE table_name = $t", ("$t", table.Name));
        if (registered is null)
        {
            throw new InvalidOperationException($"table '{table.Name}' is not registered in gpkg_contents");
        }

        return Add(connection, transaction, scope, standardUri, mimeType, content, "table", table.Name, timestamp);
    }

    /// <summary>Reads every document with its reference (documents without a reference are skipped), by id.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The pending transaction, or null.</param>
    /// <returns>The documents; empty when the extension is absent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="FormatException">A stored scope, reference scope or timestamp is not one this project writes.</exception>
    public static IReadOnlyList<GpkgMetadataDocument> ReadAll(SqliteConnection connection, SqliteTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (GpkgFile.Scalar(connection, transaction, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_metadata_reference'") is null)
        {
            return [];
        }

        using var command = GpkgFile.Command(connection, transaction, """
            SELECT m.id, m.md_scope, m.md_standard_uri, m.mime_type, m.metadata, r.reference_scope, r.table_name, r.timestamp
            FROM gpkg_metadata AS m JOIN gpkg_metadata_reference AS r ON r.md_file_id = m.id
            WHERE r.reference_scope IN ('geopackage', 'table')
            ORDER BY m.id
            """);
        using var reader = command.ExecuteReader();
        var documents = new List<GpkgMetadataDocument>();
        while (reader.Read())
        {
            documents.Add(new GpkgMetadataDocument(
                reader.GetInt64(0),
                ParseScope(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5) == "table" ? GpkgMetadataTarget.Table : GpkgMetadataTarget.GeoPackage,
                reader.IsDBNull(6) ? null : reader.GetString(6),
                GpkgDateTime.Parse(reader.GetString(7))));
        }

        return documents;
    }

    /// <summary>The <c>md_scope</c> code of a scope.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>E.g. <c>dataset</c>, <c>featureType</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown value.</exception>
    public static string ScopeCode(GpkgMetadataScope scope) => scope switch
    {
        GpkgMetadataScope.Undefined => "undefined",
        GpkgMetadataScope.Dataset => "dataset",
        GpkgMetadataScope.Series => "series",
        GpkgMetadataScope.FeatureType => "featureType",
        GpkgMetadataScope.Feature => "feature",
        GpkgMetadataScope.AttributeType => "attributeType",
        GpkgMetadataScope.Attribute => "attribute",
        GpkgMetadataScope.NonGeographicDataset => "nonGeographicDataset",
        GpkgMetadataScope.Software => "software",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown metadata scope"),
    };

    private static GpkgMetadataScope ParseScope(string code)
    {
        foreach (var scope in Enum.GetValues<GpkgMetadataScope>())
        {
            if (ScopeCode(scope) == code)
            {
                return scope;
            }
        }

        throw new FormatException($"unsupported gpkg_metadata.md_scope '{code}'");
    }

    private static long Add(SqliteConnection connection, SqliteTransaction? transaction, GpkgMetadataScope scope, string standardUri, string mimeType,
        string content, string referenceScope, string? tableName, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(standardUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(content);
        var code = ScopeCode(scope);
        EnsureExtension(connection, transaction);
        var id = (long)GpkgFile.Scalar(connection, transaction,
            "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES ($scope, $uri, $mime, $content) RETURNING id",
            ("$scope", code), ("$uri", standardUri), ("$mime", mimeType), ("$content", content))!;
        GpkgFile.Execute(connection, transaction, """
            INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, row_id_value, timestamp, md_file_id, md_parent_id)
            VALUES ($scope, $table, NULL, NULL, $timestamp, $id, NULL)
            """,
            ("$scope", referenceScope), ("$table", tableName), ("$timestamp", GpkgDateTime.Format(timestamp)), ("$id", id));
        return id;
    }
}
