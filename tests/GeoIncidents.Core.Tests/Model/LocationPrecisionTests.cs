using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Tests.Model;

/// <summary>The conversion table is documented on <see cref="LocationPrecision"/> and in data/incidents/README.md.</summary>
public class LocationPrecisionTests
{
    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 25_000)]
    [InlineData(3, 100_000)]
    public void FromAcledGeoPrecision_Code_GivesTheTableRadius(int code, double expectedMeters)
    {
        var p = LocationPrecision.FromAcledGeoPrecision(code);
        Assert.Equal(LocationPrecisionScheme.AcledGeoPrecision, p.Scheme);
        Assert.Equal(code, p.Code);
        Assert.Equal(expectedMeters, p.Radius!.Value.Meters);
    }

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 25_000)]
    [InlineData(3, 35_000)]
    [InlineData(4, 65_000)]
    [InlineData(5, 130_000)]
    [InlineData(6, 265_000)]
    public void FromUcdpWherePrec_Code_GivesTheTableRadius(int code, double expectedMeters)
    {
        Assert.Equal(expectedMeters, LocationPrecision.FromUcdpWherePrec(code).Radius!.Value.Meters);
    }

    [Fact]
    public void FromUcdpWherePrec_Seven_IsUnbounded()
    {
        var p = LocationPrecision.FromUcdpWherePrec(7);
        Assert.Null(p.Radius);
        Assert.Equal(7, p.Code);
    }

    [Fact]
    public void Radii_GrowWithTheCode()
    {
        // Coarser codes never claim a smaller radius than finer ones (the table's ordering).
        Assert.True(LocationPrecision.AcledRadiiMeters.Zip(LocationPrecision.AcledRadiiMeters.Skip(1)).All(p => p.First < p.Second));
        var ucdp = LocationPrecision.UcdpRadiiMeters.Take(6).ToList();
        Assert.True(ucdp.Zip(ucdp.Skip(1)).All(p => p.First < p.Second));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void FromAcledGeoPrecision_OutOfRange_Throws(int code)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LocationPrecision.FromAcledGeoPrecision(code));
        Assert.Equal("code", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void FromUcdpWherePrec_OutOfRange_Throws(int code)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LocationPrecision.FromUcdpWherePrec(code));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(20_000_001)]
    public void FromRadius_NotPositiveOrHuge_Throws(double meters)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LocationPrecision.FromRadius(Length.FromMeters(meters)));
    }
}
