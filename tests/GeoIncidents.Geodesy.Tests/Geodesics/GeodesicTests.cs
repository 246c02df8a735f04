using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

/// <summary>Known answers with closed forms, special cases and validation.</summary>
public class GeodesicTests
{
    private static readonly Geodesic G = Geodesic.Wgs84;

    /// <summary>The WGS84 quarter meridian a E(e), from a 40-digit elliptic integral (mpmath): 10001965.7293127228 m.</summary>
    private const double QuarterMeridianMeters = 10001965.7293127228;

    [Fact]
    public void Inverse_EquatorToPole_IsTheQuarterMeridian()
    {
        var r = G.Inverse(GeoPosition.FromLatLon(0, 10), GeoPosition.FromLatLon(90, 10));
        Assert.Equal(QuarterMeridianMeters, r.Distance.Meters, 1e-8);
        Assert.Equal(0, r.InitialAzimuth.Degrees);
        Assert.Equal(0, r.FinalAzimuth.Degrees);
    }

    [Fact]
    public void Inverse_PoleToPole_IsHalfAMeridianHeadingSouth()
    {
        var r = G.Inverse(GeoPosition.FromLatLon(90, 0), GeoPosition.FromLatLon(-90, 0));
        Assert.Equal(2 * QuarterMeridianMeters, r.Distance.Meters, 1e-8);
        Assert.Equal(-180, r.InitialAzimuth.Degrees); // 180 is reported as -180: outputs lie in [-180, 180)
        Assert.Equal(-180, r.FinalAzimuth.Degrees);
    }

    [Fact]
    public void Inverse_AlongTheEquator_IsRadiusTimesLongitude()
    {
        var r = G.Inverse(GeoPosition.FromLatLon(0, -10), GeoPosition.FromLatLon(0, 20));
        Assert.Equal(6378137.0 * 30 * Math.PI / 180, r.Distance.Meters, 1e-8);
        Assert.Equal(90, r.InitialAzimuth.Degrees);
        Assert.Equal(90, r.FinalAzimuth.Degrees);
    }

    [Fact]
    public void Inverse_CoincidentPoints_IsZero()
    {
        foreach (var lat in new[] { -90.0, -45.5, 0, 39.51, 90 })
        {
            var p = GeoPosition.FromLatLon(lat, 46.34);
            Assert.Equal(0, G.Inverse(p, p).Distance.Meters);
        }
    }

    [Fact]
    public void Inverse_AcrossTheAntimeridian_TakesTheShortWay()
    {
        var r = G.Inverse(GeoPosition.FromLatLon(0, 179.5), GeoPosition.FromLatLon(0, -179.5));
        Assert.Equal(6378137.0 * Math.PI / 180, r.Distance.Meters, 1e-8);
        Assert.Equal(90, r.InitialAzimuth.Degrees);
    }

    [Fact]
    public void Direct_QuarterOfTheEquator_LandsExactlyOn90East()
    {
        var r = G.Direct(GeoPosition.FromLatLon(0, 0), Angle.FromDegrees(90), Length.FromMeters(6378137.0 * Math.PI / 2));
        Assert.Equal(0, r.Destination.LatitudeDegrees);
        Assert.Equal(90, r.Destination.LongitudeDegrees, 1e-12);
        Assert.Equal(90, r.FinalAzimuth.Degrees);
    }

    [Fact]
    public void Direct_OverThePole_ContinuesDownTheOppositeMeridian()
    {
        var r = G.Direct(GeoPosition.FromLatLon(80, 30), Angle.FromDegrees(0), Length.FromKilometers(2500));
        Assert.Equal(-150, r.Destination.LongitudeDegrees, 1e-12);
        Assert.Equal(-180, r.FinalAzimuth.Degrees); // heading south
        Assert.True(r.Destination.LatitudeDegrees < 80);
    }

    [Fact]
    public void Direct_NegativeDistance_WalksBackwards()
    {
        var p = GeoPosition.FromLatLon(39.51, 46.34);
        var back = G.Direct(p, Angle.FromDegrees(45), Length.FromKilometers(-3.5));
        var forward = G.Direct(p, Angle.FromDegrees(225), Length.FromKilometers(3.5));
        Assert.Equal(forward.Destination.LatitudeDegrees, back.Destination.LatitudeDegrees, 1e-12);
        Assert.Equal(forward.Destination.LongitudeDegrees, back.Destination.LongitudeDegrees, 1e-12);
    }

    [Fact]
    public void Outputs_AreNormalised()
    {
        var r = G.Direct(GeoPosition.FromLatLon(10, 179.9), Angle.FromDegrees(90 + 360), Length.FromKilometers(100));
        Assert.InRange(r.Destination.LongitudeDegrees, -180, 180 - 1e-12);
        Assert.True(r.Destination.LongitudeDegrees < 0); // crossed the antimeridian
        Assert.InRange(r.FinalAzimuth.Degrees, -180, 180 - 1e-12);
    }

    [Fact]
    public void EllipsoidArea_Wgs84_Is510065621Point7SquareKilometres()
    {
        // 4 pi c^2 for WGS84 (GeographicLib's Planimeter reports 510065621724088.5 m² for the whole ellipsoid).
        Assert.Equal(510065621.724, G.EllipsoidArea.SquareKilometers, 1e-3);
    }

    [Theory]
    [InlineData(91, 0, 0, 0)]
    [InlineData(0, 0, -90.5, 0)]
    [InlineData(double.NaN, 0, 0, 0)]
    [InlineData(0, double.NaN, 0, 0)]
    [InlineData(0, 0, 0, double.PositiveInfinity)]
    public void InverseDegrees_BadInput_Throws(double lat1, double lon1, double lat2, double lon2)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => G.InverseDegrees(lat1, lon1, lat2, lon2, out _, out _, out _));
        Assert.False(string.IsNullOrEmpty(ex.ParamName));
    }

    [Theory]
    [InlineData(90.0001, 0, 0, 1)]
    [InlineData(0, double.NaN, 0, 1)]
    [InlineData(0, 0, double.NaN, 1)]
    [InlineData(0, 0, 0, double.NaN)]
    [InlineData(0, 0, 0, double.NegativeInfinity)]
    public void DirectDegrees_BadInput_Throws(double lat1, double lon1, double azi1, double s12) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => G.DirectDegrees(lat1, lon1, azi1, s12, out _, out _, out _));

    [Theory]
    [InlineData(0.021)]
    [InlineData(-0.0201)]
    [InlineData(double.NaN)]
    public void Ellipsoid_FlatteningOutsideRange_IsRefused(double f)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ellipsoid.Create("x", 6378137, f));
        Assert.Contains("1/50", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Geodesic_NullEllipsoid_Throws() => Assert.Throws<ArgumentNullException>(() => new Geodesic(null!));

    [Theory]
    [InlineData(-0.5, -0.3)]
    [InlineData(-3.0, -0.01)]
    [InlineData(-0.999, -1e-9)]
    [InlineData(-1e-6, -2.0)]
    [InlineData(-40.0, -25.0)]
    public void AstroidRoot_SolvesTheAstroidEquation(double x, double y)
    {
        var mu = Geodesic.AstroidRoot(x, y);
        Assert.True(mu > 0);
        Assert.Equal(1.0, (x * x / ((1 + mu) * (1 + mu))) + (y * y / (mu * mu)), 1e-12);
    }

    [Fact]
    public void AstroidRoot_OnTheAxis_IsDistanceBeyondTheCusp()
    {
        Assert.Equal(2.5, Geodesic.AstroidRoot(-3.5, 0));
        Assert.Equal(0, Geodesic.AstroidRoot(-0.5, 0));
    }

    [Fact]
    public void Sphere_InverseIsTheGreatCircle()
    {
        var sphere = new Geodesic(Ellipsoid.Create("sphere", 6371000, 0));
        var r = sphere.Inverse(GeoPosition.FromLatLon(0, 0), GeoPosition.FromLatLon(45, 45));
        // cos(sigma) = cos 45 cos 45 = 1/2 -> sigma = 60 degrees
        Assert.Equal(6371000 * Math.PI / 3, r.Distance.Meters, 1e-8);
    }
}
