using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Relational;

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
    /// Whether <paramref name="needle"/> occurs in the text a stored <c>search_text</c> would hold for
    /// <paramref name="first"/> and <paramref name="second"/> (<see cref="WriteSession.SearchText(string?, string?)"/>:
    /// each lower-cased, invariant, joined by a newline when both are present).
    /// </summary>
    /// <param name="needle">The searched text, already trimmed and lower-cased (invariant).</param>
    /// <param name="first">A text column (title; a claim's assertion), or null.</param>
    /// <param name="second">Another text column (description), or null.</param>
    /// <returns>True when it occurs (ordinal comparison); false for a null needle or when both texts are empty.</returns>
    public static bool Contains(string? needle, string? first, string? second) =>
        needle is not null && WriteSession.SearchText(first, second) is { } text && text.Contains(needle, StringComparison.Ordinal);

    /// <summary>
    /// Registers <c>gi_text_contains</c> on every connection the store's contexts open. Only the store's own queries call
    /// it (no trigger or view does), so other tools read and edit the file without it.
    /// </summary>
    public static GpkgConnectionInterceptor Interceptor { get; } = new(connection =>
        connection.CreateFunction<string?, string?, string?, bool>(FunctionName, Contains, isDeterministic: true));
}
