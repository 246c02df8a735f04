using System.CommandLine;
using GeoIncidents.Storage;

namespace GeoIncidents.Cli.Commands;

/// <summary>The <c>--db</c> option every store command takes, and the error mapping of store commands.</summary>
internal static class StoreOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = $"The store: a GeoPackage path or a PostgreSQL connection string (Host=...;Database=... or postgresql://...). Default: ${StoreFactory.DatabaseVariable}, else $XDG_DATA_HOME/geoincidents/{StoreFactory.DefaultFileName}",
    };

    public static Option<bool> Json() => new("--json") { Description = "Machine output: exactly one JSON document on stdout" };

    /// <summary>Runs a store command: bad input (a malformed --db, an invalid id) is exit 2, anything else the caller maps to 1.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // ArgumentException appends " (Parameter 'x')": users need the sentence only.
            var message = ex.Message;
            var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            await Console.Error.WriteLineAsync($"geoincidents: {(cut > 0 ? message[..cut] : message)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
