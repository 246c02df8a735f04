using GeoIncidents.Storage.GeoPackage;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgDateTimeTests
{
    [Fact]
    public void Format_AnyOffset_UtcWithMillisecondsAndZ()
    {
        var yerevanEvening = new DateTimeOffset(2020, 11, 10, 1, 0, 0, 123, TimeSpan.FromHours(4)).AddTicks(4567);

        Assert.Equal("2020-11-09T21:00:00.123Z", GpkgDateTime.Format(yerevanEvening));
    }

    [Theory]
    [InlineData("2020-11-09T21:00:00.123Z", "2020-11-09T21:00:00.1230000+00:00")]
    [InlineData("2020-11-09T21:00:00Z", "2020-11-09T21:00:00.0000000+00:00")]
    [InlineData("2020-11-09 21:00:00", "2020-11-09T21:00:00.0000000+00:00")]
    [InlineData("2020-11-10T01:00:00.5+04:00", "2020-11-09T21:00:00.5000000+00:00")]
    [InlineData("2020-11-09T21:00Z", "2020-11-09T21:00:00.0000000+00:00")]
    public void Parse_GeoPackageGdalAndSqliteForms_ToUtc(string text, string expectedRoundTrip)
    {
        var value = GpkgDateTime.Parse(text);

        Assert.Equal(expectedRoundTrip, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("May 2021")]
    [InlineData("2020-11-09")]
    [InlineData("2020-13-09T21:00:00Z")]
    [InlineData("2020-11-09T21:00:00.123+0400")]
    public void Parse_NotADateTime_ThrowsFormatException(string text) => Assert.Throws<FormatException>(() => GpkgDateTime.Parse(text));

    [Fact]
    public void DateFormatParse_RoundTrip()
    {
        var date = new DateOnly(2020, 11, 10);

        Assert.Equal("2020-11-10", GpkgDateTime.FormatDate(date));
        Assert.Equal(date, GpkgDateTime.ParseDate("2020-11-10"));
        Assert.Throws<FormatException>(() => GpkgDateTime.ParseDate("10.11.2020"));
    }
}
