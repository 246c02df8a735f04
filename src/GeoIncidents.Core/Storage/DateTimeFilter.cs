using System.Globalization;
using System.Text.RegularExpressions;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// A <c>datetime</c> filter (OGC API - Features): an instant, or a closed interval whose ends may be open
/// (<c>..</c>). A record matches when its time window intersects it: for incidents and claims the occurrence interval
/// WIDENED by its precision (a "May 2021" incident spans [2021-05-01, 2021-06-01)), for zones and reference lines
/// their validity, for control events their effective day (DESIGN.md, HTTP contract).
/// </summary>
/// <remarks>
/// Text forms: <c>2021-05-12T04:30:00Z</c> (RFC 3339, an offset is required), a full date <c>2021-05-12</c> (that day's
/// 00:00 UTC), and intervals <c>start/end</c> of either with <c>..</c> or nothing for an open end
/// (<c>2021-05-01/..</c>, <c>../2021-06-01</c>). Both ends are inclusive instants: a window [from, to) matches when
/// <c>from &lt;= End</c> and <c>to &gt; Start</c>.
/// </remarks>
public sealed partial record DateTimeFilter
{
    private DateTimeFilter(DateTimeOffset? start, DateTimeOffset? end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The first instant (inclusive, UTC), or null for an open start.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>The last instant (inclusive, UTC), or null for an open end.</summary>
    public DateTimeOffset? End { get; }

    /// <summary>A single instant.</summary>
    /// <param name="instant">The instant (converted to UTC).</param>
    /// <returns>The filter.</returns>
    public static DateTimeFilter At(DateTimeOffset instant) => new(instant.ToUniversalTime(), instant.ToUniversalTime());

    /// <summary>An interval; either end may be null (open).</summary>
    /// <param name="start">First instant, inclusive, or null.</param>
    /// <param name="end">Last instant, inclusive, or null; not before <paramref name="start"/>.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static DateTimeFilter Between(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } s && end is { } e && e < s)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"the end {e:O} is before the start {s:O}");
        }

        return new DateTimeFilter(start?.ToUniversalTime(), end?.ToUniversalTime());
    }

    /// <summary>Whether a time window [<paramref name="from"/>, <paramref name="toExclusive"/>) intersects the filter; a null bound is unbounded.</summary>
    /// <param name="from">Window start (inclusive), or null for unbounded.</param>
    /// <param name="toExclusive">Window end (exclusive), or null for unbounded.</param>
    /// <returns>True when they share an instant.</returns>
    public bool Matches(DateTimeOffset? from, DateTimeOffset? toExclusive) =>
        (End is not { } end || from is not { } f || f <= end) && (Start is not { } start || toExclusive is not { } t || t > start);

    /// <summary>Parses the text forms in the remarks.</summary>
    /// <param name="text">The text.</param>
    /// <param name="filter">The filter when the method returns true.</param>
    /// <param name="error">What is wrong when it returns false.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string? text, out DateTimeFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "datetime is empty: give an instant (2021-05-12T00:00:00Z), a date or an interval start/end with '..' for an open end";
            return false;
        }

        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            error = $"datetime '{text}' has more than one '/'";
            return false;
        }

        if (!TryParseEnd(parts[0], parts.Length == 2, out var start, out error))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            filter = new DateTimeFilter(start, start);
            return true;
        }

        if (!TryParseEnd(parts[1], true, out var end, out error))
        {
            return false;
        }

        if (start is null && end is null)
        {
            error = "datetime '../..' is open at both ends: leave the filter out instead";
            return false;
        }

        if (start is { } s && end is { } e && e < s)
        {
            error = $"datetime '{text}': the end is before the start";
            return false;
        }

        filter = new DateTimeFilter(start, end);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Start == End && Start is { } only
        ? Format(only)
        : (Start is { } s ? Format(s) : "..") + "/" + (End is { } e ? Format(e) : "..");

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool TryParseEnd(string part, bool mayBeOpen, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        var s = part.Trim();
        if (s is ".." or "")
        {
            if (!mayBeOpen)
            {
                error = "an open end ('..') is only allowed in an interval";
                return false;
            }

            return true;
        }

        if (DatePattern().IsMatch(s)
            && DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            value = new DateTimeOffset(day, TimeSpan.Zero);
            return true;
        }

        if (DateTimePattern().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            value = instant.ToUniversalTime();
            return true;
        }

        error = $"'{s}' is not an RFC 3339 date-time with an offset (2021-05-12T04:30:00Z), a date (2021-05-12) or '..'";
        return false;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
