using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.GeoPackage.GpkgIdentifier;

namespace GeoIncidents.Storage.Interchange;

/// <summary>
/// Exports incidents to a new GeoPackage 1.3 file: one feature table <c>incidents</c> with the API's property names as
/// columns (<c>tags</c>, <c>sources</c>, <c>warnings</c> as JSON, <c>updated</c> as DATETIME), the R-tree index,
/// extents in gpkg_contents, and the attribution and licence as gpkg_metadata (a JSON document for the whole file and
/// one for the table). The file is built under a temporary name beside the target and moved into place when complete
/// (rollback journal, so the result is one self-contained file), so a reader never sees half a file; passes GDAL's
/// validate_gpkg.py.
/// </summary>
public static class GeoPackageExporter
{
    /// <summary>The URI of the vocabulary the metadata document uses (Dublin Core terms: rights, license).</summary>
    public const string MetadataStandard = "http://purl.org/dc/terms/";

    /// <summary>The declaration of the exported table.</summary>
    internal static GpkgFeatureTable Table { get; } = new(
        "incidents",
        GpkgGeometryType.Geometry,
        [
            new GpkgColumn("id", GpkgColumnType.Text) { NotNull = true, Unique = true, Description = "the incident's stable id" },
            .. StoreTables.Incidents.Columns.Select(c => new GpkgColumn(c.Name, GpkgStoreSchema.ColumnType(c.Kind))),
            new GpkgColumn("revision", GpkgColumnType.Integer) { Description = "the record's revision in the store it was exported from" },
            new GpkgColumn("updated", GpkgColumnType.DateTime) { Description = "when the record last changed (UTC)" },
        ],
        description: "GeoIncidents incidents (export)");

    /// <summary>Exports into a GeoPackage file (replacing it when complete).</summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The filters.</param>
    /// <param name="path">The .gpkg file to write.</param>
    /// <param name="attribution">The attribution and licence to carry.</param>
    /// <param name="clock">The clock for gpkg_contents and metadata times.</param>
    /// <param name="progress">Receives the number of features written, or null.</param>
    /// <param name="cancellationToken">Cancels the export (the target is left untouched).</param>
    /// <returns>How many features were written.</returns>
    /// <exception cref="ArgumentException">A filter does not apply to incidents.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static async Task<long> WriteAsync(IGeoIncidentStore store, RecordQuery query, string path, ExportAttribution attribution, TimeProvider clock,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(clock);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long count;
            var connection = GpkgConnection.Open(temporary, pooling: false);
            await using (connection.ConfigureAwait(false))
            {
                GpkgFile.Initialize(connection, GpkgJournalMode.Delete);
                count = await FillAsync(connection, store, query, attribution, clock, progress, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
            return count;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            File.Delete(temporary + "-journal");
        }
    }

    private static async Task<long> FillAsync(SqliteConnection connection, IGeoIncidentStore store, RecordQuery query, ExportAttribution attribution, TimeProvider clock,
        IProgress<long>? progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        using var transaction = connection.BeginTransaction(deferred: false);
        GpkgSchema.EnsureTable(connection, transaction, Table, now);

        // The spatial index is filled once at the end from the envelopes, in Morton order (see GpkgRowInserter).
        GpkgFile.Execute(connection, transaction, $"DROP TRIGGER {Quote(Table.RTreeName + "_insert")}");
        GpkgFile.Execute(connection, transaction, "CREATE TEMP TABLE gi_export_rtree (k INTEGER, id INTEGER, minx REAL, maxx REAL, miny REAL, maxy REAL)");
        var names = Table.Columns.Select(c => c.Name).Prepend("geom").Prepend("fid").ToList();
        using var insert = new SqliteRawStatement(connection,
            $"INSERT INTO {Quote(Table.Name)} ({string.Join(", ", names.Select(Quote))}) VALUES ({string.Join(", ", names.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)))})");
        using var envelope = new SqliteRawStatement(connection, "INSERT INTO temp.gi_export_rtree VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        long count = 0;
        await foreach (var stored in Rows(store, query, ct).ConfigureAwait(false))
        {
            var fid = ++count;
            var (blob, bounds) = stored.Geometry;
            var i = 1;
            insert.Bind(i++, fid);
            insert.Bind(i++, blob);
            insert.Bind(i++, stored.Id);
            foreach (var value in stored.Values)
            {
                switch (value)
                {
                    case null:
                        insert.Bind(i++, (string?)null);
                        break;
                    case double d:
                        insert.Bind(i++, d);
                        break;
                    case long l:
                        insert.Bind(i++, l);
                        break;
                    case bool b:
                        insert.Bind(i++, b ? 1L : 0L);
                        break;
                    default:
                        insert.Bind(i++, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            insert.Bind(i++, (long?)stored.Revision);
            insert.Bind(i, stored.Updated is { } u ? GpkgDateTime.Format(u) : null);
            insert.Execute();
            if (bounds is { } e)
            {
                envelope.Bind(1, MortonKeys.Of((e.MinX + e.MaxX) / 2, (e.MinY + e.MaxY) / 2));
                envelope.Bind(2, fid);
                envelope.Bind(3, e.MinX);
                envelope.Bind(4, e.MaxX);
                envelope.Bind(5, e.MinY);
                envelope.Bind(6, e.MaxY);
                envelope.Execute();
            }

            if (count % 1000 == 0)
            {
                progress?.Report(count);
            }
        }

        GpkgFile.Execute(connection, transaction, $"INSERT INTO {Quote(Table.RTreeName)} (id, minx, maxx, miny, maxy) SELECT id, minx, maxx, miny, maxy FROM temp.gi_export_rtree ORDER BY k");
        GpkgFile.Execute(connection, transaction, "DROP TABLE temp.gi_export_rtree");
        GpkgFile.Execute(connection, transaction, GpkgSchema.RTreeTriggerSql(Table)[0]);
        GpkgContents.UpdateExtent(connection, transaction, Table, now);
        var document = JsonSerializer.Serialize(new
        {
            title = "GeoIncidents incidents export",
            rights = attribution.Attribution,
            license = attribution.License,
            datasets = attribution.Datasets.Select(d => new { dataset = d.Dataset, attribution = d.Attribution, licence = d.Licence }),
            created = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            count,
        });
        GpkgMetadata.AddForGeoPackage(connection, transaction, GpkgMetadataScope.Dataset, MetadataStandard, "application/json", document, now);
        GpkgMetadata.AddForTable(connection, transaction, Table, GpkgMetadataScope.FeatureType, MetadataStandard, "text/plain",
            $"Attribution: {attribution.Attribution}\nLicence: {attribution.License}", now);
        transaction.Commit();
        progress?.Report(count);
        return count;
    }

    /// <summary>The matching incidents as column values (the API's properties), geometry as a GeoPackage blob and its envelope.</summary>
    private static async IAsyncEnumerable<ExportRow> Rows(IGeoIncidentStore store, RecordQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (store.Incidents is EfRecordSet<Incident, IncidentRow> rows)
        {
            var columns = StoreTables.Incidents.Columns;
            await foreach (var row in rows.StreamRowsAsync(query, ct).ConfigureAwait(false))
            {
                var values = new object?[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = row.IsNull(i) ? null : columns[i].Kind switch
                    {
                        ColumnKind.Real => row.GetDouble(i),
                        ColumnKind.Integer => row.GetInt64(i),
                        ColumnKind.Boolean => row.GetBoolean(i),
                        ColumnKind.Date => row.GetDateText(i),
                        _ => row.GetString(i),
                    };
                }

                yield return new ExportRow(row.Id, Encode(row.GeometryValue), values, row.Revision, row.Updated);
            }

            yield break;
        }

        await foreach (var stored in store.Incidents.StreamAsync(query with { After = null, Limit = RecordQuery.MaxLimit }, ct).ConfigureAwait(false))
        {
            var image = RecordCodec.FromRecord(StoreTables.Incidents, stored.Record);
            yield return new ExportRow(stored.Record.Id, Encode(image.Geometry), image.Values, stored.Revision, stored.Updated);
        }
    }

    private static (byte[]? Blob, GpkgEnvelope? Bounds) Encode(object? geometry) => geometry switch
    {
        null => (null, null),
        byte[] blob => (blob, GpkgBlob.ReadEnvelope(blob)),
        NetTopologySuite.Geometries.Geometry g => (GpkgBlob.Write(g), g.IsEmpty ? null : GpkgEnvelope.FromEnvelope(g.EnvelopeInternal)),
        _ => throw new InvalidCastException($"unexpected geometry value {geometry.GetType().Name}"),
    };

    private sealed record ExportRow(string Id, (byte[]? Blob, GpkgEnvelope? Bounds) Geometry, object?[] Values, int? Revision, DateTimeOffset? Updated);
}
