namespace GeoIncidents.Core.Interchange;

/// <summary>
/// ACLED's country-level codes for the countries of the shipped data: <c>iso</c> (ISO 3166-1 numeric) and
/// <c>region</c> (ACLED's world region). Used to leave these derivable values out of an import's tags and to write
/// them back on export.
/// </summary>
public static class AcledRegions
{
    private static readonly Dictionary<string, (string Numeric, string Region)> Countries = new(StringComparer.Ordinal)
    {
        ["AM"] = ("51", "Caucasus and Central Asia"),
        ["AZ"] = ("31", "Caucasus and Central Asia"),
        ["GE"] = ("268", "Caucasus and Central Asia"),
        ["IR"] = ("364", "Middle East"),
        ["TR"] = ("792", "Middle East"),
        ["RU"] = ("643", "Europe"),
    };

    /// <summary>The ISO 3166-1 numeric code ACLED writes as <c>iso</c>.</summary>
    /// <param name="alpha2">An ISO 3166-1 alpha-2 code, or null.</param>
    /// <returns>E.g. <c>51</c> for AM; null for a country outside the table.</returns>
    public static string? IsoNumeric(string? alpha2) => alpha2 is not null && Countries.TryGetValue(alpha2, out var c) ? c.Numeric : null;

    /// <summary>ACLED's world region (<c>region</c>).</summary>
    /// <param name="alpha2">An ISO 3166-1 alpha-2 code, or null.</param>
    /// <returns>E.g. <c>Caucasus and Central Asia</c>; null for a country outside the table.</returns>
    public static string? WorldRegion(string? alpha2) => alpha2 is not null && Countries.TryGetValue(alpha2, out var c) ? c.Region : null;
}
