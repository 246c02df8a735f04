using System.CommandLine;
using System.Globalization;
using GeoIncidents.Cli.Terminal;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage;
using GeoIncidents.Storage.Interchange;

namespace GeoIncidents.Cli.Commands;

/// <summary>
/// <c>geoincidents import FILE [--format geojson|geojsonseq|acled-csv] [--db ...]</c>: incidents, all or nothing;
/// <c>geoincidents import FILE --layer regions|reference-lines|zones [--format geojson|gpkg|shp] --source TEXT
/// --licence TEXT --accuracy-p95-m N [--left-country CC --right-country CC] [--db ...]</c>: your own boundaries.
/// Exit 0 written (one batch revision), 3 rejected (every bad record named on stderr, nothing written), 2 bad usage.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The file to import" };
        var format = new Option<string?>("--format") { Description = "geojson, geojsonseq, acled-csv (incidents); geojson, gpkg, shp (with --layer). Default: from the extension (.csv .geojson .json .geojsonl .geojsons .gpkg .shp)" };
        var layer = new Option<string?>("--layer") { Description = "Import boundaries into regions, reference-lines or zones instead of incidents" };
        var source = new Option<string?>("--source") { Description = "With --layer: where the boundaries come from (stored on every record)" };
        var licence = new Option<string?>("--licence") { Description = "With --layer: their licence (e.g. CC-BY-4.0, ODbL-1.0)" };
        var accuracy = new Option<double?>("--accuracy-p95-m") { Description = "With --layer: their stated positional accuracy, 95th percentile, in metres (recorded as not assumed)" };
        var left = new Option<string?>("--left-country") { Description = "With --layer reference-lines: the country on the left of the lines (ISO alpha-2), unless each feature says left_country" };
        var right = new Option<string?>("--right-country") { Description = "With --layer reference-lines: the country on the right (ISO alpha-2), unless each feature says right_country" };
        var db = StoreOptions.Db();
        var command = new Command("import", "Import incidents (GeoJSON, GeoJSON Sequence, ACLED-style CSV) or, with --layer, your own boundaries; all or nothing")
        {
            file, format, layer, source, licence, accuracy, left, right, db,
        };
        command.SetAction((parse, ct) => StoreOptions.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new ArgumentException($"no file '{path}'");
            }

            var importFormat = ImportFormats.Resolve(path, parse.GetValue(format));
            BoundaryImport? boundaries = null;
            if (parse.GetValue(layer) is { } layerName)
            {
                boundaries = new BoundaryImport(
                    BoundaryLayers.Parse(layerName),
                    Required(parse.GetValue(source), "--source"),
                    Required(parse.GetValue(licence), "--licence"),
                    parse.GetValue(accuracy) ?? throw new ArgumentException("--layer needs --accuracy-p95-m (metres)"),
                    parse.GetValue(left),
                    parse.GetValue(right));
            }
            else if (parse.GetValue(source) is not null || parse.GetValue(licence) is not null || parse.GetValue(accuracy) is not null)
            {
                throw new ArgumentException("--source, --licence and --accuracy-p95-m go with --layer (incidents carry their own sources)");
            }

            var location = StoreFactory.Resolve(parse.GetValue(db));

            // Throughput over pause times for this one long batch: no background GC while it runs.
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            await using var store = await StoreFactory.OpenAsync(location, TimeProvider.System, cancellationToken: ct).ConfigureAwait(false);
            var state = new ProgressState($"import {Path.GetFileName(path)}");
            var interactive = ProgressDisplay.Interactive;
            var options = new ImportOptions
            {
                Progress = new Progress(state, Path.GetFileName(path)),
                OnError = interactive ? state.Lines.Enqueue : line => Console.Error.WriteLine(line),
            };
            var result = await ProgressDisplay.RunAsync(state, () => boundaries is null
                ? IncidentImporter.ImportAsync(store, path, importFormat, options, ct)
                : BoundaryImporter.ImportAsync(store, path, importFormat, boundaries, options, ct)).ConfigureAwait(false);
            foreach (var note in result.Notes)
            {
                await Console.Error.WriteLineAsync($"geoincidents: {note}").ConfigureAwait(false);
            }

            if (!result.Accepted)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"geoincidents: import rejected: {result.BadRecords} bad of {result.Records} records ({result.ErrorCount} errors); nothing was written")).ConfigureAwait(false);
                return ExitCodes.ImportRejected;
            }

            var batch = result.Batch!;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"imported {path} into {location.Display}: {result.Records} records, {batch.CreatedCount} created, {batch.UpdatedCount} updated, {batch.Unchanged} unchanged, {result.WarnedRecords} with warnings; {(batch.RevisionId == 0 ? "nothing changed, no revision" : "revision " + batch.RevisionId)} (sha256 {result.Source.Sha256})")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Required(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"--layer needs {option}") : value;

    /// <summary>Turns import progress into the display's state: bytes read of the file, and the counts.</summary>
    private sealed class Progress(ProgressState state, string name) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => state.Set(
            value.BytesRead,
            value.TotalBytes,
            string.Create(CultureInfo.InvariantCulture, $"import {name}: {value.RecordsRead:N0} read, {value.RecordsWritten:N0} written"));
    }
}
