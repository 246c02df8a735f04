using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Relational;

namespace GeoIncidents.Storage.Tests.Store;

/// <summary>
/// The GeoPackage store's text filter function against the stored search text it replaces
/// (<see cref="WriteSession.SearchText(IEnumerable{string?})"/>, still what PostGIS stores): the same answer for the
/// same parts.
/// </summary>
public sealed class GpkgTextSearchTests
{
    public static TheoryData<string?, string?, string> Cases => new()
    {
        { "Shelling of Sotk", "Mortar fire at night", "mortar" },
        { "Shelling of Sotk", "Mortar fire at night", "sotk\nmortar" },
        { "Shelling of Sotk", null, "shelling" },
        { null, "Mortar fire", "fire" },
        { string.Empty, "Mortar fire", "mortar fire" },
        { "Fire near ՍՈԹՔ", null, "սոթք" },
        { "Quiet day", "Nothing", "nothing happened" },
        { null, null, "x" },
        { "Quiet day", null, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Contains_AgreesWithTheStoredSearchText(string? first, string? second, string needle)
    {
        var stored = WriteSession.SearchText([first, second]);
        var expected = stored is not null && stored.Contains(needle, StringComparison.Ordinal);

        Assert.Equal(expected, GpkgTextSearch.Contains(needle, first, second));
    }

    [Fact]
    public void Contains_NullNeedle_IsFalse() => Assert.False(GpkgTextSearch.Contains(null, "a", "b"));
}
