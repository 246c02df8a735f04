using FsCheck;
using FsCheck.Xunit;
using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Tests.Model;

public class OccurrenceTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_Month_SpansTheWholeMonth()
    {
        var may = Occurrence.Parse("2021-05");

        Assert.Equal(OccurrencePrecision.Month, may.Precision);
        Assert.Equal(Utc(2021, 5, 1), may.WidenedStart);
        Assert.Equal(Utc(2021, 6, 1), may.WidenedEnd); // exclusive: 1–31 May
        Assert.True(may.Contains(Utc(2021, 5, 1)));
        Assert.True(may.Contains(new DateTimeOffset(2021, 5, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(may.Contains(Utc(2021, 6, 1)));
        Assert.False(may.Contains(Utc(2021, 4, 30, 23, 59)));
    }

    [Fact]
    public void InMonth_February2024_EndsAfterTheLeapDay()
    {
        var feb = Occurrence.InMonth(2024, 2);
        Assert.Equal(Utc(2024, 3, 1), feb.WidenedEnd);
        Assert.True(feb.Contains(Utc(2024, 2, 29, 12)));
    }

    [Fact]
    public void Parse_DateWithMonthPrecision_KeepsTheDateAndWidensToTheMonth()
    {
        var o = Occurrence.Parse("2021-05-12", OccurrencePrecision.Month);
        Assert.Equal(Utc(2021, 5, 12), o.Start);
        Assert.Equal(Utc(2021, 5, 1), o.WidenedStart);
        Assert.Equal(Utc(2021, 6, 1), o.WidenedEnd);
        Assert.Equal("2021-05-12", o.ToIsoString());
    }

    [Fact]
    public void Parse_IntervalOfDates_IncludesBothDays()
    {
        var o = Occurrence.Parse("2020-11-09/2020-11-10");
        Assert.True(o.IsInterval);
        Assert.Equal(Utc(2020, 11, 9), o.WidenedStart);
        Assert.Equal(Utc(2020, 11, 11), o.WidenedEnd);
    }

    [Fact]
    public void Parse_Year_SpansTheYear()
    {
        var o = Occurrence.Parse("2021");
        Assert.Equal(OccurrencePrecision.Year, o.Precision);
        Assert.Equal(Utc(2022, 1, 1), o.WidenedEnd);
    }

    [Fact]
    public void Parse_DateTimeWithOffset_IsStoredInUtcWithDayPrecision()
    {
        var o = Occurrence.Parse("2021-05-12T04:30:00+04:00");
        Assert.Equal(Utc(2021, 5, 12, 0, 30), o.Start);
        Assert.Equal(TimeSpan.Zero, o.Start.Offset);
        Assert.Equal(OccurrencePrecision.Day, o.Precision);
        Assert.Equal("2021-05-12T00:30:00Z", o.ToIsoString());
        Assert.Equal(Utc(2021, 5, 13), o.WidenedEnd);
    }

    [Theory]
    [InlineData("2021-05-12/2021-05-01", "before")]
    [InlineData("2021-05", "given to the month", OccurrencePrecision.Day)]
    [InlineData("2021-05-12T04:30:00", "time zone")]
    [InlineData("May 2021", "ISO 8601")]
    [InlineData("2021-02-30", "calendar date")]
    [InlineData("../2021-05-01", "open intervals")]
    [InlineData("2021-01/2021-02/2021-03", "more than one")]
    [InlineData("", "required")]
    public void TryParse_BadText_FailsWithAReason(string text, string expectedInError, OccurrencePrecision? precision = null)
    {
        Assert.False(Occurrence.TryParse(text, precision, out _, out var error));
        Assert.Contains(expectedInError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_EndBeforeStart_ThrowsNamingTheEnd()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Occurrence.Between(Utc(2021, 5, 12), Utc(2021, 5, 1), OccurrencePrecision.Day));
        Assert.Equal("end", ex.ParamName);
        Assert.Contains("before the start", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2021")]
    [InlineData("2021-05")]
    [InlineData("2021-05-12")]
    [InlineData("2021-05-12T04:30:00Z")]
    [InlineData("2021-05-12T04:30:00.25Z")]
    [InlineData("2020-11-09/2020-11-10")]
    [InlineData("2021-05/2021-07")]
    public void ToIsoString_ParsedText_IsWrittenBackUnchanged(string text)
    {
        Assert.Equal(text, Occurrence.Parse(text).ToIsoString());
    }

    [Property(MaxTest = 500)]
    public bool ToIsoString_AnyOccurrence_ParsesBackEqualAndWidenedContainsStated(int dayOffset, int spanDays, byte precisionByte, int minuteOfDay)
    {
        // Days from 1900-01-01 within ~300 years; spans up to ~3 years; times on whole minutes or midnight.
        var start = Utc(1900, 1, 1).AddDays(Math.Abs(dayOffset % 110_000)).AddMinutes(Math.Abs(minuteOfDay % 3) == 0 ? 0 : Math.Abs(minuteOfDay % 1440));
        var end = start.AddDays(Math.Abs(spanDays % 1_100));
        var precision = (OccurrencePrecision)(precisionByte % 3);
        var o = Occurrence.Between(start, end, precision);

        var back = Occurrence.Parse(o.ToIsoString(), precision);
        return back == o && o.WidenedStart <= o.Start && o.End < o.WidenedEnd && o.Contains(o.Start) && o.Contains(o.End);
    }
}
