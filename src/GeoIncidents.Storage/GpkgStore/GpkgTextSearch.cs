using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GeoIncidents.Storage.GpkgStore;

/// <summary>
/// The text filter of a GeoPackage store, evaluated by SQLite through a function registered on the store's connections
/// (<c>gi_text_contains(needle, first, second)</c>, <see cref="Interceptor"/>) instead of a stored
/// lower-cased copy of the text: a million-row store keeps about 280 bytes less per incident, and rows another tool
/// wrote are searchable as they are.
/// </summary>
internal static class GpkgTextSearch
{
    /// <summary>The SQL name of <see cref="Contains"/>.</summary>
    public const string FunctionName = "gi_text_contains";

    /// <summary>
    /// Whether <paramref name="needle"/> occurs in the text the filter searches: <paramref name="first"/> and
    /// <paramref name="second"/>, each lower-cased (invariant), joined by a newline when both are present (the text a
    /// stored <c>search_text</c> holds, <see cref="Relational.WriteSession.SearchTextOf"/>).
    /// </summary>
    /// <param name="needle">The searched text, already trimmed and lower-cased (invariant).</param>
    /// <param name="first">A text column (title; a claim's assertion), or null.</param>
    /// <param name="second">Another text column (description), or null.</param>
    /// <returns>True when it occurs (ordinal comparison of the folded text); false for a null needle.</returns>
    public static bool Contains(string? needle, string? first, string? second)
    {
        if (needle is null)
        {
            return false;
        }

        if (needle.Length == 0)
        {
            return true;
        }

        if (string.IsNullOrEmpty(first) || string.IsNullOrEmpty(second))
        {
            var only = string.IsNullOrEmpty(first) ? second : first;
            return !string.IsNullOrEmpty(only) && Folded(only).Contains(needle, StringComparison.Ordinal);
        }

        return Folded(first + "\n" + second).Contains(needle, StringComparison.Ordinal);
    }

    private static string Folded(string text) => text.ToLowerInvariant();

    /// <summary>
    /// Registers <c>gi_text_contains</c> on every connection the store's contexts open. Only the store's own queries call
    /// it (no trigger or view does), so other tools read and edit the file without it.
    /// </summary>
    public sealed class Interceptor : DbConnectionInterceptor
    {
        /// <summary>The shared, stateless instance.</summary>
        public static Interceptor Instance { get; } = new();

        /// <inheritdoc />
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

        /// <inheritdoc />
        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Register(connection);
            return Task.CompletedTask;
        }

        private static void Register(DbConnection connection) =>
            ((SqliteConnection)connection).CreateFunction<string?, string?, string?, bool>(FunctionName, Contains, isDeterministic: true);
    }
}
