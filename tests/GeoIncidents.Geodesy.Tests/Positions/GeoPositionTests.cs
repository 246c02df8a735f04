using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Geodesy.Tests.Positions;

public class GeoPositionTests
{
    [Fact]
    public void FromLatLon_And_FromLonLat_AgreeOnOrder()
    {
        var a = GeoPosition.FromLatLon(39.51, 46.34);
        var b = GeoPosition.FromLonLat(46.34, 39.51);
        Assert.Equal(a, b);
        Assert.Equal(39.51, a.LatitudeDegrees);
        Assert.Equal(46.34, a.LongitudeDegrees);
    }

    [Theory]
    [InlineData(90.000001, 0)]
    [InlineData(-91, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(0, 541)]
    public void FromLatLon_OutOfRange_ThrowsNamingTheRange(double lat, double lon)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GeoPosition.FromLatLon(lat, lon));
        Assert.Matches(@"\[-?\d+, \d+\]", ex.Message);
    }

    [Theory]
    [InlineData("39.51,46.34", 39.51, 46.34)]
    [InlineData("39.51 46.34", 39.51, 46.34)]
    [InlineData("39.51N,46.34E", 39.51, 46.34)]
    [InlineData("46.34E,39.51N", 39.51, 46.34)]
    [InlineData("46.34e 39.51n", 39.51, 46.34)]
    [InlineData("33.9S,18.4E", -33.9, 18.4)]
    [InlineData("77W,38.9N", 38.9, -77.0)]
    public void TryParseLatLon_AcceptsContractForms(string text, double lat, double lon)
    {
        Assert.True(GeoPosition.TryParseLatLon(text, out var p, out var error), error);
        Assert.Equal(lat, p.LatitudeDegrees, 12);
        Assert.Equal(lon, p.LongitudeDegrees, 12);
    }

    [Theory]
    [InlineData("46.34")]
    [InlineData("91,46")]
    [InlineData("39.51N,46.34N")]
    [InlineData("39.51N,46.34")]
    [InlineData("a,b")]
    [InlineData("-39N,46E")]
    public void TryParseLatLon_RejectsWithMessage(string text)
    {
        Assert.False(GeoPosition.TryParseLatLon(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
