using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Geodesy.Tests.Support;

/// <summary>Turns differences of angles and positions into metres, so that one tolerance fits every quantity.</summary>
public static class ErrorMetrics
{
    /// <summary>The difference of two angles in degrees, reduced to [0, 180].</summary>
    /// <param name="aDegrees">One angle.</param>
    /// <param name="bDegrees">The other.</param>
    /// <returns>|a - b| modulo 360, folded into [0, 180].</returns>
    public static double AngleDifferenceDegrees(double aDegrees, double bDegrees)
    {
        var d = Math.Abs(Math.IEEERemainder(aDegrees - bDegrees, 360.0));
        return d;
    }

    /// <summary>
    /// The distance between two nearby positions in metres, from the ellipsoid's local metric at the reference
    /// (meridional and prime-vertical radii of curvature): independent of the geodesic code under test.
    /// </summary>
    /// <param name="ellipsoid">The ellipsoid.</param>
    /// <param name="latDegrees">Latitude of the position under test.</param>
    /// <param name="lonDegrees">Its longitude.</param>
    /// <param name="refLatDegrees">Latitude of the reference position.</param>
    /// <param name="refLonDegrees">Its longitude.</param>
    /// <returns>The separation in metres (accurate while it is small compared with the radius).</returns>
    public static double PositionErrorMeters(Ellipsoid ellipsoid, double latDegrees, double lonDegrees, double refLatDegrees, double refLonDegrees)
    {
        var a = ellipsoid.EquatorialRadiusMeters;
        var f = ellipsoid.Flattening;
        var e2 = f * (2 - f);
        var phi = refLatDegrees * Math.PI / 180;
        var w = Math.Sqrt(1 - (e2 * Math.Sin(phi) * Math.Sin(phi)));
        var meridional = a * (1 - e2) / (w * w * w);
        var primeVertical = a / w;
        var dNorth = (latDegrees - refLatDegrees) * Math.PI / 180 * meridional;
        var dEast = AngleSigned(lonDegrees - refLonDegrees) * Math.PI / 180 * primeVertical * Math.Cos(phi);
        return Math.Sqrt((dNorth * dNorth) + (dEast * dEast));
    }

    private static double AngleSigned(double degrees) => Math.IEEERemainder(degrees, 360.0);
}
