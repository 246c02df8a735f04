namespace GeoIncidents.Core.Model;

/// <summary>
/// The rule for stable record ids (incidents, claims, places, parties, sources, zones, regions, reference lines):
/// 1 to 128 characters from <c>A–Z a–z 0–9 . _ : ~ -</c>, starting with a letter or digit. Such ids are safe in URLs
/// (<c>/collections/incidents/items/{id}</c>), file names and CSV without quoting, and compare ordinally
/// (case-sensitive): <c>AM-SU</c>, <c>ne-10m</c>, <c>inc-2021-05-12-sev-lich</c>.
/// </summary>
public static class RecordIds
{
    /// <summary>The longest id accepted, in characters.</summary>
    public const int MaxLength = 128;

    /// <summary>The comparer for ids: ordinal, case-sensitive.</summary>
    public static StringComparer Comparer => StringComparer.Ordinal;

    /// <summary>Tells whether a string is a valid stable id.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns>True when <paramref name="id"/> follows the rule of <see cref="RecordIds"/>.</returns>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '~' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Explains why an id is not valid, for messages.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns>A sentence naming the rule.</returns>
    internal static string Explain(string? id) => string.IsNullOrEmpty(id)
        ? "an id is required"
        : $"'{Shorten(id)}' is not a stable id: use 1–{MaxLength} characters from A–Z a–z 0–9 . _ : ~ -, starting with a letter or digit";

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
