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
/// <para><b>Distance from P′ to a box on the unit sphere</b> (σ below, exact up to rounding): if λP lies within the
/// box's longitudes, the nearest point is on P's meridian (σ = the latitude gap). Otherwise, for a fixed latitude
/// cos σ = sin βP sin β + cos βP cos β cos Δλ decreases with |Δλ| in [0, π], so every point of the box is at least as
/// far as the point with the same β on the nearer bounding meridian; along that meridian cos σ = R cos(β − βf)
/// with tan βf = tan βP / cos Δλ, maximal at βf when it lies within the box's latitudes (then sin σ = cos βP
/// sin Δλ) and otherwise at one of the two corners. Corner distances are computed from 3-D chords, accurate for
/// small angles.</para>
/// <para><b>Rounding.</b> Every quantity above is computed to a few ulps; the caller subtracts
/// <see cref="RelativeMargin"/> and <see cref="AbsoluteMarginMeters"/> so the bound stays below the truth, and boxes
/// are widened by <see cref="GeodesicPolyline"/>'s envelope margin.</para>
/// </remarks>
internal static class LowerBound
{
    /// <summary>Relative slack taken off a bound to absorb rounding (a few hundred ulps).</summary>
    public const double RelativeMargin = 1e-12;

    /// <summary>Absolute slack taken off a bound to absorb rounding, metres (angles are good to ~1e-16 rad ≈ 1 nm).</summary>
    public const double AbsoluteMarginMeters = 1e-7;

    /// <summary>
    /// The great-circle angle (radians) on the unit sphere of reduced latitudes from the query point to the nearest
    /// point of the box; 0 when the point is inside.
    /// </summary>
    public static double Angle(in QueryPoint q, in GeoBox box)
    {
        var width = box.MaxLon - box.MinLon;
        var dlon = width >= 360.0 || Math.Abs(q.LatDegrees) == 90.0 // a pole has every longitude
            ? 0.0
            : Math.Abs(Math.IEEERemainder(q.LonDegrees - ((box.MinLon + box.MaxLon) * 0.5), 360.0)) - (width * 0.5);
        if (dlon <= 0.0)
        {
            if (q.Beta < box.MinBeta)
            {
                return box.MinBeta - q.Beta;
            }

            return q.Beta > box.MaxBeta ? q.Beta - box.MaxBeta : 0.0;
        }

        GeodesicMath.SinCosDegrees(Math.Min(dlon, 180.0), out var sdl, out var cdl);
        // The foot of the perpendicular from P' on the bounding meridian's great circle.
        var betaFoot = Math.Atan2(q.SinBeta, q.CosBeta * cdl);
        if (betaFoot > box.MinBeta && betaFoot < box.MaxBeta)
        {
            return Math.Asin(Math.Min(1.0, q.CosBeta * sdl));
        }

        return Math.Min(CornerAngle(q, sdl, cdl, box.SinMinBeta, box.CosMinBeta), CornerAngle(q, sdl, cdl, box.SinMaxBeta, box.CosMaxBeta));
    }

    /// <summary>
    /// The factor a κ (metres per radian of <see cref="Angle"/>) valid for every candidate whose distance from the
    /// query point is below <paramref name="withinMeters"/> (+∞ for none known yet). Never more than a.
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

    /// <summary>A bound in metres from an angle and a scale, lowered by the rounding margins (never negative).</summary>
    public static double Meters(double angle, double scaleMeters) =>
        Math.Max(0.0, (angle * scaleMeters * (1 - RelativeMargin)) - AbsoluteMarginMeters);

    private static double CornerAngle(in QueryPoint q, double sdl, double cdl, double sinBeta, double cosBeta)
    {
        // P' = (cos bP, 0, sin bP), Q' = (cos b cos dl, cos b sin dl, sin b) in a frame turned to P's meridian.
        var dx = (cosBeta * cdl) - q.CosBeta;
        var dy = cosBeta * sdl;
        var dz = sinBeta - q.SinBeta;
        var chord = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
        return 2 * Math.Asin(Math.Min(1.0, chord * 0.5));
    }
}

/// <summary>A query position prepared for the index: degrees, and its reduced latitude.</summary>
internal readonly struct QueryPoint
{
    public QueryPoint(double latDegrees, double lonDegrees, double oneMinusF)
    {
        LatDegrees = latDegrees;
        LonDegrees = lonDegrees;
        Beta = GeoBox.ReducedLatitude(latDegrees, oneMinusF);
        (SinBeta, CosBeta) = Math.SinCos(Beta);
    }

    public double LatDegrees { get; }

    public double LonDegrees { get; }

    public double Beta { get; }

    public double SinBeta { get; }

    public double CosBeta { get; }
}
