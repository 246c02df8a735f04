using System.Text.Json;
using System.Threading.Channels;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;
using nietras.SeparatedValues;

namespace GeoIncidents.Storage.Interchange;

/// <summary>
/// Imports incidents (and claims embedded in them) from a GeoJSON FeatureCollection, a GeoJSON Text Sequence or an
/// ACLED-style CSV file into a store, all or nothing: the file is read once, streaming, while a second task writes
/// the records into ONE store transaction (<see cref="IGeoIncidentStore.WriteBatchAsync"/>, one batch revision naming
/// the file and its SHA-256). The first bad record rolls the transaction back; reading goes on to the end so that
/// every bad record is reported with its line or feature number; then nothing is written. Records are written with
/// <see cref="RecordWrite.Put{T}"/> by id (ACLED's <c>event_id_cnty</c>): re-importing a file changes nothing, a
/// changed record becomes a new revision. Plausibility warnings of the validator (lat/lon swap, far outside the named
/// admin1, low coordinate precision, ...) are stored on the records, never rejected. Memory stays bounded: records
/// pass through a bounded queue and the store counts rather than lists what it wrote.
/// </summary>
public static class IncidentImporter
{
    /// <summary>How many chunks of writes may wait for the store.</summary>
    private const int QueueCapacity = 2;

    /// <summary>
    /// How many writes the reader hands to the store at once: one hand-over per write woke the other thread for almost
    /// every record (a futex wake-up and a thread-pool dispatch each, about a tenth of a large import's CPU). Small
    /// enough that the records in flight die young: with 4 chunks of 128 waiting, most gen0 collections of a
    /// million-row import became gen1 collections.
    /// </summary>
    private const int ChunkSize = 32;

    /// <summary>Imports a file.</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format: <see cref="ImportFormat.GeoJson"/>, <see cref="ImportFormat.GeoJsonSeq"/> or <see cref="ImportFormat.AcledCsv"/>.</param>
    /// <param name="options">Actor, clock, progress and error callbacks; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the import (nothing is written).</param>
    /// <returns>Accepted (written as one batch) or rejected (nothing written) with every error.</returns>
    /// <exception cref="ArgumentException">The format is not one incidents are imported from.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<ImportResult> ImportAsync(IGeoIncidentStore store, string path, ImportFormat format, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ImportOptions();
        if (format is not (ImportFormat.GeoJson or ImportFormat.GeoJsonSeq or ImportFormat.AcledCsv))
        {
            throw new ArgumentException($"incidents are imported from geojson, geojsonseq or acled-csv, not {format.Name()} (boundaries from gpkg or shp need --layer)", nameof(format));
        }

        var source = await BatchSource.FromFileAsync(path, cancellationToken).ConfigureAwait(false);
        var context = await ImportContext.LoadAsync(store, options.Clock, cancellationToken).ConfigureAwait(false);
        var run = new ImportRun(options, new FileInfo(path).Length);
        var queue = Channel.CreateBounded<List<RecordWrite>>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(path, format, context, run, queue.Writer, cts.Token), cts.Token);
        BatchResult? batch = null;
        try
        {
            batch = await store.WriteBatchAsync(Flatten(queue.Reader, cts.Token), source, options.Actor, run, cts.Token).ConfigureAwait(false);
        }
        catch (ImportRejectedException)
        {
            // The reader found a bad record and rolled the batch back; it goes on reporting errors to the end.
        }
        catch (Exception ex) when (ex is StoreException or RecordValidationException)
        {
            // A store rule broke (e.g. a claim about an incident that is not in the store): nothing was written.
            run.Fail(0, "store: " + ex.Message);
        }
        catch
        {
            await cts.CancelAsync().ConfigureAwait(false);
            await Observe(reading).ConfigureAwait(false);
            throw;
        }

        await reading.ConfigureAwait(false);
        return run.Result(batch is not null && !run.Rejected, batch, source, []);
    }

    /// <summary>The writes of the reader's chunks, in order.</summary>
    private static async IAsyncEnumerable<RecordWrite> Flatten(ChannelReader<List<RecordWrite>> chunks, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var chunk in chunks.ReadAllAsync(ct).ConfigureAwait(false))
        {
            foreach (var write in chunk)
            {
                yield return write;
            }
        }
    }

    /// <summary>The same validation and mapping as an import, without writing: every error of the file.</summary>
    internal static async Task ReadAsync(string path, ImportFormat format, ImportContext context, ImportRun run, ChannelWriter<List<RecordWrite>> writer, CancellationToken ct)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var feed = new Feed(run, writer, stream);
                switch (format)
                {
                    case ImportFormat.AcledCsv:
                        await ReadCsvAsync(stream, context, feed, ct).ConfigureAwait(false);
                        break;
                    case ImportFormat.GeoJson:
                        await ReadFeaturesAsync(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(stream, ct), context, feed, ct).ConfigureAwait(false);
                        break;
                    default:
                        await ReadFeaturesAsync(GeoJsonFeatureStreams.ReadSequenceAsync(stream, ct), context, feed, ct).ConfigureAwait(false);
                        break;
                }

                await feed.FlushAsync(ct).ConfigureAwait(false);
                run.Report(stream.Length, force: true);
            }

            if (run.Records == 0 && !run.Rejected)
            {
                run.Fail(0, "the file holds no records");
            }

            writer.TryComplete(run.Rejected ? new ImportRejectedException() : null);
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    private static async Task ReadCsvAsync(Stream stream, ImportContext context, Feed feed, CancellationToken ct)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, DisableQuotesParsing = false }).From(stream, leaveOpen: true);
        if (reader.Header.IsEmpty)
        {
            feed.Run.Fail(0, "file: empty (an ACLED-style CSV starts with a header line)");
            return;
        }

        AcledCsvMapper mapper;
        try
        {
            mapper = new AcledCsvMapper(reader.Header.ColNames, context.Gazetteer);
        }
        catch (InvalidDataException ex)
        {
            feed.Run.Fail(0, "file: " + ex.Message);
            return;
        }

        while (reader.MoveNext())
        {
            ct.ThrowIfCancellationRequested();
            var result = mapper.Read(new SepCsvRow(reader.Current));
            if (!result.IsValid)
            {
                feed.Bad(result.Errors.Select(e => e.ToString()));
                continue;
            }

            await feed.AcceptAsync(result.Value!, "line " + result.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), context, ct).ConfigureAwait(false);
        }
    }

    private static async Task ReadFeaturesAsync(IAsyncEnumerable<RawFeature> features, ImportContext context, Feed feed, CancellationToken ct)
    {
        await foreach (var raw in features.WithCancellation(ct).ConfigureAwait(false))
        {
            if (raw.Error is { } error)
            {
                feed.Bad([error.ToString()]);
                continue;
            }

            var element = raw.Element!.Value;
            if (IsMetadataRecord(element))
            {
                // The first record of our own GeoJSON Sequence export: an empty FeatureCollection carrying attribution and licence.
                continue;
            }

            var result = ModelFeatures.Incidents.Read(element, raw.Number);
            if (!result.IsValid)
            {
                feed.Bad(result.Errors.Select(e => e.ToString()));
                continue;
            }

            await feed.AcceptAsync(result.Value!, "feature " + raw.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), context, ct).ConfigureAwait(false);
        }
    }

    /// <summary>An empty FeatureCollection in a GeoJSON Text Sequence: the metadata record an export writes first.</summary>
    internal static bool IsMetadataRecord(JsonElement element) =>
        element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "FeatureCollection"
        && (!element.TryGetProperty("features", out var features) || (features.ValueKind == JsonValueKind.Array && features.GetArrayLength() == 0));

    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ImportRejectedException)
        {
            // The writer's failure is what the caller sees.
        }
    }

    /// <summary>Validates accepted records, flags their warnings and queues their writes until the first bad record.</summary>
    private sealed class Feed(ImportRun run, ChannelWriter<List<RecordWrite>> writer, Stream stream)
    {
        private List<RecordWrite> _chunk = new(ChunkSize);

        public ImportRun Run => run;

        /// <summary>Hands the writes queued so far to the store (none once the file is rejected).</summary>
        public async ValueTask FlushAsync(CancellationToken ct)
        {
            if (_chunk.Count > 0 && !run.Rejected)
            {
                var full = _chunk;
                _chunk = new List<RecordWrite>(ChunkSize);
                await writer.WriteAsync(full, ct).ConfigureAwait(false);
            }
        }

        private ValueTask QueueAsync(RecordWrite write, CancellationToken ct)
        {
            _chunk.Add(write);
            return _chunk.Count >= ChunkSize ? FlushAsync(ct) : ValueTask.CompletedTask;
        }

        public void Bad(IEnumerable<string> errors)
        {
            run.Bad(errors);
            run.Report(stream.Position);
        }

        public async Task AcceptAsync(Incident incident, string where, ImportContext context, CancellationToken ct)
        {
            Incident flagged;
            try
            {
                if (incident.Claims.Count == 0)
                {
                    var report = context.Validator.Validate(incident);
                    if (report.HasErrors)
                    {
                        throw new RecordValidationException("incident", report.Errors.ToList());
                    }

                    var warnings = report.Warnings.ToList();
                    flagged = warnings.Count == 0 && incident.Warnings.Count == 0 ? incident : incident.WithWarnings(warnings);
                }
                else
                {
                    flagged = context.Validator.Flag(incident);

                    // Claims stated as a derivation (a band along a line, ...) are stored with the area it gives, as seeded ones are.
                    if (flagged.Claims.Any(c => c.Derivation is not null && c.Geometry is null))
                    {
                        flagged = flagged.WithClaims(flagged.Claims.Select(context.Materialise).ToList());
                    }
                }
            }
            catch (RecordValidationException ex)
            {
                run.Bad(ex.Issues.Select(i => $"{where}: {i.Field}: {i.Message}"));
                run.Report(stream.Position);
                return;
            }
            catch (AnalysisException ex)
            {
                run.Bad([$"{where}: claims: the derivation cannot be computed: {ex.Message}"]);
                run.Report(stream.Position);
                return;
            }

            // Validated against the unit it states (if any); a located incident that states none gets the one containing it.
            flagged = context.Admin1.Assign(flagged);
            run.Good(flagged.Warnings.Count > 0 || flagged.Claims.Any(c => c.Warnings.Count > 0));
            if (!run.Rejected)
            {
                await QueueAsync(RecordWrite.Put(flagged.Claims.Count == 0 ? flagged : flagged.WithClaims([])), ct).ConfigureAwait(false);
                foreach (var claim in flagged.Claims)
                {
                    await QueueAsync(RecordWrite.Put(claim), ct).ConfigureAwait(false);
                }
            }

            run.Report(stream.Position);
        }
    }

    /// <summary>A Sep record seen through <see cref="ICsvRow"/> (no string per field).</summary>
    private readonly ref struct SepCsvRow(SepReader.Row row) : ICsvRow
    {
        private readonly SepReader.Row _row = row;

        public int LineNumber => _row.LineNumberFrom;

        public int FieldCount => _row.ColCount;

        public ReadOnlySpan<char> this[int index] => _row[index].Span;
    }
}
