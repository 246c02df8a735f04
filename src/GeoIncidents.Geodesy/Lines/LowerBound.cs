using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Geodesy.Lines;

/// <summary>
/// A provably conservative lower bound on the geodesic distance from a point to anything inside a
/// <see cref="GeoBox"/>, used to prune the index search.
/// </summary>
/// <remarks>
/// <para><b>The argument.</b> In reduced latitude β the ellipsoid (a, e²) is (a cos β cos λ, a cos β sin λ, b sin β)
/// and its line element is exactly ds² = a² [(1 − e² cos² β) dβ² + cos² β dλ²]. The bracket is the line element of
/// the unit sphere with latitude β and longitude λ, except that its dβ² term is scaled by 1 − e² cos² β ≤ 1. So with
/// κ² = min(1, min over the path of 1 − e² cos² β), every path on the ellipsoid is at least a κ times as long as its
/// image on the unit sphere, and that image is at least the great-circle angle σ between its ends. Hence for any P
/// and Q: s(P, Q) ≥ a κ σ(P′, Q′), where P′, Q′ carry the reduced latitudes. κ = 1 − f (= b / a) always works
/// (cos² β ≤ 1). A tighter κ holds for the candidates that matter: every point X of a geodesic from P of length
/// below D satisfies |φX − φP| ≤ D / ρmin (the meridian arc between their latitudes is no longer than the path, and
/// ρ ≥ ρmin = a (1 − e²)), so κ may be evaluated at the smallest |β| of that latitude band (see
/// <see cref="ScaleMeters"/>).</para>
/// <para><b>Distance from P′ to a box on the unit sphere</b> (exact up to rounding, returned as the chord
/// c = 2 sin(σ / 2), which orders like σ and needs no inverse trigonometry): if λP lies within the box's longitudes,
/// the nearest point is on P's meridian (the latitude gap). Otherwise, for a fixed latitude
/// cos σ = sin βP sin β + cos βP cos β cos Δλ decreases with |Δλ| in [0, π], so every point of the box is at least as
/// far as the point with the same β on the nearer bounding meridian; along that meridian cos σ = R cos(β − βf) with
/// tan βf = tan βP / cos Δλ, maximal at βf when it lies within the box's latitudes (then sin σ = cos βP |sin Δλ|) and
/// otherwise at one of the two corners (3-D chords, accurate for small angles).</para>
/// <para><b>Rounding.</b> Every quantity above is computed to a few ulps; the bound in metres is lowered by
/// <see cref="RelativeMargin"/> and <see cref="AbsoluteMarginMeters"/> so it stays below the truth, and boxes are
/// widened by <see cref="GeodesicPolyline"/>'s envelope margin.</para>
/// </remarks>
internal static class LowerBound
{
    /// <summary>Relative slack taken off a bound to absorb rounding (a few thousand ulps).</summary>
    public const double RelativeMargin = 1e-12;

    /// <summary>Absolute slack taken off a bound to absorb rounding, metres (chords are good to ~1e-16 ≈ 1 nm).</summary>
    public const double AbsoluteMarginMeters = 1e-7;

    /// <summary>
    /// The chord (on the unit sphere of reduced latitudes) from the query point to the nearest point of the box;
    /// 0 when the point is inside. In [0, 2].
    /// </summary>
    public static double Chord(in QueryPoint q, in GeoBox box)
    {
        var offset = q.LonDegrees - box.MidLon;
        offset -= 360.0 * Math.Round(offset / 360.0); // [-180, 180]
        if (q.AtPole || box.HalfWidth >= 180.0 || Math.Abs(offset) <= box.HalfWidth)
        {
            // On P's meridian: the latitude gap, as a chord from the stored sines and cosines.
            if (q.Beta < box.MinBeta)
            {
                return MeridianChord(q, box.SinMinBeta, box.CosMinBeta);
            }

            return q.Beta > box.MaxBeta ? MeridianChord(q, box.SinMaxBeta, box.CosMaxBeta) : 0.0;
        }

        // The nearer bounding meridian; sin and cos of the longitude difference by the subtraction formulas.
        double sdl, cdl;
        if (offset > 0)
        {
            sdl = Math.Abs((q.SinLon * box.CosMaxLon) - (q.CosLon * box.SinMaxLon));
            cdl = (q.CosLon * box.CosMaxLon) + (q.SinLon * box.SinMaxLon);
        }
        else
        {
            sdl = Math.Abs((q.SinLon * box.CosMinLon) - (q.CosLon * box.SinMinLon));
            cdl = (q.CosLon * box.CosMinLon) + (q.SinLon * box.SinMinLon);
        }

        // The foot of the perpendicular from P' on that meridian's great circle, at beta_f = atan2(sin bP, cos bP cos dl):
        // inside the box when cos dl > 0 and sin(beta_f - beta_min) > 0 > sin(beta_f - beta_max).
        var fy = q.SinBeta;
        var fx = q.CosBeta * cdl;
        if (fx > 0 && (fy * box.CosMinBeta) - (fx * box.SinMinBeta) > 0 && (fy * box.CosMaxBeta) - (fx * box.SinMaxBeta) < 0)
        {
            var x = Math.Min(1.0, q.CosBeta * sdl); // sin(sigma)
            var x2 = x * x;
            return Math.Sqrt(2 * x2 / (1 + Math.Sqrt(1 - x2))); // 2 sin(sigma / 2)
        }

        return Math.Min(CornerChord(q, sdl, cdl, box.SinMinBeta, box.CosMinBeta), CornerChord(q, sdl, cdl, box.SinMaxBeta, box.CosMaxBeta));
    }

    /// <summary>
    /// The factor a κ (metres per radian of the unit sphere) valid for every candidate whose distance from the query
    /// point is below <paramref name="withinMeters"/> (+∞ for none known yet). Never more than a.
    /// </summary>
    public static double ScaleMeters(Geodesic g, in QueryPoint q, double withinMeters)
    {
        if (!(g.E2 > 0))
        {
            return g.A; // sphere or prolate: 1 - e² cos² β ≥ 1
        }

        var global = g.A * g.F1; // κ = sqrt(1 - e²) = 1 - f
        if (!double.IsFinite(withinMeters))
        {
            return global;
        }

        // Latitude band reachable within the distance, in geodetic radians; rho_min = a (1 - e²) at the equator.
        var reach = withinMeters / (g.A * (1 - g.E2));
        var lowAbsLat = Math.Abs(q.LatDegrees * GeodesicMath.Degree) - reach;
        if (lowAbsLat <= 0)
        {
            return global;
        }

        // cos² β at the band's smallest |φ|: cos² β = cos² φ / (cos² φ + (1 - f)² sin² φ).
        var (s, c) = Math.SinCos(lowAbsLat);
        var cos2Beta = (c * c) / ((c * c) + (g.F1 * g.F1 * s * s));
        return g.A * Math.Sqrt(1 - (g.E2 * cos2Beta));
    }

    /// <summary>A bound in metres from a chord and a scale, lowered by the rounding margins (never negative).</summary>
    public static double Meters(double chord, double scaleMeters) =>
        Math.Max(0.0, (2 * Math.Asin(Math.Min(1.0, chord * 0.5)) * scaleMeters * (1 - RelativeMargin)) - AbsoluteMarginMeters);

    /// <summary>
    /// The chord at and beyond which <see cref="Meters"/> is at least <paramref name="bestMeters"/>: entries whose
    /// chord reaches it cannot hold anything closer. +∞ when no chord does.
    /// </summary>
    public static double PruningChord(double bestMeters, double scaleMeters)
    {
        var sigma = (bestMeters + AbsoluteMarginMeters) / (scaleMeters * (1 - RelativeMargin));
        // A tiny relative widening keeps the threshold on the safe side of the rounding of sin.
        return sigma >= Math.PI || !double.IsFinite(sigma) ? double.PositiveInfinity : 2 * Math.Sin(sigma * 0.5) * (1 + 1e-15);
    }

    private static double MeridianChord(in QueryPoint q, double sinBeta, double cosBeta)
    {
        var dx = cosBeta - q.CosBeta;
        var dz = sinBeta - q.SinBeta;
        return Math.Sqrt((dx * dx) + (dz * dz));
    }

    private static double CornerChord(in QueryPoint q, double sdl, double cdl, double sinBeta, double cosBeta)
    {
        // P' = (cos bP, 0, sin bP), Q' = (cos b cos dl, cos b sin dl, sin b) in a frame turned to P's meridian.
        var dx = (cosBeta * cdl) - q.CosBeta;
        var dy = cosBeta * sdl;
        var dz = sinBeta - q.SinBeta;
        return Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
    }
}

/// <summary>A query position prepared for the index: degrees, its reduced latitude, sines and cosines.</summary>
internal readonly struct QueryPoint
{
    public QueryPoint(double latDegrees, double lonDegrees, double oneMinusF)
    {
        LatDegrees = latDegrees;
        LonDegrees = GeodesicMath.NormalizeOutput(lonDegrees);
        AtPole = Math.Abs(latDegrees) == 90.0; // a pole has every longitude
        Beta = GeoBox.ReducedLatitude(latDegrees, oneMinusF);
        (SinBeta, CosBeta) = Math.SinCos(Beta);
        GeodesicMath.SinCosDegrees(LonDegrees, out var s, out var c);
        (SinLon, CosLon) = (s, c);
    }

    public double LatDegrees { get; }

    /// <summary>Longitude reduced to [-180, 180), degrees.</summary>
    public double LonDegrees { get; }

    public bool AtPole { get; }

    public double Beta { get; }

    public double SinBeta { get; }

    public double CosBeta { get; }

    public double SinLon { get; }

    public double CosLon { get; }
}
