using static GeoIncidents.Geodesy.Geodesics.GeodesicMath;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// The constants of one geodesic (a start point and azimuth) from which positions at any distance follow without
/// iteration: the direct problem (Karney 2013, section 3). A mutable struct so that <see cref="Geodesic.Direct"/>
/// keeps it on the stack; <see cref="GeodesicLine"/> holds one.
/// </summary>
internal struct GeodesicLineState
{
    public double Lat1, Lon1, Azi1;       // degrees, as given (latitude rounded, azimuth reduced)
    public double Salp1, Calp1;           // azimuth at the start
    public double Salp0, Calp0;           // azimuth at the equator crossing (node)
    public double Ssig1, Csig1;           // sigma1, arc from the node to the start on the auxiliary sphere
    public double Somg1, Comg1;           // omega1, longitude from the node on the auxiliary sphere (unnormalised)
    public double K2, Eps;                // k² = e'² cos² alpha0 and eps (eq. 16)
    public double A1m1, B11;              // A1 - 1 and the sine series of I1 at sigma1
    public double Stau1, Ctau1;           // tau1 = sigma1 + B11, the start in the "distance" variable
    public double A3c, B31;               // -f sin(alpha0) A3 and the sine series of I3 at sigma1
    public Series6 C1a, C1pa, C3a;

    /// <summary>Sets up the line leaving (lat1, lon1) at azi1, all in degrees (latitude in [-90, 90], unchecked).</summary>
    public void Init(Geodesic g, double lat1, double lon1, double azi1)
    {
        Lat1 = RoundTiny(lat1);
        Lon1 = lon1;
        Azi1 = RoundTiny(NormalizeOutput(azi1));
        SinCosDegrees(Azi1, out Salp1, out Calp1);

        SinCosDegrees(Lat1, out var sbet1, out var cbet1);
        sbet1 *= g.F1;
        Normalize(ref sbet1, ref cbet1);
        cbet1 = Math.Max(Tiny, cbet1);

        Salp0 = Salp1 * cbet1; // Clairaut
        Calp0 = Hypot(Calp1, Salp1 * sbet1);

        // sigma1 = atan2(sin beta1, cos alpha1 cos beta1); omega1 = atan2(sin alpha0 sin sigma1, cos sigma1). Heading
        // due east on the equator, sigma1 = 0.
        Ssig1 = sbet1;
        Somg1 = Salp0 * sbet1;
        Csig1 = Comg1 = sbet1 != 0 || Calp1 != 0 ? cbet1 * Calp1 : 1;
        Normalize(ref Ssig1, ref Csig1);

        K2 = Sq(Calp0) * g.Ep2;
        Eps = K2 / ((2 * (1 + Math.Sqrt(1 + K2))) + K2);
        A1m1 = GeodesicSeries.A1m1(Eps);
        GeodesicSeries.C1(Eps, out C1a);
        GeodesicSeries.C1p(Eps, out C1pa);
        B11 = GeodesicSeries.SinSum6(Ssig1, Csig1, C1a);
        var (s, c) = Math.SinCos(B11);
        Stau1 = (Ssig1 * c) + (Csig1 * s);
        Ctau1 = (Csig1 * c) - (Ssig1 * s);

        g.C3(Eps, out C3a);
        A3c = -g.F * Salp0 * g.A3(Eps);
        B31 = GeodesicSeries.SinSum5(Ssig1, Csig1, C3a);
    }

    /// <summary>
    /// The point at distance <paramref name="s12"/> metres along the line: latitude in [-90, 90], longitude in
    /// [-180, 180), forward azimuth in [-180, 180), all degrees.
    /// </summary>
    public readonly void Position(Geodesic g, double s12, out double lat2, out double lon2, out double azi2)
    {
        Solve(g, s12, false, out lat2, out var lon12, out azi2);
        lon2 = NormalizeOutput(Remainder360(Lon1) + Remainder360(lon12));
    }

    /// <summary>
    /// As <see cref="Position"/>, but returns the longitude difference from the start unrolled: it grows continuously
    /// along the line (past ±180, and by 360 per circuit) instead of being reduced.
    /// </summary>
    public readonly void PositionUnrolled(Geodesic g, double s12, out double lat2, out double lon12, out double azi2) =>
        Solve(g, s12, true, out lat2, out lon12, out azi2);

    private readonly void Solve(Geodesic g, double s12, bool unroll, out double lat2, out double lon12, out double azi2)
    {
        // Distance -> tau (I1 inverted by the reverted series C1'): sigma2 = tau2 + sum C1'[l] sin(2 l tau2).
        var tau12 = s12 / (g.B * (1 + A1m1));
        var (stau12, ctau12) = Math.SinCos(tau12);
        var b12 = GeodesicSeries.SinSum6((Stau1 * ctau12) + (Ctau1 * stau12), (Ctau1 * ctau12) - (Stau1 * stau12), C1pa);
        var sig12 = tau12 + B11 + b12;
        var (ssig12, csig12) = Math.SinCos(sig12);
        double ssig2, csig2;
        if (Math.Abs(g.F) > 0.01)
        {
            // The reverted series loses accuracy for large |f|: one Newton step on s(sigma) = s12 restores it.
            ssig2 = (Ssig1 * csig12) + (Csig1 * ssig12);
            csig2 = (Csig1 * csig12) - (Ssig1 * ssig12);
            var b12s = GeodesicSeries.SinSum6(ssig2, csig2, C1a);
            var serr = ((1 + A1m1) * (sig12 + (b12s - B11))) - (s12 / g.B);
            sig12 -= serr / Math.Sqrt(1 + (K2 * Sq(ssig2)));
            (ssig12, csig12) = Math.SinCos(sig12);
        }

        ssig2 = (Ssig1 * csig12) + (Csig1 * ssig12);
        csig2 = (Csig1 * csig12) - (Ssig1 * ssig12);

        var sbet2 = Calp0 * ssig2;
        var cbet2 = Hypot(Salp0, Calp0 * csig2);
        if (cbet2 == 0)
        {
            // Exactly at a pole: keep the limit along the meridian.
            cbet2 = csig2 = Tiny;
        }

        var salp2 = Salp0;
        var calp2 = Calp0 * csig2;

        var somg2 = Salp0 * ssig2;
        var comg2 = csig2;
        double omg12;
        if (unroll)
        {
            // omega winds once per turn of sigma, in the direction of sin(alpha0): whole turns come from sigma12,
            // the rest from the reduced angles.
            var e = Math.CopySign(1.0, Salp0);
            omg12 = e * (sig12 - (Math.Atan2(ssig2, csig2) - Math.Atan2(Ssig1, Csig1))
                         + (Math.Atan2(e * somg2, comg2) - Math.Atan2(e * Somg1, Comg1)));
        }
        else
        {
            // Modulo 2 pi, from the sines and cosines (enough when the output longitude is reduced anyway).
            omg12 = Math.Atan2((somg2 * Comg1) - (comg2 * Somg1), (comg2 * Comg1) + (somg2 * Somg1));
        }

        var lam12 = omg12 + (A3c * (sig12 + (GeodesicSeries.SinSum5(ssig2, csig2, C3a) - B31)));
        lon12 = lam12 / Degree;
        lat2 = Atan2Degrees(sbet2, g.F1 * cbet2);
        azi2 = NormalizeOutput(Atan2Degrees(salp2, calp2));
    }
}
