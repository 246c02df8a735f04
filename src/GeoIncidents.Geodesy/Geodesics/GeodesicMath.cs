using System.Runtime.CompilerServices;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// Angle arithmetic in degrees that keeps exact results exact: multiples of 90° give exact sines and cosines,
/// longitude differences carry their rounding error, and atan2 returns exact multiples of 90° on the axes.
/// Used by the geodesic solver, where these details decide whether meridional, equatorial and antipodal
/// cases come out exactly.
/// </summary>
internal static class GeodesicMath
{
    /// <summary>Degrees to radians.</summary>
    public const double Degree = Math.PI / 180.0;

    /// <summary>About the square root of the smallest normal double: stands in for cos(latitude) at a pole.</summary>
    public const double Tiny = 1.4916681462400413e-154; // sqrt(2.2250738585072014e-308)

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sq(double x) => x * x;

    /// <summary>
    /// Reduces degrees to [-180, 180] exactly (IEEE remainder); 180 and -180 are both possible.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Remainder360(double degrees) => Math.IEEERemainder(degrees, 360.0);

    /// <summary>Reduces degrees to [-180, 180) exactly, and turns -0 into +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NormalizeOutput(double degrees)
    {
        var y = Math.IEEERemainder(degrees, 360.0);
        return (y >= 180.0 ? y - 360.0 : y) + 0.0;
    }

    /// <summary>
    /// Makes tiny angles exact multiples of 2^-57 degrees (values below 1/16 lose at most their bits below that),
    /// so that symmetric inputs give symmetric outputs and nothing underflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RoundTiny(double x)
    {
        const double z = 1.0 / 16.0;
        var y = Math.Abs(x);
        // The subtraction z - (z - y) rounds y to the spacing of doubles near 1/16.
        y = y < z ? z - (z - y) : y;
        return Math.CopySign(y, x);
    }

    /// <summary>Sum of two doubles with its exact rounding error (Knuth's TwoSum): a + b = s + err exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TwoSum(double a, double b, out double err)
    {
        var s = a + b;
        var ap = s - b;
        var bp = s - ap;
        err = (a - ap) + (b - bp);
        return s;
    }

    /// <summary>
    /// The longitude difference <paramref name="toDegrees"/> - <paramref name="fromDegrees"/> reduced to (-180, 180],
    /// with the rounding error of the result in <paramref name="err"/> (the exact difference is the result plus err,
    /// modulo 360). An exact half turn is returned as +180 (eastward).
    /// </summary>
    public static double AngleDifference(double fromDegrees, double toDegrees, out double err)
    {
        var d = TwoSum(Remainder360(-fromDegrees), Remainder360(toDegrees), out var e);
        d = Remainder360(d); // exact; d in [-180, 180]
        // At a half turn the error term decides the side: -180 - |e| is 180 - |e|, 180 + |e| is -180 + |e|.
        if (d == -180.0 && e <= 0)
        {
            d = 180.0;
        }
        else if (d == 180.0 && e > 0)
        {
            d = -180.0;
        }

        d = TwoSum(d, e, out err);
        return d + 0.0; // no -0
    }

    /// <summary>Sine and cosine of an angle in degrees, exact for multiples of 90° and odd in the angle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosDegrees(double degrees, out double sin, out double cos)
    {
        var r = Math.IEEERemainder(degrees, 360.0); // exact, [-180, 180]
        var q = Math.Round(r / 90.0);               // -2 .. 2
        r -= 90.0 * q;                              // exact, [-45, 45]
        var (s, c) = Math.SinCos(r * Degree);
        SetQuadrant((int)q, s, c, out sin, out cos);
        if (sin == 0)
        {
            sin = Math.CopySign(0.0, degrees); // sin(-0) = -0, sin(180) = +0 ...
        }

        cos += 0.0; // no -0 for the cosine
    }

    /// <summary>
    /// Sine and cosine of <paramref name="degrees"/> + <paramref name="errDegrees"/>, where the small error term
    /// is added after the exact reduction to [-45, 45] so that it is not lost to rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosDegrees(double degrees, double errDegrees, out double sin, out double cos)
    {
        var r = Math.IEEERemainder(degrees, 360.0);
        var q = Math.Round(r / 90.0);
        r = (r - 90.0 * q) + errDegrees;
        var (s, c) = Math.SinCos(r * Degree);
        SetQuadrant((int)q, s, c, out sin, out cos);
        if (sin == 0)
        {
            sin = Math.CopySign(0.0, degrees);
        }

        cos += 0.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetQuadrant(int q, double s, double c, out double sin, out double cos)
    {
        switch (q & 3)
        {
            case 0: sin = s; cos = c; break;
            case 1: sin = c; cos = -s; break;
            case 2: sin = -s; cos = -c; break;
            default: sin = -c; cos = s; break;
        }
    }

    /// <summary>
    /// atan2(y, x) in degrees, in [-180, 180], exact on the axes (0, ±90, ±180) and odd in y.
    /// </summary>
    public static double Atan2Degrees(double y, double x)
    {
        // Work in the first octant so that the result is as accurate as atan2 is and axes give exact values.
        var q = 0;
        if (Math.Abs(y) > Math.Abs(x))
        {
            (x, y) = (y, x);
            q = 2;
        }

        if (x < 0 || (x == 0 && double.IsNegative(x)))
        {
            x = -x;
            q++;
        }

        var ang = Math.Atan2(y, x) / Degree; // in [-45, 45]
        switch (q)
        {
            case 1: ang = Math.CopySign(180.0, y) - ang; break;
            case 2: ang = 90.0 - ang; break;
            case 3: ang = -90.0 + ang; break;
        }

        return ang;
    }

    /// <summary>Scales (s, c) to unit length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Normalize(ref double s, ref double c)
    {
        var r = Math.Sqrt(s * s + c * c);
        s /= r;
        c /= r;
    }

    /// <summary>Scales (s, c) to unit length with hypot (no overflow or underflow in the squares).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NormalizeSafe(ref double s, ref double c)
    {
        var r = Hypot(s, c);
        s /= r;
        c /= r;
    }

    /// <summary>sqrt(x² + y²) without overflow or underflow.</summary>
    public static double Hypot(double x, double y)
    {
        x = Math.Abs(x);
        y = Math.Abs(y);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (x == 0)
        {
            return 0;
        }

        var t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
