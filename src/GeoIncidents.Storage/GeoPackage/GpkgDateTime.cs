using System.Globalization;
using System.Text.RegularExpressions;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// GeoPackage DATE and DATETIME text (GeoPackage 1.3, clause 1.1.1.1.3: ISO 8601 <c>YYYY-MM-DD</c> and
/// <c>YYYY-MM-DDTHH:MM:SS.SSSZ</c>, UTC). Instants are written in UTC with millisecond precision (sub-millisecond
/// ticks are truncated); reading also accepts what GDAL and SQLite write: seconds without fraction, up to 7 fraction
/// digits, a space instead of 'T', and a numeric offset, which is converted to UTC.
/// </summary>
public static partial class GpkgDateTime
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Formats an instant as a GeoPackage DATETIME: UTC, milliseconds, trailing Z.</summary>
    /// <param name="value">The instant (any offset; converted to UTC).</param>
    /// <returns>E.g. <c>2021-05-03T10:15:00.000Z</c>.</returns>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a GeoPackage DATETIME.</summary>
    /// <param name="text">ISO 8601 date-time: <c>YYYY-MM-DD</c>, 'T' or space, <c>HH:MM[:SS[.f…]]</c>, then Z, a ±HH:MM offset or nothing (read as UTC).</param>
    /// <returns>The instant, with offset zero.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not such a date-time.</exception>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DateTimePattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new FormatException($"'{text}' is not a GeoPackage DATETIME (expected e.g. 2021-05-03T10:15:00.000Z)");
        }

        return value.ToUniversalTime();
    }

    /// <summary>Formats a calendar date as a GeoPackage DATE.</summary>
    /// <param name="value">The date.</param>
    /// <returns>E.g. <c>2021-05-03</c>.</returns>
    public static string FormatDate(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a GeoPackage DATE.</summary>
    /// <param name="text">Exactly <c>YYYY-MM-DD</c>.</param>
    /// <returns>The date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not such a date.</exception>
    public static DateOnly ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new FormatException($"'{text}' is not a GeoPackage DATE (expected e.g. 2021-05-03)");
        }

        return value;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
