using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Relational;

namespace GeoIncidents.Storage.Tests.Store;

/// <summary>
/// The GeoPackage store's text filter function: the needle against the parts lower-cased (invariant) and joined by a
/// newline, as the search text PostGIS stores (expected answers worked out by hand).
/// </summary>
public sealed class GpkgTextSearchTests
{
    public static TheoryData<string?, string?, string, bool> Cases => new()
    {
        { "Shelling of Sotk", "Mortar fire at night", "mortar", true },
        { "Shelling of Sotk", "Mortar fire at night", "sotk\nmortar", true },
        { "Shelling of Sotk", "Mortar fire at night", "sotkmortar", false },
        { "Shelling of Sotk", null, "shelling", true },
        { null, "Mortar fire", "fire", true },
        { string.Empty, "Mortar fire", "mortar fire", true },
        { "Fire near ՍՈԹՔ", null, "սոթք", true },
        { "Quiet day", "Nothing", "nothing happened", false },
        { null, null, "x", false },
        { null, null, string.Empty, false },
        { "Quiet day", null, string.Empty, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Contains_FindsTheNeedleInTheFoldedParts(string? first, string? second, string needle, bool expected)
    {
        Assert.Equal(expected, GpkgTextSearch.Contains(needle, first, second));

        // The same answer as the stored search text gives (PostGIS).
        var stored = WriteSession.SearchText([first, second]);
        Assert.Equal(expected, stored is not null && stored.Contains(needle, StringComparison.Ordinal));
    }

    [Fact]
    public void Contains_NullNeedle_IsFalse() => Assert.False(GpkgTextSearch.Contains(null, "a", "b"));
}
