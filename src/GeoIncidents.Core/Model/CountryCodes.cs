namespace GeoIncidents.Core.Model;

/// <summary>ISO 3166-1 alpha-2 country codes as the model stores them (<c>AM</c>, <c>AZ</c>).</summary>
public static class CountryCodes
{
    private static readonly Dictionary<string, string> FromAlpha3 = new(StringComparer.Ordinal)
    {
        ["ARM"] = "AM",
        ["AZE"] = "AZ",
        ["GEO"] = "GE",
        ["IRN"] = "IR",
        ["RUS"] = "RU",
        ["TUR"] = "TR",
    };

    /// <summary>Tells whether a text has the shape of an alpha-2 code (two upper-case ASCII letters).</summary>
    /// <param name="code">The candidate.</param>
    /// <returns>True for e.g. <c>AM</c>.</returns>
    public static bool IsAlpha2(string? code) => code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);

    /// <summary>
    /// Normalises a country code to alpha-2: alpha-2 codes pass through; the alpha-3 codes of the countries in the
    /// shipped data (ARM, AZE, GEO, IRN, RUS, TUR) are converted.
    /// </summary>
    /// <param name="code">An alpha-2 or known alpha-3 code.</param>
    /// <param name="alpha2">The alpha-2 code when the method returns true.</param>
    /// <returns>True when the code is recognised.</returns>
    public static bool TryNormalize(string? code, out string alpha2)
    {
        if (IsAlpha2(code))
        {
            alpha2 = code!;
            return true;
        }

        if (code is not null && FromAlpha3.TryGetValue(code, out var mapped))
        {
            alpha2 = mapped;
            return true;
        }

        alpha2 = string.Empty;
        return false;
    }
}
