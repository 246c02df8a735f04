using System.CommandLine;
using GeoIncidents.Cli.Measure;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.ShippedData;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Storage;

namespace GeoIncidents.Cli.Commands;

/// <summary>
/// <c>geoincidents measure locate|displace|band|claims</c> (DESIGN.md, CLI contract): the analyses on the shipped data,
/// human-readable by default (every figure with its unit and uncertainty), exactly one GeoJSON document on stdout under
/// <c>--json</c> (properties as in the HTTP contract). Bad input: one line on stderr, exit 2.
/// </summary>
/// <remarks>Reads the shipped data (data/ beside the program) by default, or the records of a store with <c>--db</c>
/// (a store that does not exist yet is created and seeded from the shipped data, as every store command does).</remarks>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var measure = new Command("measure", "Measure positions, movements, bands and claims against the reference border lines, each figure with its receipt");
        measure.Subcommands.Add(Locate());
        measure.Subcommands.Add(Displace());
        measure.Subcommands.Add(Band());
        measure.Subcommands.Add(Claims());
        return measure;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Write the full result with its receipts as one GeoJSON document" };

    private static Option<string?> LineOption() => new("--reference-line") { Description = "Measure against this reference line only (e.g. osm-2020, ne-10m)" };

    private static Option<string?> DbOption() => new("--db")
    {
        Description = "Read the records from this store (a GeoPackage path or a PostgreSQL connection string) instead of the shipped data",
    };

    private static Command Locate()
    {
        var at = new Option<string>("--at") { Description = "The position, LAT,LON (e.g. 39.5875,46.2293 or 39.5875N,46.2293E)", Required = true };
        var precision = new Option<string?>("--precision") { Description = "The position's uncertainty radius (e.g. 1.5km; bare numbers are metres)" };
        var line = LineOption();
        var json = JsonOption();
        var db = DbOption();
        var command = new Command("locate", "Country, province and the distance and side of a position relative to each reference line, with a verdict") { at, precision, line, json, db };
        command.SetAction((parse, ct) => RunAsync(async () =>
        {
            var position = Position(parse.GetValue(at), "--at");
            var radius = OptionalLength(parse.GetValue(precision), "--precision");
            var result = LocateAnalysis.Locate(await DataAsync(parse.GetValue(db), ct).ConfigureAwait(false), position, radius, parse.GetValue(line));
            return parse.GetValue(json) ? AnalysisGeoJson.ToFeature(result) : MeasureReport.Locate(result);
        }));
        return command;
    }

    private static Command Displace()
    {
        var from = new Option<string>("--from") { Description = "The start, LAT,LON", Required = true };
        var azimuth = new Option<string>("--azimuth") { Description = "The initial azimuth in degrees, clockwise from north", Required = true };
        var distance = new Option<string>("--distance") { Description = "How far along the geodesic (e.g. 3.5km, 3500m; bare numbers are metres)", Required = true };
        var radius = new Option<string?>("--origin-radius") { Description = "The start's uncertainty radius (e.g. 1.5km)" };
        var line = LineOption();
        var json = JsonOption();
        var db = DbOption();
        var command = new Command("displace", "Where a geodesic movement ends, its path, the countries it crosses and where the destination lies relative to each reference line") { from, azimuth, distance, radius, line, json, db };
        command.SetAction((parse, ct) => RunAsync(async () =>
        {
            var origin = Position(parse.GetValue(from), "--from");
            var az = Azimuth(parse.GetValue(azimuth));
            var d = PositiveLength(parse.GetValue(distance), "--distance");
            var r = OptionalLength(parse.GetValue(radius), "--origin-radius");
            var result = DisplaceAnalysis.Displace(await DataAsync(parse.GetValue(db), ct).ConfigureAwait(false), origin, az, d, r, parse.GetValue(line));
            return parse.GetValue(json) ? AnalysisGeoJson.ToFeature(result) : MeasureReport.Displace(result);
        }));
        return command;
    }

    private static Command Band()
    {
        var region = new Option<string>("--region") { Description = "The region (ISO 3166-2, e.g. AM-SU for Syunik)", Required = true };
        var depth = new Option<string>("--depth") { Description = "The depth from the line (e.g. 3.5km)", Required = true };
        var line = LineOption();
        var json = JsonOption();
        var db = DbOption();
        var command = new Command("band", "The part of a region within a depth of each reference line: area (with the interval at depth ± the line's p95) and the places inside") { region, depth, line, json, db };
        command.SetAction((parse, ct) => RunAsync(async () =>
        {
            var d = PositiveLength(parse.GetValue(depth), "--depth");
            var results = BandAnalysis.Bands(await DataAsync(parse.GetValue(db), ct).ConfigureAwait(false), parse.GetValue(region)!, d, parse.GetValue(line));
            return parse.GetValue(json) ? AnalysisGeoJson.ToFeatureCollection(results) : MeasureReport.Bands(results);
        }));
        return command;
    }

    private static Command Claims()
    {
        var incident = new Option<string>("--incident") { Description = "The incident id (e.g. inc-2021-05-27-gegharkunik-kalbajar)", Required = true };
        var json = JsonOption();
        var db = DbOption();
        var command = new Command("claims", "Locate every claim of an incident, measure it against each reference line and compare every pair") { incident, json, db };
        command.SetAction((parse, ct) => RunAsync(async () =>
        {
            var result = ClaimComparisonAnalysis.CompareClaims(await DataAsync(parse.GetValue(db), ct).ConfigureAwait(false), parse.GetValue(incident)!);
            return parse.GetValue(json) ? AnalysisGeoJson.ToFeatureCollection(result) : MeasureReport.Claims(result);
        }));
        return command;
    }

    /// <summary>Runs one measurement: GeoJSON objects are serialised, text is written as is; errors become one line on stderr.</summary>
    private static async Task<int> RunAsync(Func<Task<object>> measure)
    {
        object output;
        try
        {
            output = await measure().ConfigureAwait(false);
        }
        catch (BadInputException ex)
        {
            Console.Error.WriteLine($"geoincidents: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (AnalysisException ex)
        {
            Console.Error.WriteLine($"geoincidents: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or SeedDataException or InvalidDataException or StoreException)
        {
            Console.Error.WriteLine($"geoincidents: cannot read the data: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }

        var text = output as string ?? AnalysisGeoJson.ToJson(output);
        Console.Out.Write(text);
        if (!text.EndsWith('\n'))
        {
            Console.Out.WriteLine();
        }

        return ExitCodes.Ok;
    }

    /// <summary>The records to measure: the shipped data, or the store named by <c>--db</c>.</summary>
    private static async Task<AnalysisData> DataAsync(string? db, CancellationToken ct)
    {
        if (db is null)
        {
            return AnalysisData.FromSeed(SeedData.Load(ShippedDataSet.LocateDirectory()));
        }

        if (string.IsNullOrWhiteSpace(db))
        {
            throw new BadInputException("--db: a GeoPackage path or a PostgreSQL connection string is required");
        }

        IGeoIncidentStore store;
        try
        {
            store = await StoreFactory.OpenAsync(StoreFactory.Resolve(db), TimeProvider.System, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // A malformed path or connection string. ArgumentException appends " (Parameter 'x')": users need the sentence only.
            var cut = ex.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            throw new BadInputException($"--db: {(cut > 0 ? ex.Message[..cut] : ex.Message)}");
        }

        await using var opened = store;
        return await AnalysisData.FromStoreAsync(store, ct).ConfigureAwait(false);
    }

    private static GeoPosition Position(string? text, string option) =>
        GeoPosition.TryParseLatLon(text, out var position, out var error)
            ? position
            : throw new BadInputException($"{option}: {error}");

    private static Angle Azimuth(string? text)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var degrees) || !double.IsFinite(degrees))
        {
            throw new BadInputException($"--azimuth: '{text}' is not a number of degrees (clockwise from north, e.g. 90)");
        }

        return Angle.FromDegrees(degrees);
    }

    private static Length PositiveLength(string? text, string option)
    {
        if (!Length.TryParse(text, out var length, out var error))
        {
            throw new BadInputException($"{option}: {error}");
        }

        return length.Meters > 0 ? length : throw new BadInputException($"{option}: must be greater than 0 m (is {text})");
    }

    private static Length? OptionalLength(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        if (!Length.TryParse(text, out var length, out var error))
        {
            throw new BadInputException($"{option}: {error}");
        }

        return length.Meters >= 0 ? length : throw new BadInputException($"{option}: must not be negative (is {text})");
    }

    /// <summary>A command-line value that cannot be used (exit 2).</summary>
    private sealed class BadInputException(string message) : Exception(message);
}
