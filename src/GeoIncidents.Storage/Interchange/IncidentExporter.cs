using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Interchange;

/// <summary>An output format of <c>geoincidents export</c>.</summary>
public enum ExportFormat
{
    /// <summary><c>geojson</c>: one RFC 7946 FeatureCollection with top-level <c>attribution</c> and <c>license</c> members.</summary>
    GeoJson,

    /// <summary><c>geojsonseq</c>: an RFC 8142 GeoJSON Text Sequence (each record RS-prefixed, LF-terminated); the first record is an empty FeatureCollection carrying <c>attribution</c> and <c>license</c>.</summary>
    GeoJsonSeq,

    /// <summary><c>csv</c>: ACLED's columns, then this project's <c>gi_*</c> columns (<see cref="AcledCsvMapper"/>); UTF-8 with BOM, CRLF.</summary>
    Csv,

    /// <summary><c>gpkg</c>: a GeoPackage 1.3 file with an <c>incidents</c> feature table and the licence as gpkg_metadata.</summary>
    GeoPackage,
}

/// <summary>Names of <see cref="ExportFormat"/> values.</summary>
public static class ExportFormats
{
    /// <summary>The format from <c>--format</c>, else from the output file's extension, else GeoJSON.</summary>
    /// <param name="format"><c>geojson</c>, <c>geojsonseq</c>, <c>csv</c> or <c>gpkg</c>, or null.</param>
    /// <param name="outputPath">The output file, or null/<c>-</c> for stdout.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static ExportFormat Resolve(string? format, string? outputPath)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Trim().ToLowerInvariant() switch
            {
                "geojson" or "json" => ExportFormat.GeoJson,
                "geojsonseq" or "geojsonl" or "geojsons" => ExportFormat.GeoJsonSeq,
                "csv" or "acled-csv" => ExportFormat.Csv,
                "gpkg" or "geopackage" => ExportFormat.GeoPackage,
                _ => throw new ArgumentException($"unknown format '{format}' (geojson, geojsonseq, csv, gpkg)", nameof(format)),
            };
        }

        return outputPath is null or "-" ? ExportFormat.GeoJson : Path.GetExtension(outputPath).ToLowerInvariant() switch
        {
            ".geojsonl" or ".geojsons" or ".geojsonseq" or ".jsonl" => ExportFormat.GeoJsonSeq,
            ".csv" => ExportFormat.Csv,
            ".gpkg" => ExportFormat.GeoPackage,
            _ => ExportFormat.GeoJson,
        };
    }

    /// <summary>The MIME type of a format.</summary>
    /// <param name="format">The format.</param>
    /// <returns>E.g. <c>application/geo+json</c>.</returns>
    public static string MediaType(this ExportFormat format) => format switch
    {
        ExportFormat.GeoJson => "application/geo+json",
        ExportFormat.GeoJsonSeq => "application/geo+json-seq",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/geopackage+sqlite3",
    };
}

/// <summary>
/// Exports incidents, streaming, with the same filters as queries (<see cref="RecordQuery"/>: bbox, datetime,
/// region, ...; retracted incidents hidden), in the store's stable order (occurrence start, then id), from ONE
/// database snapshot. The streamed formats write to any <see cref="PipeWriter"/> (a file, stdout, an HTTP response's
/// BodyWriter) in constant memory: GeoJSON and GeoJSON Sequence go row by row from the database reader to a
/// hand-written <see cref="Utf8JsonWriter"/> loop (the stored columns are the GeoJSON properties and JSON columns are
/// copied as they are); CSV goes through the records. Every export carries the store's attribution and licence
/// (<see cref="ExportAttribution"/>).
/// </summary>
public static class IncidentExporter
{
    private const int FlushEvery = 512;

    /// <summary>Batches of rows read ahead of the writer in a GeoPackage export (each at most 512 rows or about 512 KiB).</summary>
    private const int PipelineDepth = 4;
    private const byte RecordSeparator = 0x1E;

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText FeatureValue = JsonEncodedText.Encode("Feature");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText GeometryName = JsonEncodedText.Encode("geometry");
    private static readonly JsonEncodedText PropertiesName = JsonEncodedText.Encode("properties");
    private static readonly JsonEncodedText PointValue = JsonEncodedText.Encode("Point");
    private static readonly JsonEncodedText CoordinatesName = JsonEncodedText.Encode("coordinates");
    private static readonly JsonEncodedText RevisionName = JsonEncodedText.Encode("revision");
    private static readonly JsonEncodedText UpdatedName = JsonEncodedText.Encode("updated");
    private static readonly JsonEncodedText[] ColumnNames = StoreTables.Incidents.Columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();

    /// <summary>Writes incidents as an RFC 7946 FeatureCollection.</summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The filters (its limit and continuation are ignored).</param>
    /// <param name="output">Where to write; flushed every 512 features and at the end, not completed.</param>
    /// <param name="attribution">The attribution and licence to carry.</param>
    /// <param name="progress">Receives the number of features written (every 512 and at the end), or null.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many features were written.</returns>
    /// <exception cref="ArgumentException">A filter does not apply to incidents.</exception>
    public static Task<long> WriteGeoJsonAsync(IGeoIncidentStore store, RecordQuery query, PipeWriter output, ExportAttribution attribution,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(store, query, output, attribution, sequence: false, progress, pipelined: true, cancellationToken);

    /// <summary>
    /// Writes incidents as an RFC 8142 GeoJSON Text Sequence: every record is RS (0x1E), one Feature, LF (GDAL's
    /// GeoJSONSeq driver reads it; so does <c>geoincidents import</c>, with or without the RS). The first Feature
    /// carries the export's <c>attribution</c> and <c>license</c> as foreign members (RFC 7946, 6.1); an empty export
    /// is one empty FeatureCollection record carrying them.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The filters.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="attribution">The attribution and licence to carry.</param>
    /// <param name="progress">Receives the number of features written, or null.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many features were written.</returns>
    /// <exception cref="ArgumentException">A filter does not apply to incidents.</exception>
    public static Task<long> WriteGeoJsonSeqAsync(IGeoIncidentStore store, RecordQuery query, PipeWriter output, ExportAttribution attribution,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(store, query, output, attribution, sequence: true, progress, pipelined: true, cancellationToken);

    /// <summary>
    /// Writes incidents as ACLED-compatible CSV (<see cref="AcledCsvMapper.ExportColumns"/>): UTF-8 with a byte order
    /// mark (so spreadsheets read Armenian and Azerbaijani text), CRLF line ends, RFC 4180 quoting, every text cell
    /// neutralised against formula injection (<see cref="CsvCells"/>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The filters.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="progress">Receives the number of rows written, or null.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many rows were written (without the header).</returns>
    /// <exception cref="ArgumentException">A filter does not apply to incidents.</exception>
    public static async Task<long> WriteCsvAsync(IGeoIncidentStore store, RecordQuery query, PipeWriter output, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var regions = new List<Region>();
        await foreach (var r in store.Regions.StreamAsync(new RecordQuery { Limit = RecordQuery.MaxLimit }, cancellationToken).ConfigureAwait(false))
        {
            regions.Add(r.Record);
        }

        var gazetteer = new AcledGazetteer(regions);
        var csv = new CsvWriter(output);
        csv.WriteBom();
        csv.WriteRow(AcledCsvMapper.ExportColumns);
        long n = 0;
        await foreach (var stored in store.Incidents.StreamAsync(query with { After = null, Limit = RecordQuery.MaxLimit }, cancellationToken).ConfigureAwait(false))
        {
            csv.WriteRow(AcledCsvMapper.ToCells(stored.Record, gazetteer));
            if (++n % FlushEvery == 0)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(n);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(n);
        return n;
    }

    /// <summary>The text written beside a CSV export (<c>FILE.csv.txt</c>, or stderr for stdout): what it is, its attribution and licence, and how to read it.</summary>
    /// <param name="fileName">The CSV's name.</param>
    /// <param name="rows">Rows written.</param>
    /// <param name="attribution">The attribution.</param>
    /// <param name="exportedAt">When.</param>
    /// <returns>The text (several lines).</returns>
    public static string CsvReadme(string fileName, long rows, ExportAttribution attribution, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{fileName}: {rows} incidents exported by GeoIncidents at {exportedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.\n");
        text.Append("Attribution: ").Append(attribution.Attribution.Length == 0 ? "none" : attribution.Attribution).Append('\n');
        text.Append("Licence: ").Append(attribution.License.Length == 0 ? "none stated" : attribution.License).Append('\n');
        text.Append("Columns: ACLED's (event_id_cnty ... timestamp), then gi_* with the incident's own fields (gi_occurred ISO 8601, gi_tags and gi_sources JSON). ");
        text.Append("UTF-8 with BOM, CRLF. Text cells that begin with = + - @, a tab or CR start with an apostrophe (formula-injection guard); geoincidents import removes it.\n");
        return text.ToString();
    }

    /// <summary>As <see cref="WriteGeoJsonAsync"/> (or the sequence when <paramref name="sequence"/>), choosing whether a GeoPackage is read on a second thread (tests compare both).</summary>
    internal static async Task<long> WriteJsonAsync(IGeoIncidentStore store, RecordQuery query, PipeWriter output, ExportAttribution attribution, bool sequence,
        IProgress<long>? progress, bool pipelined, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(attribution);
        var options = new JsonWriterOptions { Encoder = GeoJsonSerialization.Options.Encoder, SkipValidation = true };
        long n = 0;
        using (var w = new Utf8JsonWriter(output, options))
        {
            if (!sequence)
            {
                w.WriteStartObject();
                w.WriteString(TypeName, "FeatureCollection");
                w.WriteString("name", "incidents");
                w.WriteString("attribution", attribution.Attribution);
                w.WriteString("license", attribution.License);
                w.WriteStartArray("features");
            }

            await foreach (var feature in RowsAsync(store, query, pipelined, ct).ConfigureAwait(false))
            {
                if (sequence)
                {
                    WriteByte(output, RecordSeparator);
                }

                feature(w, sequence && n == 0 ? attribution : null);
                if (sequence)
                {
                    EndRecord(w, output);
                }

                if (++n % FlushEvery == 0)
                {
                    w.Flush();
                    await output.FlushAsync(ct).ConfigureAwait(false);
                    progress?.Report(n);
                }
            }

            if (sequence && n == 0)
            {
                WriteByte(output, RecordSeparator);
                w.WriteStartObject();
                w.WriteString(TypeName, "FeatureCollection");
                w.WriteString("attribution", attribution.Attribution);
                w.WriteString("license", attribution.License);
                w.WriteStartArray("features");
                w.WriteEndArray();
                w.WriteEndObject();
                EndRecord(w, output);
            }

            if (!sequence)
            {
                w.WriteEndArray();
                w.WriteEndObject();
                w.Flush();
                WriteByte(output, (byte)'\n');
            }

            w.Flush();
        }

        await output.FlushAsync(ct).ConfigureAwait(false);
        progress?.Report(n);
        return n;
    }

    /// <summary>Writers of the matching features: straight from database rows for the stores of this project, else from records.</summary>
    private static async IAsyncEnumerable<Action<Utf8JsonWriter, ExportAttribution?>> RowsAsync(IGeoIncidentStore store, RecordQuery query, bool pipelined,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (store.Incidents is EfRecordSet<Incident, IncidentRow> rows)
        {
            RowCursor? current = null;
            void Write(Utf8JsonWriter w, ExportAttribution? a) => WriteFeature(w, current!, a);
            Action<Utf8JsonWriter, ExportAttribution?> write = Write;
            var cursors = pipelined && store is GpkgStore.GeoPackageStore ? PipelinedRowsAsync(rows, query, ct) : rows.StreamRowsAsync(query, ct);
            await foreach (var cursor in cursors.ConfigureAwait(false))
            {
                current = cursor;
                yield return write;
            }

            yield break;
        }

        await foreach (var stored in store.Incidents.StreamAsync(query with { After = null, Limit = RecordQuery.MaxLimit }, ct).ConfigureAwait(false))
        {
            var feature = ModelFeatures.Incidents.ToFeature(stored.Record, embedClaims: false);
            yield return (w, a) =>
            {
                // Foreign members of the first feature go in through a JSON node (GeoJSON4STJ writes no foreign members).
                if (a is null)
                {
                    JsonSerializer.Serialize(w, feature, GeoJsonSerialization.Options);
                    return;
                }

                var node = JsonSerializer.SerializeToNode(feature, GeoJsonSerialization.Options)!.AsObject();
                node["attribution"] = a.Attribution;
                node["license"] = a.License;
                node.WriteTo(w);
            };
        }
    }

    /// <summary>
    /// The rows of a GeoPackage export read on a second thread: one task steps the SQLite statement and copies each row
    /// into a <see cref="RowBatch"/> (512 rows or 512 KiB), the caller writes the rows of the batches in order while the
    /// next ones are read. At most <see cref="PipelineDepth"/> batches wait, so memory stays constant. The same rows,
    /// in the same order, from the same single statement (one snapshot) as <see cref="EfRecordSet{T, TRow}.StreamRowsAsync"/>.
    /// </summary>
    private static async IAsyncEnumerable<RowCursor> PipelinedRowsAsync(EfRecordSet<Incident, IncidentRow> rows, RecordQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var table = StoreTables.Incidents;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var full = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(PipelineDepth) { SingleReader = true, SingleWriter = true });
        var empty = new ConcurrentQueue<RowBatch>();
        Exception? failure = null;
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    var batch = empty.TryDequeue(out var b) ? b : new RowBatch(table);
                    await foreach (var cursor in rows.StreamRowsAsync(query, stop.Token).ConfigureAwait(false))
                    {
                        ((SqliteRowCursor)cursor).CopyTo(batch);
                        if (batch.IsFull)
                        {
                            await full.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                            batch = empty.TryDequeue(out b) ? b : new RowBatch(table);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await full.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    full.Writer.Complete();
                }
            },
            CancellationToken.None);

        try
        {
            var cursor = new BatchRowCursor(table);
            while (await full.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (full.Reader.TryRead(out var batch))
                {
                    cursor.Batch = batch;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        cursor.Row = i;
                        yield return cursor;
                    }

                    batch.Clear();
                    empty.Enqueue(batch);
                }
            }

            await reader.ConfigureAwait(false);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            // Stopped early (an error or cancellation on the writing side): stop the reader before the store is released.
            await stop.CancelAsync().ConfigureAwait(false);
            while (full.Reader.TryRead(out _))
            {
            }

            await reader.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One feature from a stored row, in the API's representation: Feature id, geometry (null when unlocated), the
    /// non-null columns as properties (JSON columns copied raw), then <c>revision</c> and <c>updated</c>.
    /// </summary>
    private static void WriteFeature(Utf8JsonWriter w, RowCursor row, ExportAttribution? attribution)
    {
        w.WriteStartObject();
        w.WriteString(TypeName, FeatureValue);
        if (attribution is not null)
        {
            w.WriteString("attribution", attribution.Attribution);
            w.WriteString("license", attribution.License);
        }

        row.WriteId(w, IdName);
        w.WritePropertyName(GeometryName);
        if (row.TryGetPoint(out var x, out var y))
        {
            WritePoint(w, x, y);
        }
        else
        {
            WriteGeometry(w, row.GeometryValue);
        }

        w.WriteStartObject(PropertiesName);
        var columns = row.Table.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (row.IsNull(i))
            {
                continue;
            }

            switch (columns[i].Kind)
            {
                case ColumnKind.Json:
                    row.WriteJson(w, ColumnNames[i], i);
                    break;
                case ColumnKind.Real:
                    w.WriteNumber(ColumnNames[i], row.GetDouble(i));
                    break;
                case ColumnKind.Integer:
                    w.WriteNumber(ColumnNames[i], row.GetInt64(i));
                    break;
                case ColumnKind.Boolean:
                    w.WriteBoolean(ColumnNames[i], row.GetBoolean(i));
                    break;
                case ColumnKind.Date:
                    w.WriteString(ColumnNames[i], row.GetDateText(i));
                    break;
                default:
                    row.WriteText(w, ColumnNames[i], i);
                    break;
            }
        }

        if (row.Revision is { } revision)
        {
            w.WriteNumber(RevisionName, revision);
        }

        if (row.UpdatedText() is { } updated)
        {
            w.WriteString(UpdatedName, updated);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A GeoJSON Point (RFC 7946: longitude, then latitude, in degrees).</summary>
    private static void WritePoint(Utf8JsonWriter w, double longitudeDegrees, double latitudeDegrees)
    {
        w.WriteStartObject();
        w.WriteString(TypeName, PointValue);
        w.WriteStartArray(CoordinatesName);
        w.WriteNumberValue(longitudeDegrees);
        w.WriteNumberValue(latitudeDegrees);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A geometry as GeoJSON: points from a GeoPackage blob are written from its WKB directly; anything else through GeoJSON4STJ (RFC 7946 ring orientation).</summary>
    private static void WriteGeometry(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                return;
            case byte[] blob when GpkgBlob.TryReadPoint(blob, out var x, out var y):
                WritePoint(w, x, y);
                return;
            case byte[] blob:
                WriteGeometry(w, GpkgBlob.Read(blob));
                return;
            case Geometry { IsEmpty: true }:
                w.WriteNullValue();
                return;
            case Point p:
                w.WriteStartObject();
                w.WriteString(TypeName, PointValue);
                w.WriteStartArray(CoordinatesName);
                w.WriteNumberValue(p.X);
                w.WriteNumberValue(p.Y);
                w.WriteEndArray();
                w.WriteEndObject();
                return;
            case Geometry g:
                JsonSerializer.Serialize(w, g, GeoJsonSerialization.Options);
                return;
            default:
                throw new InvalidCastException($"unexpected geometry value {value.GetType().Name}");
        }
    }

    private static void EndRecord(Utf8JsonWriter w, PipeWriter output)
    {
        w.Flush();
        WriteByte(output, (byte)'\n');
        w.Reset(output);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>RFC 4180 CSV into a PipeWriter: cells quoted when they hold a comma, quote, CR or LF; CRLF line ends.</summary>
    private sealed class CsvWriter(PipeWriter output)
    {
        public void WriteBom()
        {
            var span = output.GetSpan(3);
            span[0] = 0xEF;
            span[1] = 0xBB;
            span[2] = 0xBF;
            output.Advance(3);
        }

        public void WriteRow(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    WriteByte(output, (byte)',');
                }

                var cell = cells[i] ?? string.Empty;
                if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
                {
                    Write(cell);
                    continue;
                }

                WriteByte(output, (byte)'"');
                Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                WriteByte(output, (byte)'"');
            }

            WriteByte(output, (byte)'\r');
            WriteByte(output, (byte)'\n');
        }

        private void Write(string text)
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            output.Advance(Encoding.UTF8.GetBytes(text, span));
        }
    }
}
