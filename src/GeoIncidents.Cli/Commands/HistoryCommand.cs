using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage;

namespace GeoIncidents.Cli.Commands;

/// <summary><c>geoincidents history ID [--collection C] [--json] [--db ...]</c>: every revision of a record, oldest first.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The record's stable id (e.g. an incident id)" };
        var collection = new Option<string?>("--collection") { Description = "Only this collection (incidents, claims, regions, reference-lines, zones, places, parties, sources, control-events, api-keys)" };
        var db = StoreOptions.Db();
        var json = StoreOptions.Json();
        var command = new Command("history", "Print every revision of a record (who, when, what changed; snapshots with --json)") { id, collection, db, json };
        command.SetAction((parse, ct) => StoreOptions.RunAsync(async () =>
        {
            StoreCollection? only = null;
            if (parse.GetValue(collection) is { } name)
            {
                only = StoreCollections.TryParse(name, out var c) ? c : throw new ArgumentException($"unknown collection '{name}'");
            }

            var recordId = parse.GetValue(id)!;
            var location = StoreFactory.Resolve(parse.GetValue(db));
            await using var store = await StoreFactory.OpenExistingAsync(location, TimeProvider.System, ct).ConfigureAwait(false);
            var entries = await store.HistoryAsync(recordId, only, ct).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                await Console.Error.WriteLineAsync($"geoincidents: no record '{recordId}' in {location.Display}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("id", recordId);
                    w.WriteStartArray("revisions");
                    foreach (var entry in entries)
                    {
                        WriteEntry(w, entry);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                stdout.Write("\n"u8);
                return ExitCodes.Ok;
            }

            foreach (var entry in entries)
            {
                await Console.Out.WriteLineAsync(Describe(entry)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One line: when, revision, action, who, what.</summary>
    internal static string Describe(RevisionEntry e)
    {
        var what = e.Collection is { } c ? $"{c.WireName()}/{e.RecordId}" : $"{e.BatchRecordCount} records";
        var rev = e.Revision is { } r ? $"rev {r.ToString(CultureInfo.InvariantCulture)}" : "-";
        var detail = e.Batch is { } b
            ? $"from {b.Name} (sha256 {b.Sha256[..Math.Min(12, b.Sha256.Length)]}…, {e.BatchRecordCount} records)"
            : e.ChangedFields.Count > 0 ? "fields: " + string.Join(", ", e.ChangedFields) : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"#{e.Id}  {e.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}  {rev}  {Action(e.Action)}  {e.Actor}  {what}  {detail}").TrimEnd();
    }

    internal static void WriteEntry(Utf8JsonWriter w, RevisionEntry e)
    {
        w.WriteStartObject();
        w.WriteNumber("revisionId", e.Id);
        w.WriteString("action", Action(e.Action));
        w.WriteString("actor", e.Actor.Value);
        w.WriteString("at", e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (e.Collection is { } c)
        {
            w.WriteString("collection", c.WireName());
            w.WriteString("id", e.RecordId);
        }

        if (e.Revision is { } r)
        {
            w.WriteNumber("revision", r);
        }

        w.WriteStartArray("changedFields");
        foreach (var f in e.ChangedFields)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        if (e.Batch is { } b)
        {
            w.WriteStartObject("batch");
            w.WriteString("source", b.Name);
            w.WriteString("sha256", b.Sha256);
            w.WriteNumber("records", e.BatchRecordCount);
            w.WriteEndObject();
        }

        if (e.Snapshot is { } snapshot)
        {
            w.WritePropertyName("snapshot");
            w.WriteRawValue(snapshot);
        }

        w.WriteEndObject();
    }

    private static string Action(RevisionAction a) => a.ToString().ToLowerInvariant();
}
