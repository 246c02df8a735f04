using System.Globalization;
using System.Text.RegularExpressions;

namespace GeoIncidents.Core.Model;

/// <summary>
/// When something happened: a stated start and end (UTC) and the precision of the statement. A vague date is widened
/// to the whole unit it names: "May 2021" (<c>2021-05</c>, month precision) spans [2021-05-01, 2021-06-01).
/// </summary>
/// <remarks>
/// <para><see cref="Start"/> and <see cref="End"/> are what the source states, as UTC instants; a calendar date is
/// that day's 00:00 UTC (ACLED, UCDP and the sources carry no time zone; Armenia and Azerbaijan are UTC+4, so a local
/// day begins at 20:00 UTC the day before). <see cref="End"/> equals <see cref="Start"/> for a single date and is the
/// <em>start of the last unit</em> of an interval written with dates: <c>2020-11-09/2020-11-10</c> includes both days.</para>
/// <para>The widened interval [<see cref="WidenedStart"/>, <see cref="WidenedEnd"/>) is half-open and always at
/// least one unit long: <see cref="WidenedStart"/> is <see cref="Start"/> floored to its day, month or year, and
/// <see cref="WidenedEnd"/> is the end of the unit that contains <see cref="End"/>. Datetime filters test it.</para>
/// <para>Text form (<see cref="TryParse"/>, <see cref="ToIsoString"/>): ISO 8601 <c>2021</c>, <c>2021-05</c>,
/// <c>2021-05-12</c>, <c>2021-05-12T04:30:00Z</c> (an offset is required and converted to UTC), or an interval
/// <c>start/end</c> of any two of them. Years run from 0001 to 9998.</para>
/// </remarks>
public readonly partial record struct Occurrence
{
    private Occurrence(DateTimeOffset start, DateTimeOffset end, OccurrencePrecision precision)
    {
        Start = start;
        End = end;
        Precision = precision;
    }

    /// <summary>The stated start, UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The stated end, UTC: equal to <see cref="Start"/> for a single date, else the start of the last unit.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The resolution of the statement.</summary>
    public OccurrencePrecision Precision { get; }

    /// <summary>True when the statement is an interval (<see cref="End"/> after <see cref="Start"/>).</summary>
    public bool IsInterval => End != Start;

    /// <summary>The start of the widened interval (inclusive): <see cref="Start"/> floored to the precision unit.</summary>
    public DateTimeOffset WidenedStart => Floor(Start, Precision);

    /// <summary>The end of the widened interval (exclusive): the end of the precision unit containing <see cref="End"/>.</summary>
    public DateTimeOffset WidenedEnd => Next(Floor(End, Precision), Precision);

    /// <summary>A single UTC calendar day.</summary>
    /// <param name="day">The day, years 0001–9998.</param>
    /// <returns>The occurrence, day precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is 9999.</exception>
    public static Occurrence OnDay(DateOnly day) => Between(ToInstant(day), ToInstant(day), OccurrencePrecision.Day);

    /// <summary>A calendar month ("May 2021"): widened to the whole month.</summary>
    /// <param name="year">The year, 1–9998.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <returns>The occurrence, month precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range.</exception>
    public static Occurrence InMonth(int year, int month)
    {
        CheckYear(year, nameof(year));
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new Occurrence(start, start, OccurrencePrecision.Month);
    }

    /// <summary>A calendar year: widened to the whole year.</summary>
    /// <param name="year">The year, 1–9998.</param>
    /// <returns>The occurrence, year precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is out of range.</exception>
    public static Occurrence InYear(int year)
    {
        CheckYear(year, nameof(year));
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new Occurrence(start, start, OccurrencePrecision.Year);
    }

    /// <summary>An instant (converted to UTC), day precision: the widened interval is its UTC day.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The occurrence.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is 9999.</exception>
    public static Occurrence At(DateTimeOffset instant) => Between(instant, instant, OccurrencePrecision.Day);

    /// <summary>An interval of UTC calendar days, both included (<c>2020-11-09/2020-11-10</c>).</summary>
    /// <param name="first">The first day.</param>
    /// <param name="last">The last day, not before <paramref name="first"/>.</param>
    /// <returns>The occurrence, day precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="last"/> is before <paramref name="first"/>, or a year is 9999.</exception>
    public static Occurrence Between(DateOnly first, DateOnly last) => Between(ToInstant(first), ToInstant(last), OccurrencePrecision.Day);

    /// <summary>An interval between two stated instants (converted to UTC) with a precision.</summary>
    /// <param name="start">The stated start.</param>
    /// <param name="end">The stated end (the start of the last unit for date-like statements), not before <paramref name="start"/>.</param>
    /// <param name="precision">The resolution of the statement.</param>
    /// <returns>The occurrence.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The end is before the start, a year is 9999, or the precision is not defined.</exception>
    public static Occurrence Between(DateTimeOffset start, DateTimeOffset end, OccurrencePrecision precision)
    {
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision.");
        }

        start = start.ToUniversalTime();
        end = end.ToUniversalTime();
        CheckYear(start.Year, nameof(start));
        CheckYear(end.Year, nameof(end));
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(end),
                end,
                $"The end {Format(end, precision)} is before the start {Format(start, precision)}.");
        }

        return new Occurrence(start, end, precision);
    }

    /// <summary>Tells whether the widened interval intersects the half-open interval [<paramref name="from"/>, <paramref name="toExclusive"/>).</summary>
    /// <param name="from">Start of the query interval, inclusive.</param>
    /// <param name="toExclusive">End of the query interval, exclusive.</param>
    /// <returns>True when they share at least an instant.</returns>
    public bool Intersects(DateTimeOffset from, DateTimeOffset toExclusive) => WidenedStart < toExclusive && from < WidenedEnd;

    /// <summary>Tells whether an instant lies in the widened interval.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when <see cref="WidenedStart"/> ≤ instant &lt; <see cref="WidenedEnd"/>.</returns>
    public bool Contains(DateTimeOffset instant) => WidenedStart <= instant && instant < WidenedEnd;

    /// <summary>
    /// Parses ISO 8601 text (see the remarks of <see cref="Occurrence"/>). Without <paramref name="precision"/> the
    /// precision is that of the coarsest part (<c>2021-05</c> gives month); with it, the text must not be coarser
    /// than it (<c>2021-05</c> with day precision is an error) and may be finer (a date with month precision is widened
    /// to its month).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="precision">The stated precision, or null to infer it.</param>
    /// <param name="occurrence">The result when the method returns true.</param>
    /// <param name="error">What is wrong when it returns false.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string? text, OccurrencePrecision? precision, out Occurrence occurrence, out string? error) =>
        TryParseWithCode(text, precision, out occurrence, out error, out _);

    /// <summary>As <see cref="TryParse"/>, with the failure's validation code.</summary>
    internal static bool TryParseWithCode(string? text, OccurrencePrecision? precision, out Occurrence occurrence, out string? error, out string errorCode)
    {
        occurrence = default;
        errorCode = Validation.ValidationCodes.InvalidFormat;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a date is required (ISO 8601: 2021-05-12, 2021-05, 2021, 2021-05-12T04:30:00Z or start/end)";
            errorCode = Validation.ValidationCodes.Required;
            return false;
        }

        if (precision is { } p && !Enum.IsDefined(p))
        {
            error = $"unknown precision {p}";
            return false;
        }

        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            error = $"'{text}' has more than one '/': an interval is start/end";
            return false;
        }

        if (!TryParsePart(parts[0], out var start, out var startGrain, out error))
        {
            return false;
        }

        var end = start;
        var endGrain = startGrain;
        if (parts.Length == 2 && !TryParsePart(parts[1], out end, out endGrain, out error))
        {
            return false;
        }

        var coarsest = (OccurrencePrecision)Math.Max((int)startGrain, (int)endGrain);
        var chosen = precision ?? coarsest;
        if ((int)chosen < (int)coarsest)
        {
            error = $"'{text}' is given to the {Name(coarsest)}, but the precision says {Name(chosen)}";
            return false;
        }

        if (end < start)
        {
            error = $"the end {parts[1]} is before the start {parts[0]}";
            errorCode = Validation.ValidationCodes.EndBeforeStart;
            return false;
        }

        occurrence = new Occurrence(start, end, chosen);
        error = null;
        return true;
    }

    /// <summary>Parses ISO 8601 text; see <see cref="TryParse"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="precision">The stated precision, or null to infer it.</param>
    /// <returns>The occurrence.</returns>
    /// <exception cref="FormatException">The text is not a valid occurrence.</exception>
    public static Occurrence Parse(string text, OccurrencePrecision? precision = null) =>
        TryParse(text, precision, out var o, out var error) ? o : throw new FormatException(error);

    /// <summary>
    /// The ISO 8601 text of the stated start and end: each in the shortest form that keeps the instant exactly and is
    /// not coarser than the precision (<c>2021-05</c>, <c>2021-05-12</c>, <c>2021-05-12T04:30:00Z</c>), joined by
    /// <c>/</c> for an interval. <see cref="TryParse"/> with the same precision reads it back to an equal value.
    /// </summary>
    /// <returns>The text.</returns>
    public string ToIsoString() => IsInterval ? Format(Start, Precision) + "/" + Format(End, Precision) : Format(Start, Precision);

    /// <inheritdoc />
    public override string ToString() => $"{ToIsoString()} ({Name(Precision)})";

    private static string Name(OccurrencePrecision p) => WireNames.Of(p);

    private static DateTimeOffset ToInstant(DateOnly day) => new(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);

    private static void CheckYear(int year, string paramName)
    {
        if (year < 1 || year > 9998)
        {
            throw new ArgumentOutOfRangeException(paramName, year, "Years must lie in 0001–9998.");
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset t, OccurrencePrecision p) => p switch
    {
        OccurrencePrecision.Year => new DateTimeOffset(t.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
        OccurrencePrecision.Month => new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero),
        _ => new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero),
    };

    private static DateTimeOffset Next(DateTimeOffset floored, OccurrencePrecision p) => p switch
    {
        OccurrencePrecision.Year => floored.AddYears(1),
        OccurrencePrecision.Month => floored.AddMonths(1),
        _ => floored.AddDays(1),
    };

    private static string Format(DateTimeOffset t, OccurrencePrecision p)
    {
        var midnight = t.TimeOfDay == TimeSpan.Zero;
        if (p == OccurrencePrecision.Year && midnight && t.Month == 1 && t.Day == 1)
        {
            return t.ToString("yyyy", CultureInfo.InvariantCulture);
        }

        if (p != OccurrencePrecision.Day && midnight && t.Day == 1)
        {
            return t.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        return midnight
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    private static bool TryParsePart(string part, out DateTimeOffset instant, out OccurrencePrecision grain, out string? error)
    {
        instant = default;
        grain = OccurrencePrecision.Day;
        var s = part.Trim();
        error = null;
        if (s is ".." or "")
        {
            error = "open intervals ('..') are not supported: give both start and end";
            return false;
        }

        var inv = CultureInfo.InvariantCulture;
        if (YearPattern().IsMatch(s))
        {
            grain = OccurrencePrecision.Year;
            return TryBuild(int.Parse(s, inv), 1, 1, s, out instant, out error);
        }

        if (MonthPattern().IsMatch(s))
        {
            grain = OccurrencePrecision.Month;
            return TryBuild(int.Parse(s[..4], inv), int.Parse(s[5..7], inv), 1, s, out instant, out error);
        }

        if (DatePattern().IsMatch(s))
        {
            return TryBuild(int.Parse(s[..4], inv), int.Parse(s[5..7], inv), int.Parse(s[8..10], inv), s, out instant, out error);
        }

        if (DateTimePattern().IsMatch(s))
        {
            if (!DateTimeOffset.TryParse(s, inv, DateTimeStyles.None, out var parsed))
            {
                error = $"'{s}' is not a valid date-time";
                return false;
            }

            instant = parsed.ToUniversalTime();
            if (instant.Year < 1 || instant.Year > 9998)
            {
                error = $"'{s}': years must lie in 0001–9998";
                return false;
            }

            return true;
        }

        error = s.Contains('T', StringComparison.Ordinal) && !s.EndsWith('Z') && !OffsetSuffix().IsMatch(s)
            ? $"'{s}' has no time zone: end a date-time with Z or ±hh:mm"
            : $"'{s}' is not an ISO 8601 date (2021-05-12), month (2021-05), year (2021), date-time (2021-05-12T04:30:00Z) or interval (start/end)";
        return false;
    }

    private static bool TryBuild(int year, int month, int day, string text, out DateTimeOffset instant, out string? error)
    {
        instant = default;
        if (year < 1 || year > 9998 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"'{text}' is not a calendar date (years 0001–9998)";
            return false;
        }

        instant = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        error = null;
        return true;
    }

    [GeneratedRegex(@"^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"[+-][0-9]{2}:[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();
}
