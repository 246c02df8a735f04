using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage;

namespace GeoIncidents.Cli.Commands;

/// <summary><c>geoincidents db init|migrate|info [--db ...]</c>: create and seed, upgrade, describe the store.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Create, upgrade or describe the store (GeoPackage file or PostGIS)");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Migrate());
        command.Subcommands.Add(Info());
        return command;
    }

    private static Command Init()
    {
        var db = StoreOptions.Db();
        var command = new Command("init", "Create the store if missing and seed it from the shipped data if it is empty (idempotent)") { db };
        command.SetAction((parse, ct) => StoreOptions.RunAsync(async () =>
        {
            var location = StoreFactory.Resolve(parse.GetValue(db));
            var result = await StoreFactory.InitAsync(location, TimeProvider.System, cancellationToken: ct).ConfigureAwait(false);
            var what = result.Seed is { } seed
                ? $"seeded {seed.CreatedCount} records (revision {seed.RevisionId})"
                : "already initialised, nothing written";
            await Console.Out.WriteLineAsync($"{Name(location.Backend)} {location.Display}: {(result.Created ? "created, " : string.Empty)}{what}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Migrate()
    {
        var db = StoreOptions.Db();
        var command = new Command("migrate", "Create or upgrade the store schema to this program's version; adopt rows other tools appended") { db };
        command.SetAction((parse, ct) => StoreOptions.RunAsync(async () =>
        {
            var location = StoreFactory.Resolve(parse.GetValue(db));
            var r = await StoreFactory.MigrateAsync(location, TimeProvider.System, cancellationToken: ct).ConfigureAwait(false);
            var adopted = r.Adopted + r.Invalid == 0 ? string.Empty : $"; adopted {r.Adopted} rows written by other tools" + (r.Invalid > 0 ? $", {r.Invalid} invalid rows left out" : string.Empty);
            await Console.Out.WriteLineAsync($"{Name(location.Backend)} {location.Display}: schema version {r.VersionBefore} -> {r.VersionAfter}{adopted}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Info()
    {
        var db = StoreOptions.Db();
        var json = StoreOptions.Json();
        var command = new Command("info", "Print the backend, location, schema version, counts per collection and the last revision") { db, json };
        command.SetAction((parse, ct) => StoreOptions.RunAsync(async () =>
        {
            var location = StoreFactory.Resolve(parse.GetValue(db));
            await using var store = await StoreFactory.OpenExistingAsync(location, TimeProvider.System, ct).ConfigureAwait(false);
            var stats = await store.GetStatisticsAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                WriteJson(location, stats);
                return ExitCodes.Ok;
            }

            var o = Console.Out;
            await o.WriteLineAsync($"backend: {Name(location.Backend)}").ConfigureAwait(false);
            await o.WriteLineAsync($"location: {location.Display}").ConfigureAwait(false);
            await o.WriteLineAsync($"schema version: {stats.SchemaVersion.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            foreach (var c in stats.Counts)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{c.Collection.WireName()}: {c.Active} ({c.Retracted} retracted)")).ConfigureAwait(false);
            }

            await o.WriteLineAsync("last revision: " + (stats.LastRevision is { } last ? HistoryCommand.Describe(last) : "none")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteJson(StoreLocation location, StoreStatistics stats)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("backend", Name(location.Backend));
            w.WriteString("location", location.Display);
            w.WriteNumber("schemaVersion", stats.SchemaVersion);
            w.WriteStartObject("counts");
            foreach (var c in stats.Counts)
            {
                w.WriteStartObject(c.Collection.WireName());
                w.WriteNumber("active", c.Active);
                w.WriteNumber("retracted", c.Retracted);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WritePropertyName("lastRevision");
            if (stats.LastRevision is { } last)
            {
                HistoryCommand.WriteEntry(w, last);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteEndObject();
        }

        stdout.Write("\n"u8);
    }

    internal static string Name(StoreBackend backend) => backend == StoreBackend.PostGis ? "postgis" : "geopackage";
}
