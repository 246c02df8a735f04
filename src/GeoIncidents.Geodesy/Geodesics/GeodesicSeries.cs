using System.Runtime.CompilerServices;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>Six coefficients C[1..6] of a sine series (or C[0..5] of the area's cosine series).</summary>
internal struct Series6
{
    public double C1, C2, C3, C4, C5, C6;
}

/// <summary>
/// The series of Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43-55, doi:10.1007/s00190-012-0578-z,
/// in the third flattening n and in eps (eq. 16), to order 6: eqs. 17-18 (A1, C1), 21 (C1'), 42-43 (A2, C2),
/// 24-25 (A3, C3) and 60-61 (C4). The coefficients were derived afresh from the defining integrals with
/// tests/GeoIncidents.Geodesy.Tests/Geodesics/Series/derive_series.py (sympy) and agree with the paper;
/// GeodesicSeriesTests checks these tables against that derivation term by term.
/// </summary>
internal static class GeodesicSeries
{
    /// <summary>
    /// The n-dependent series as (series, index l, power of eps, power of n, numerator, denominator):
    /// A3 = sum over terms of A3; C3[l] for l = 1..5; C4[l] for l = 0..5. Total order in (n, eps) is at most 5
    /// because these integrals are multiplied by f (I3) or e^2 (I4).
    /// </summary>
    internal static readonly (string Series, int Index, int EpsPower, int NPower, long Numerator, long Denominator)[] NSeriesTerms =
    [
        ("A3", 0, 0, 0, 1, 1),
        ("A3", 0, 1, 0, -1, 2), ("A3", 0, 1, 1, 1, 2),
        ("A3", 0, 2, 0, -1, 4), ("A3", 0, 2, 1, -1, 8), ("A3", 0, 2, 2, 3, 8),
        ("A3", 0, 3, 0, -1, 16), ("A3", 0, 3, 1, -3, 16), ("A3", 0, 3, 2, -1, 16),
        ("A3", 0, 4, 0, -3, 64), ("A3", 0, 4, 1, -1, 32),
        ("A3", 0, 5, 0, -3, 128),

        ("C3", 1, 1, 0, 1, 4), ("C3", 1, 1, 1, -1, 4),
        ("C3", 1, 2, 0, 1, 8), ("C3", 1, 2, 2, -1, 8),
        ("C3", 1, 3, 0, 3, 64), ("C3", 1, 3, 1, 3, 64), ("C3", 1, 3, 2, -1, 64),
        ("C3", 1, 4, 0, 5, 128), ("C3", 1, 4, 1, 1, 64),
        ("C3", 1, 5, 0, 3, 128),
        ("C3", 2, 2, 0, 1, 16), ("C3", 2, 2, 1, -3, 32), ("C3", 2, 2, 2, 1, 32),
        ("C3", 2, 3, 0, 3, 64), ("C3", 2, 3, 1, -1, 32), ("C3", 2, 3, 2, -3, 64),
        ("C3", 2, 4, 0, 3, 128), ("C3", 2, 4, 1, 1, 128),
        ("C3", 2, 5, 0, 5, 256),
        ("C3", 3, 3, 0, 5, 192), ("C3", 3, 3, 1, -3, 64), ("C3", 3, 3, 2, 5, 192),
        ("C3", 3, 4, 0, 3, 128), ("C3", 3, 4, 1, -5, 192),
        ("C3", 3, 5, 0, 7, 512),
        ("C3", 4, 4, 0, 7, 512), ("C3", 4, 4, 1, -7, 256),
        ("C3", 4, 5, 0, 7, 512),
        ("C3", 5, 5, 0, 21, 2560),

        ("C4", 0, 0, 0, 2, 3), ("C4", 0, 0, 1, -4, 15), ("C4", 0, 0, 2, 8, 105), ("C4", 0, 0, 3, 4, 315), ("C4", 0, 0, 4, 16, 3465), ("C4", 0, 0, 5, 20, 9009),
        ("C4", 0, 1, 0, -1, 5), ("C4", 0, 1, 1, 16, 35), ("C4", 0, 1, 2, -32, 105), ("C4", 0, 1, 3, 16, 385), ("C4", 0, 1, 4, 64, 15015),
        ("C4", 0, 2, 0, -2, 105), ("C4", 0, 2, 1, -32, 315), ("C4", 0, 2, 2, 1088, 3465), ("C4", 0, 2, 3, -1184, 5005),
        ("C4", 0, 3, 0, 11, 315), ("C4", 0, 3, 1, -368, 3465), ("C4", 0, 3, 2, -32, 6435),
        ("C4", 0, 4, 0, 4, 1155), ("C4", 0, 4, 1, 1088, 45045),
        ("C4", 0, 5, 0, 97, 15015),
        ("C4", 1, 1, 0, 1, 45), ("C4", 1, 1, 1, -16, 315), ("C4", 1, 1, 2, 32, 945), ("C4", 1, 1, 3, -16, 3465), ("C4", 1, 1, 4, -64, 135135),
        ("C4", 1, 2, 0, -2, 105), ("C4", 1, 2, 1, 64, 945), ("C4", 1, 2, 2, -128, 1485), ("C4", 1, 2, 3, 1984, 45045),
        ("C4", 1, 3, 0, -1, 105), ("C4", 1, 3, 1, 16, 2079), ("C4", 1, 3, 2, 5792, 135135),
        ("C4", 1, 4, 0, 4, 1155), ("C4", 1, 4, 1, -2944, 135135),
        ("C4", 1, 5, 0, 1, 9009),
        ("C4", 2, 2, 0, 4, 525), ("C4", 2, 2, 1, -32, 1575), ("C4", 2, 2, 2, 64, 3465), ("C4", 2, 2, 3, -32, 5005),
        ("C4", 2, 3, 0, -8, 1575), ("C4", 2, 3, 1, 128, 5775), ("C4", 2, 3, 2, -256, 6825),
        ("C4", 2, 4, 0, -8, 1925), ("C4", 2, 4, 1, 1856, 225225),
        ("C4", 2, 5, 0, 8, 10725),
        ("C4", 3, 3, 0, 8, 2205), ("C4", 3, 3, 1, -256, 24255), ("C4", 3, 3, 2, 512, 45045),
        ("C4", 3, 4, 0, -16, 8085), ("C4", 3, 4, 1, 1024, 105105),
        ("C4", 3, 5, 0, -136, 63063),
        ("C4", 4, 4, 0, 64, 31185), ("C4", 4, 4, 1, -512, 81081),
        ("C4", 4, 5, 0, -128, 135135),
        ("C4", 5, 5, 0, 128, 99099),
    ];

    /// <summary>
    /// Evaluates the n-dependent series for one ellipsoid: returns, for each series and index, the coefficient of
    /// eps^j as a number (the polynomial in n summed). Layout: A3[j] (6), C3[l][j] at (l-1)*6 + j (30), C4[l][j] at l*6 + j (36).
    /// </summary>
    internal static void EvaluateForN(double n, double[] a3, double[] c3, double[] c4)
    {
        foreach (var (series, index, epsPower, nPower, num, den) in NSeriesTerms)
        {
            var value = num / (double)den * Math.Pow(n, nPower);
            switch (series)
            {
                case "A3": a3[epsPower] += value; break;
                case "C3": c3[((index - 1) * 6) + epsPower] += value; break;
                default: c4[(index * 6) + epsPower] += value; break;
            }
        }
    }

    /// <summary>A1 - 1 (eq. 17): A1 = (1 + eps^2/4 + eps^4/64 + eps^6/256) / (1 - eps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double A1m1(double eps)
    {
        var e2 = eps * eps;
        var t = e2 * (64.0 + (e2 * (4.0 + e2))) / 256.0;
        return (t + eps) / (1.0 - eps);
    }

    /// <summary>C1[l], l = 1..6 (eq. 18).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void C1(double eps, out Series6 c)
    {
        var e2 = eps * eps;
        var d = eps;
        c.C1 = d * ((e2 * ((-1.0 / 32.0 * e2) + (3.0 / 16.0))) - 0.5);
        d *= eps;
        c.C2 = d * ((e2 * ((-9.0 / 2048.0 * e2) + (1.0 / 32.0))) - (1.0 / 16.0));
        d *= eps;
        c.C3 = d * ((3.0 / 256.0 * e2) - (1.0 / 48.0));
        d *= eps;
        c.C4 = d * ((3.0 / 512.0 * e2) - (5.0 / 512.0));
        d *= eps;
        c.C5 = d * (-7.0 / 1280.0);
        d *= eps;
        c.C6 = d * (-7.0 / 2048.0);
    }

    /// <summary>C1'[l], l = 1..6 (eq. 21): the reverted series, sigma = tau + sum C1'[l] sin(2 l tau).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void C1p(double eps, out Series6 c)
    {
        var e2 = eps * eps;
        var d = eps;
        c.C1 = d * ((e2 * ((205.0 / 1536.0 * e2) - (9.0 / 32.0))) + 0.5);
        d *= eps;
        c.C2 = d * ((e2 * ((1335.0 / 4096.0 * e2) - (37.0 / 96.0))) + (5.0 / 16.0));
        d *= eps;
        c.C3 = d * ((-75.0 / 128.0 * e2) + (29.0 / 96.0));
        d *= eps;
        c.C4 = d * ((-2391.0 / 2560.0 * e2) + (539.0 / 1536.0));
        d *= eps;
        c.C5 = d * (3467.0 / 7680.0);
        d *= eps;
        c.C6 = d * (38081.0 / 61440.0);
    }

    /// <summary>A2 - 1 (eq. 42): A2 = (1 - eps)(1 + eps^2/4 + 9 eps^4/64 + 25 eps^6/256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double A2m1(double eps)
    {
        var e2 = eps * eps;
        var t = e2 * (64.0 + (e2 * (36.0 + (25.0 * e2)))) / 256.0;
        return (t * (1.0 - eps)) - eps;
    }

    /// <summary>C2[l], l = 1..6 (eq. 43).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void C2(double eps, out Series6 c)
    {
        var e2 = eps * eps;
        var d = eps;
        c.C1 = d * ((e2 * ((1.0 / 32.0 * e2) + (1.0 / 16.0))) + 0.5);
        d *= eps;
        c.C2 = d * ((e2 * ((35.0 / 2048.0 * e2) + (1.0 / 32.0))) + (3.0 / 16.0));
        d *= eps;
        c.C3 = d * ((5.0 / 256.0 * e2) + (5.0 / 48.0));
        d *= eps;
        c.C4 = d * ((7.0 / 512.0 * e2) + (35.0 / 512.0));
        d *= eps;
        c.C5 = d * (63.0 / 1280.0);
        d *= eps;
        c.C6 = d * (77.0 / 2048.0);
    }

    /// <summary>
    /// sum_{l=1..6} c[l] sin(2 l sigma) by Clenshaw summation, from sin(sigma) and cos(sigma) (no trigonometric calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SinSum6(double sinSigma, double cosSigma, in Series6 c)
    {
        var ar = 2.0 * (cosSigma - sinSigma) * (cosSigma + sinSigma); // 2 cos(2 sigma)
        var b6 = c.C6;
        var b5 = (ar * b6) + c.C5;
        var b4 = (ar * b5) - b6 + c.C4;
        var b3 = (ar * b4) - b5 + c.C3;
        var b2 = (ar * b3) - b4 + c.C2;
        var b1 = (ar * b2) - b3 + c.C1;
        return 2.0 * sinSigma * cosSigma * b1;
    }

    /// <summary>sum_{l=1..5} c[l] sin(2 l sigma) (c.C6 ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SinSum5(double sinSigma, double cosSigma, in Series6 c)
    {
        var ar = 2.0 * (cosSigma - sinSigma) * (cosSigma + sinSigma);
        var b5 = c.C5;
        var b4 = (ar * b5) + c.C4;
        var b3 = (ar * b4) - b5 + c.C3;
        var b2 = (ar * b3) - b4 + c.C2;
        var b1 = (ar * b2) - b3 + c.C1;
        return 2.0 * sinSigma * cosSigma * b1;
    }

    /// <summary>
    /// sum_{l=0..5} c[l] cos((2l + 1) sigma), with c[l] stored in C1..C6 (C1 holds l = 0), by Clenshaw summation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CosSumOdd6(double sinSigma, double cosSigma, in Series6 c)
    {
        var ar = 2.0 * (cosSigma - sinSigma) * (cosSigma + sinSigma);
        var b5 = c.C6;
        var b4 = (ar * b5) + c.C5;
        var b3 = (ar * b4) - b5 + c.C4;
        var b2 = (ar * b3) - b4 + c.C3;
        var b1 = (ar * b2) - b3 + c.C2;
        var b0 = (ar * b1) - b2 + c.C1;
        return cosSigma * (b0 - b1);
    }
}
