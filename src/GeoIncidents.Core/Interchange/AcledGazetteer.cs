using System.Globalization;
using System.Text;
using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// Names of the store's regions as ACLED writes them: <c>country</c> (e.g. <c>Armenia</c>) to an ISO 3166-1 alpha-2
/// code and back, and <c>admin1</c> (e.g. <c>Syunik</c>) within a country to a region id (<c>AM-SU</c>) and back.
/// Names match case-insensitively, ignoring diacritics, spaces, hyphens and apostrophes (<c>Vayots' Dzor</c> =
/// <c>Vayots Dzor</c>; <c>Lənkəran</c> = <c>Lenkeran</c>), against both the English and the local name. A name that
/// two regions of one country share matches neither (ambiguous names are not guessed).
/// </summary>
public sealed class AcledGazetteer
{
    private readonly Dictionary<string, string> _countryByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _countryName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Country, string Name), string?> _admin1 = [];
    private readonly Dictionary<string, (string Name, string Country)> _regions = new(RecordIds.Comparer);

    // A file names few distinct countries and admin1 units over and over: answers are remembered (folding is costly).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _countryCache = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string?, string), string?> _admin1Cache = new();

    /// <summary>Builds the gazetteer.</summary>
    /// <param name="regions">The regions (countries and first-level units).</param>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> is null.</exception>
    public AcledGazetteer(IEnumerable<Region> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        foreach (var r in regions)
        {
            _regions[r.Id] = (r.Name, r.Country);
            if (r.Kind == RegionKind.Country)
            {
                _countryName[r.Country] = r.Name;
                foreach (var name in Names(r))
                {
                    _countryByName[name] = r.Country;
                }

                continue;
            }

            foreach (var name in Names(r))
            {
                // A name two units of one country share is ambiguous: remember it as such (null).
                _admin1[(r.Country, name)] = _admin1.TryGetValue((r.Country, name), out var other) && other != r.Id ? null : r.Id;
            }
        }
    }

    /// <summary>An empty gazetteer (no region is known; admin1 names stay unresolved).</summary>
    public static AcledGazetteer Empty { get; } = new([]);

    /// <summary>The alpha-2 code of a country named as ACLED names it, or null.</summary>
    /// <param name="name">E.g. <c>Armenia</c>; an alpha-2 or known alpha-3 code is accepted too.</param>
    /// <returns>The code, or null when unknown.</returns>
    public string? CountryCode(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : _countryCache.GetOrAdd(name, ResolveCountry);

    private string? ResolveCountry(string name)
    {
        if (_countryByName.TryGetValue(Fold(name), out var code))
        {
            return code;
        }

        return CountryCodes.TryNormalize(name.Trim().ToUpperInvariant(), out var alpha2) ? alpha2 : null;
    }

    /// <summary>The English name of a country by its alpha-2 code, or null when it is not a region of the store.</summary>
    /// <param name="alpha2">E.g. <c>AM</c>.</param>
    /// <returns>E.g. <c>Armenia</c>.</returns>
    public string? CountryName(string? alpha2) => alpha2 is not null && _countryName.TryGetValue(alpha2, out var name) ? name : null;

    /// <summary>The region id of a first-level unit named as ACLED's <c>admin1</c>, within a country.</summary>
    /// <param name="countryAlpha2">The country's alpha-2 code, or null (then the name must be unique across countries).</param>
    /// <param name="name">The admin1 name.</param>
    /// <returns>The region id, or null when unknown or ambiguous.</returns>
    public string? Admin1Id(string? countryAlpha2, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : _admin1Cache.GetOrAdd((countryAlpha2, name), key => ResolveAdmin1(key.Item1, key.Item2));

    private string? ResolveAdmin1(string? countryAlpha2, string name)
    {
        var folded = Fold(name);
        if (countryAlpha2 is not null)
        {
            return _admin1.TryGetValue((countryAlpha2, folded), out var id) ? id : null;
        }

        var matches = _admin1.Where(kv => kv.Key.Name == folded).Select(kv => kv.Value).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The English name and country of a region by id, or null when the region is unknown.</summary>
    /// <param name="regionId">E.g. <c>AM-SU</c>.</param>
    /// <returns>E.g. (<c>Syunik</c>, <c>AM</c>).</returns>
    public (string Name, string Country)? Region(string? regionId) =>
        regionId is not null && _regions.TryGetValue(regionId, out var r) ? r : null;

    /// <summary>The comparison form of a name: lower case, without diacritics, spaces, hyphens, apostrophes and dots.</summary>
    /// <param name="name">A name.</param>
    /// <returns>The folded name.</returns>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is ' ' or '-' or '\'' or '’' or '.' or '‘' or 'ʼ')
            {
                continue;
            }

            // Azerbaijani schwa and dotless i have no decomposition; ACLED spells them e and i.
            sb.Append(c switch
            {
                 'ə' or 'Ə' or 'ǝ' => 'e',
                 'ı' => 'i',
                 _ => char.ToLowerInvariant(c),
            });
        }

        return sb.ToString();
    }

    private static IEnumerable<string> Names(Region r)
    {
        yield return Fold(r.Name);
        if (r.NameLocal is { Length: > 0 } local)
        {
            yield return Fold(local);
        }
    }
}
