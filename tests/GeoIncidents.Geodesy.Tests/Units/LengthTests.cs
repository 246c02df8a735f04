using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Geodesy.Tests.Units;

public class LengthTests
{
    [Theory]
    [InlineData("3.5km", 3500.0)]
    [InlineData("3500m", 3500.0)]
    [InlineData("3500", 3500.0)]
    [InlineData(" 2.5 KM ", 2500.0)]
    [InlineData("-12m", -12.0)]
    [InlineData("1e3", 1000.0)]
    public void TryParse_WithOrWithoutUnit_ReturnsMeters(string text, double expectedMeters)
    {
        Assert.True(Length.TryParse(text, out var length, out var error), error);
        Assert.Equal(expectedMeters, length.Meters, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("km")]
    [InlineData("3.5 miles")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("3,5km")]
    public void TryParse_Garbage_FailsWithMessage(string text)
    {
        Assert.False(Length.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void FromMeters_NaN_ThrowsNamingTheRule()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Length.FromMeters(double.NaN));
        Assert.Contains("finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKilometers_ConvertsExactly() => Assert.Equal(3500.0, Length.FromKilometers(3.5).Meters);

    [Fact]
    public void Angle_NormalizeDegrees_MapsIntoHalfOpenRange()
    {
        Assert.Equal(-180.0, Angle.NormalizeDegrees(180.0));
        Assert.Equal(-180.0, Angle.NormalizeDegrees(-180.0));
        Assert.Equal(90.0, Angle.NormalizeDegrees(450.0));
        Assert.Equal(-90.0, Angle.NormalizeDegrees(-450.0));
        Assert.Equal(0.0, Angle.NormalizeDegrees(720.0));
    }

    [Fact]
    public void Area_FromSquareKilometers_RoundTrips() => Assert.Equal(12.5, Area.FromSquareKilometers(12.5).SquareKilometers, 12);
}
