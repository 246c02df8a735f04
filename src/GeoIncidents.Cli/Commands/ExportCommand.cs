using System.CommandLine;
using System.Globalization;
using System.IO.Pipelines;
using GeoIncidents.Cli.Terminal;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage;
using GeoIncidents.Storage.Interchange;

namespace GeoIncidents.Cli.Commands;

/// <summary>
/// <c>geoincidents export [--format geojson|geojsonseq|csv|gpkg] [--out FILE|-] [--bbox W,S,E,N] [--datetime INTERVAL]
/// [--region CODE] [--db ...]</c>: incidents, streamed, with the query filters; stdout when <c>--out</c> is absent or
/// <c>-</c>. A file is written under a temporary name and moved into place when complete. A CSV file gets
/// <c>FILE.txt</c> beside it with the attribution and licence (on stdout, they go to stderr).
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string?>("--format") { Description = "geojson (default), geojsonseq (RFC 8142, RS-prefixed), csv (ACLED columns + gi_*), gpkg; default from the --out extension" };
        var output = new Option<string?>("--out") { Description = "The output file, or - for stdout (the default)" };
        var bbox = new Option<string?>("--bbox") { Description = "Only incidents intersecting W,S,E,N (degrees, lon/lat)" };
        var datetime = new Option<string?>("--datetime") { Description = "Only incidents whose time window meets this instant or interval (RFC 3339, start/end, .. for open)" };
        var region = new Option<string?>("--region") { Description = "Only incidents in this region (e.g. AM-SU)" };
        var db = StoreOptions.Db();
        var command = new Command("export", "Export incidents (GeoJSON, GeoJSON Sequence, CSV, GeoPackage) with their attribution and licence; streams")
        {
            format, output, bbox, datetime, region, db,
        };
        command.SetAction((parse, ct) => StoreOptions.RunAsync(async () =>
        {
            var target = parse.GetValue(output) is { Length: > 0 } o && o != "-" ? o : null;
            var exportFormat = ExportFormats.Resolve(parse.GetValue(format), target);
            var query = new RecordQuery { Limit = RecordQuery.MaxLimit, Region = parse.GetValue(region) };
            if (parse.GetValue(bbox) is { } b)
            {
                query = query with { Bbox = BoundingBox.TryParse(b, out var box, out var error) ? box : throw new ArgumentException($"--bbox: {error}") };
            }

            if (parse.GetValue(datetime) is { } d)
            {
                query = query with { DateTime = DateTimeFilter.TryParse(d, out var filter, out var error) ? filter : throw new ArgumentException($"--datetime: {error}") };
            }

            query.Validate();
            var location = StoreFactory.Resolve(parse.GetValue(db));

            // Throughput over pause times for this one long batch: no background GC while it runs.
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            await using var store = await StoreFactory.OpenExistingAsync(location, TimeProvider.System, ct).ConfigureAwait(false);
            var attribution = await ExportAttribution.FromStoreAsync(store, ct).ConfigureAwait(false);
            var state = new ProgressState("export");
            if (ProgressDisplay.Interactive)
            {
                state.Set(0, await store.Incidents.CountAsync(query with { Limit = RecordQuery.DefaultLimit }, ct).ConfigureAwait(false));
            }

            var progress = new Progress(state);
            var count = await ProgressDisplay.RunAsync(state, () => RunAsync(store, exportFormat, query, target, attribution, progress, ct)).ConfigureAwait(false);
            var where = target ?? "stdout";
            if (exportFormat == ExportFormat.Csv)
            {
                var readme = IncidentExporter.CsvReadme(target is null ? "stdout" : Path.GetFileName(target), count, attribution, TimeProvider.System.GetUtcNow());
                if (target is null)
                {
                    await Console.Error.WriteAsync(readme).ConfigureAwait(false);
                }
                else
                {
                    await File.WriteAllTextAsync(target + ".txt", readme, ct).ConfigureAwait(false);
                }
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"geoincidents: exported {count} incidents from {location.Display} to {where} ({Name(exportFormat)}); attribution: {(attribution.Attribution.Length == 0 ? "none" : attribution.Attribution)}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<long> RunAsync(IGeoIncidentStore store, ExportFormat format, RecordQuery query, string? target, ExportAttribution attribution, IProgress<long> progress, CancellationToken ct)
    {
        if (format == ExportFormat.GeoPackage)
        {
            if (target is not null)
            {
                return await GeoPackageExporter.WriteAsync(store, query, target, attribution, TimeProvider.System, progress, ct).ConfigureAwait(false);
            }

            // A GeoPackage is a file: build it, then send it.
            var temporary = Path.Combine(Path.GetTempPath(), $"geoincidents-export-{Guid.NewGuid():N}.gpkg");
            try
            {
                var n = await GeoPackageExporter.WriteAsync(store, query, temporary, attribution, TimeProvider.System, progress, ct).ConfigureAwait(false);
                await using var file = File.OpenRead(temporary);
                await using var stdout = Console.OpenStandardOutput();
                await file.CopyToAsync(stdout, ct).ConfigureAwait(false);
                return n;
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        if (target is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            return await WriteStreamAsync(store, format, query, stdout, attribution, progress, ct).ConfigureAwait(false);
        }

        var full = Path.GetFullPath(target);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long count;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                count = await WriteStreamAsync(store, format, query, file, attribution, progress, ct).ConfigureAwait(false);
            }

            File.Move(partial, full, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<long> WriteStreamAsync(IGeoIncidentStore store, ExportFormat format, RecordQuery query, Stream stream, ExportAttribution attribution, IProgress<long> progress, CancellationToken ct)
    {
        var pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 1 << 16, leaveOpen: true));
        var count = format switch
        {
            ExportFormat.GeoJsonSeq => await IncidentExporter.WriteGeoJsonSeqAsync(store, query, pipe, attribution, progress, ct).ConfigureAwait(false),
            ExportFormat.Csv => await IncidentExporter.WriteCsvAsync(store, query, pipe, progress, ct).ConfigureAwait(false),
            _ => await IncidentExporter.WriteGeoJsonAsync(store, query, pipe, attribution, progress, ct).ConfigureAwait(false),
        };
        await pipe.CompleteAsync().ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        return count;
    }

    private static string Name(ExportFormat format) => format switch
    {
        ExportFormat.GeoJsonSeq => "geojsonseq",
        ExportFormat.Csv => "csv",
        ExportFormat.GeoPackage => "gpkg",
        _ => "geojson",
    };

    private sealed class Progress(ProgressState state) : IProgress<long>
    {
        public void Report(long value) => state.Set(value, state.Maximum, string.Create(CultureInfo.InvariantCulture, $"export: {value:N0} incidents"));
    }
}
