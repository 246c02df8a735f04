using System.Runtime.CompilerServices;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using static GeoIncidents.Geodesy.Geodesics.GeodesicMath;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// Geodesics on an ellipsoid of revolution, solved with the method of C. F. F. Karney, "Algorithms for geodesics",
/// J. Geodesy 87, 43–55 (2013), doi:10.1007/s00190-012-0578-z: the auxiliary sphere, series in the third flattening
/// to order 6, Newton's method on the initial azimuth for the inverse problem (started from the astroid solution
/// for nearly antipodal points), and exact handling of meridional and equatorial geodesics, poles and coincident points.
/// </summary>
/// <remarks>
/// <para>Accuracy on WGS84 (measured against GeographicLib 2.1.2's GeodSolve, itself within 15 nm of exact): distances
/// and positions within 0.1 µm, azimuths within 0.1 µm of displacement over the length of the line. Valid for any
/// ellipsoid with |f| ≤ 1/50 (<see cref="Ellipsoid.MaxAbsFlattening"/>); for larger flattenings the series are
/// not accurate and the ellipsoid is refused.</para>
/// <para>Conventions (as Karney's): latitudes in [-90, 90] degrees; longitudes any finite value, outputs reduced to
/// [-180, 180); azimuths clockwise from north, outputs in [-180, 180). A pole is treated as the limit of a point
/// approaching it along the meridian of its given longitude, so azimuths at a pole are defined relative to that
/// meridian. For exactly antipodal points the shortest geodesic is not unique; one of them is returned.</para>
/// <para>Instances are immutable and thread-safe; the per-ellipsoid series coefficients are computed once.</para>
/// </remarks>
public sealed class Geodesic
{
    // Tolerances of the inverse iteration (radians of longitude on the auxiliary sphere).
    private const double Tol0 = 2.220446049250313e-16;           // machine epsilon
    private const double Tol1 = 200 * Tol0;                       // y close to zero in the astroid start
    private static readonly double Tol2 = Math.Sqrt(Tol0);
    private static readonly double TolB = Tol0 * Math.Sqrt(Tol0); // bisection gives up below this bracket width
    private static readonly double XThresh = 1000 * Math.Sqrt(Tol0);
    private const int MaxNewton = 20;                             // Newton steps before only bisecting
    private const int MaxIterations = MaxNewton + 53 + 10;        // + enough bisections to exhaust a double

    internal readonly double A;      // equatorial radius a, m
    internal readonly double F;      // flattening f
    internal readonly double F1;     // 1 - f
    internal readonly double E2;     // e^2 = f (2 - f)
    internal readonly double Ep2;    // e'^2 = e^2 / (1 - e^2)
    internal readonly double N;      // third flattening n = f / (2 - f)
    internal readonly double B;      // polar semi-axis b, m
    internal readonly double C2;     // authalic radius squared, m^2 (area of the ellipsoid = 4 pi c^2)
    private readonly double _etol2;  // below this sigma12 the short-line solution is taken as it is

    private readonly double[] _a3x = new double[6];
    private readonly double[] _c3x = new double[30];
    private readonly double[] _c4x = new double[36];

    /// <summary>Creates the solver for an ellipsoid, precomputing its series coefficients.</summary>
    /// <param name="ellipsoid">The ellipsoid (|f| ≤ 1/50 is guaranteed by <see cref="Ellipsoid"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="ellipsoid"/> is null.</exception>
    public Geodesic(Ellipsoid ellipsoid)
    {
        ArgumentNullException.ThrowIfNull(ellipsoid);
        Ellipsoid = ellipsoid;
        A = ellipsoid.EquatorialRadiusMeters;
        F = ellipsoid.Flattening;
        F1 = 1 - F;
        E2 = F * (2 - F);
        Ep2 = E2 / Sq(F1);
        N = F / (2 - F);
        B = A * F1;
        var e = Math.Sqrt(Math.Abs(E2));
        var atanhRatio = E2 == 0 ? 1 : (E2 > 0 ? Math.Atanh(e) : Math.Atan(e)) / e;
        C2 = (Sq(A) + (Sq(B) * atanhRatio)) / 2;
        // Below this sigma12 (3.6e-8 rad, about 0.2 m, on WGS84) the great-circle solution on the sphere fitted at the
        // mean latitude is taken without iterating: its error there is below rounding (checked by the reference rows
        // of 10 µm to 100 m, most of which take this path).
        _etol2 = 0.1 * Tol2 / Math.Sqrt(Math.Max(0.001, Math.Abs(F)) * Math.Min(1.0, 1 - (F / 2)) / 2);
        GeodesicSeries.EvaluateForN(N, _a3x, _c3x, _c4x);
    }

    /// <summary>The solver for WGS84 (a = 6378137 m, f = 1/298.257223563).</summary>
    public static Geodesic Wgs84 { get; } = new(Ellipsoid.Wgs84);

    /// <summary>The ellipsoid these geodesics lie on.</summary>
    public Ellipsoid Ellipsoid { get; }

    /// <summary>The total area of the ellipsoid, 4π c² (c = authalic radius): 510065621.7 km² for WGS84.</summary>
    public Area EllipsoidArea => Area.FromSquareMeters(4 * Math.PI * C2);

    /// <summary>
    /// Solves the inverse problem: the shortest geodesic from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    /// <param name="from">The first point.</param>
    /// <param name="to">The second point.</param>
    /// <returns>Distance s12 and the azimuths azi1 (at <paramref name="from"/>) and azi2 (at <paramref name="to"/>).</returns>
    public GeodesicInverseResult Inverse(GeoPosition from, GeoPosition to)
    {
        InverseCore(from.LatitudeDegrees, from.LongitudeDegrees, to.LatitudeDegrees, to.LongitudeDegrees, false, out var r);
        return new GeodesicInverseResult(
            Length.FromMeters(r.DistanceMeters),
            Angle.FromDegrees(NormalizeOutput(Atan2Degrees(r.Salp1, r.Calp1))),
            Angle.FromDegrees(NormalizeOutput(Atan2Degrees(r.Salp2, r.Calp2))));
    }

    /// <summary>
    /// Solves the direct problem: where the geodesic leaving <paramref name="from"/> at <paramref name="azimuth"/>
    /// ends after <paramref name="distance"/>.
    /// </summary>
    /// <param name="from">The starting point.</param>
    /// <param name="azimuth">azi1, clockwise from north; any finite angle.</param>
    /// <param name="distance">s12; negative walks backwards along the same geodesic. Any finite length (it may wrap
    /// around the ellipsoid several times).</param>
    /// <returns>The destination (longitude in [-180, 180)) and the forward azimuth azi2 there.</returns>
    public GeodesicDirectResult Direct(GeoPosition from, Angle azimuth, Length distance)
    {
        var line = default(GeodesicLineState);
        line.Init(this, from.LatitudeDegrees, from.LongitudeDegrees, azimuth.Degrees);
        line.Position(this, distance.Meters, out var lat2, out var lon2, out var azi2);
        return new GeodesicDirectResult(GeoPosition.FromLatLon(lat2, lon2), Angle.FromDegrees(azi2));
    }

    /// <summary>
    /// The inverse problem on raw numbers, for batch use (no allocation, no value types built).
    /// </summary>
    /// <param name="lat1Degrees">Latitude of the first point, [-90, 90].</param>
    /// <param name="lon1Degrees">Longitude of the first point, any finite value.</param>
    /// <param name="lat2Degrees">Latitude of the second point, [-90, 90].</param>
    /// <param name="lon2Degrees">Longitude of the second point, any finite value.</param>
    /// <param name="distanceMeters">s12, metres.</param>
    /// <param name="azimuth1Degrees">azi1, [-180, 180).</param>
    /// <param name="azimuth2Degrees">azi2, [-180, 180).</param>
    /// <exception cref="ArgumentOutOfRangeException">A latitude is outside [-90, 90] or a value is NaN or infinite.</exception>
    public void InverseDegrees(double lat1Degrees, double lon1Degrees, double lat2Degrees, double lon2Degrees,
        out double distanceMeters, out double azimuth1Degrees, out double azimuth2Degrees)
    {
        CheckLatitude(lat1Degrees, nameof(lat1Degrees));
        CheckLatitude(lat2Degrees, nameof(lat2Degrees));
        CheckFinite(lon1Degrees, nameof(lon1Degrees));
        CheckFinite(lon2Degrees, nameof(lon2Degrees));
        InverseCore(lat1Degrees, lon1Degrees, lat2Degrees, lon2Degrees, false, out var r);
        distanceMeters = r.DistanceMeters;
        azimuth1Degrees = NormalizeOutput(Atan2Degrees(r.Salp1, r.Calp1));
        azimuth2Degrees = NormalizeOutput(Atan2Degrees(r.Salp2, r.Calp2));
    }

    /// <summary>
    /// The direct problem on raw numbers, for batch use (no allocation, no value types built).
    /// </summary>
    /// <param name="lat1Degrees">Latitude of the start, [-90, 90].</param>
    /// <param name="lon1Degrees">Longitude of the start, any finite value.</param>
    /// <param name="azimuth1Degrees">azi1, clockwise from north, any finite value.</param>
    /// <param name="distanceMeters">s12 in metres, any finite value (negative walks backwards).</param>
    /// <param name="lat2Degrees">Latitude of the destination, [-90, 90].</param>
    /// <param name="lon2Degrees">Longitude of the destination, [-180, 180).</param>
    /// <param name="azimuth2Degrees">azi2, [-180, 180).</param>
    /// <exception cref="ArgumentOutOfRangeException">The latitude is outside [-90, 90] or a value is NaN or infinite.</exception>
    public void DirectDegrees(double lat1Degrees, double lon1Degrees, double azimuth1Degrees, double distanceMeters,
        out double lat2Degrees, out double lon2Degrees, out double azimuth2Degrees)
    {
        CheckLatitude(lat1Degrees, nameof(lat1Degrees));
        CheckFinite(lon1Degrees, nameof(lon1Degrees));
        CheckFinite(azimuth1Degrees, nameof(azimuth1Degrees));
        CheckFinite(distanceMeters, nameof(distanceMeters));
        var line = default(GeodesicLineState);
        line.Init(this, lat1Degrees, lon1Degrees, azimuth1Degrees);
        line.Position(this, distanceMeters, out lat2Degrees, out lon2Degrees, out azimuth2Degrees);
    }

    /// <summary>The geodesic leaving <paramref name="origin"/> at <paramref name="azimuth"/>.</summary>
    /// <param name="origin">The point where distances along the line are measured from.</param>
    /// <param name="azimuth">The azimuth at the origin, clockwise from north.</param>
    /// <returns>The line; positions on it cost a fraction of a full direct solution.</returns>
    public GeodesicLine Line(GeoPosition origin, Angle azimuth) => new(this, origin, azimuth, null);

    /// <summary>The shortest geodesic from <paramref name="from"/> to <paramref name="to"/> (through the inverse problem).</summary>
    /// <param name="from">The start; distances along the line are measured from here.</param>
    /// <param name="to">The end, at <see cref="GeodesicLine.Length"/> along the line.</param>
    /// <returns>The line, with its length set.</returns>
    public GeodesicLine Line(GeoPosition from, GeoPosition to)
    {
        var inverse = Inverse(from, to);
        return new GeodesicLine(this, from, inverse.InitialAzimuth, inverse.Distance);
    }

    /// <summary>
    /// "Advance <paramref name="distance"/> from <paramref name="from"/> on bearing <paramref name="bearing"/>": the end
    /// of the geodesic (the direct problem without the final azimuth).
    /// </summary>
    /// <param name="from">The starting point.</param>
    /// <param name="bearing">The initial azimuth, clockwise from north.</param>
    /// <param name="distance">How far to go along the geodesic (negative goes the opposite way).</param>
    /// <returns>The destination, longitude in [-180, 180).</returns>
    public GeoPosition Displace(GeoPosition from, Angle bearing, Length distance) => Direct(from, bearing, distance).Destination;

    /// <summary>
    /// The shortest geodesic from <paramref name="from"/> to <paramref name="to"/> as points no more than
    /// <paramref name="maxSegment"/> apart along it (both ends included, equal steps), for drawing and for
    /// intersecting with planar geometry.
    /// </summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end.</param>
    /// <param name="maxSegment">The longest step; positive.</param>
    /// <returns>The points; longitudes run continuously from <paramref name="from"/>'s reduced longitude (past ±180
    /// when the line crosses the antimeridian).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegment"/> is not positive, or so short that more
    /// than <see cref="GeodesicLine.MaxDensifiedPoints"/> points would be needed.</exception>
    public IReadOnlyList<GeoPosition> Densify(GeoPosition from, GeoPosition to, Length maxSegment) => Line(from, to).Densify(maxSegment);

    /// <summary>
    /// The densified geodesic (as <see cref="Densify(GeoPosition, GeoPosition, Length)"/>) as an EPSG:4326 LineString built with <see cref="Geometries.GeometryFactories.Wgs84"/>
    /// (X = longitude, Y = latitude).
    /// </summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end.</param>
    /// <param name="maxSegment">The longest step; positive.</param>
    /// <returns>The LineString.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegment"/> is not positive, or too short.</exception>
    public NetTopologySuite.Geometries.LineString DensifyToLineString(GeoPosition from, GeoPosition to, Length maxSegment) =>
        Line(from, to).ToLineString(maxSegment);

    private static void CheckLatitude(double value, string name)
    {
        if (!(value >= -90.0 && value <= 90.0))
        {
            throw new ArgumentOutOfRangeException(name, value, "Latitude must be a finite number of degrees in [-90, 90].");
        }
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be finite.");
        }
    }

    /// <summary>An iterate of the inverse problem's Newton iteration, kept when it has the smallest residual.</summary>
    private readonly record struct NewtonState(double AbsV, double Salp1, double Calp1, double Salp2, double Calp2,
        double Sig12, double Ssig1, double Csig1, double Ssig2, double Csig2, double Eps, double Domg12);

    /// <summary>The inverse solution in the form the measuring code needs.</summary>
    internal struct InverseSolution
    {
        public double DistanceMeters;       // s12
        public double Salp1, Calp1;         // sine and cosine of the azimuth at point 1
        public double Salp2, Calp2;         // forward azimuth at point 2
        public double ArcDegrees;           // a12, arc length on the auxiliary sphere
        public double ReducedLengthMeters;  // m12
        public double AreaSquareMeters;     // S12, area between the geodesic and the equator (only when asked)
    }

    /// <summary>
    /// The inverse problem. Latitudes must lie in [-90, 90] (unchecked); longitudes are any finite numbers.
    /// </summary>
    internal void InverseCore(double lat1, double lon1, double lat2, double lon2, bool wantArea, out InverseSolution result)
    {
        // Reduce to the canonical case lat1 <= 0, |lat2| <= |lat1|, 0 <= lon12 <= 180 by a swap and reflections,
        // and undo them at the end. The longitude difference keeps its rounding error (it matters near antipodes).
        var lon12 = AngleDifference(lon1, lon2, out var lon12Err);
        var lonSign = lon12 < 0 || (lon12 == 0 && lon12Err < 0) ? -1.0 : 1.0;
        lon12 = (lon12 * lonSign) + 0.0;
        lon12Err *= lonSign;
        var lam12 = (lon12 + lon12Err) * Degree;
        SinCosDegrees(lon12, lon12Err, out var slam12, out var clam12);
        var lon12Supplement = (180.0 - lon12) - lon12Err; // 180 - lon12, accurate when lon12 is near 180

        lat1 = RoundTiny(lat1);
        lat2 = RoundTiny(lat2);
        var swapSign = Math.Abs(lat1) < Math.Abs(lat2) ? -1.0 : 1.0;
        if (swapSign < 0)
        {
            lonSign = -lonSign;
            (lat1, lat2) = (lat2, lat1);
        }

        var latSign = lat1 < 0 ? 1.0 : -1.0;
        lat1 *= latSign;
        lat2 *= latSign;

        // Reduced latitudes beta; at a pole cos(beta) stays tiny rather than 0 (the limit along the given meridian).
        SinCosDegrees(lat1, out var sphi1, out var cphi1);
        var sbet1 = F1 * sphi1;
        var cbet1 = cphi1;
        var d1 = Math.Sqrt((sbet1 * sbet1) + (cbet1 * cbet1));
        sbet1 /= d1;
        cbet1 = Math.Max(Tiny, cbet1 / d1);
        SinCosDegrees(lat2, out var sphi2, out var cphi2);
        var sbet2 = F1 * sphi2;
        var cbet2 = cphi2;
        var d2 = Math.Sqrt((sbet2 * sbet2) + (cbet2 * cbet2));
        sbet2 /= d2;
        cbet2 = Math.Max(Tiny, cbet2 / d2);

        // cos²beta2 - cos²beta1 = sin(beta1 - beta2) sin(beta1 + beta2), with sin(beta1 ± beta2) = (1 - f) sin(phi1 ± phi2)
        // / (d1 d2) and phi1 ± phi2 summed exactly: free of the cancellation that the difference of the rounded
        // cosines suffers when |beta2| is close to |beta1| (it fixes cos(alpha2) through Clairaut's relation).
        var sum = TwoSum(lat1, lat2, out var sumErr);
        var diff = TwoSum(lat1, -lat2, out var diffErr);
        SinCosDegrees(sum, sumErr, out var sphiSum, out _);
        SinCosDegrees(diff, diffErr, out var sphiDiff, out _);
        var dcbet12 = Sq(F1) * sphiDiff * sphiSum / Sq(d1 * d2);

        var dn1 = Math.Sqrt(1 + (Ep2 * Sq(sbet1)));
        var dn2 = Math.Sqrt(1 + (Ep2 * Sq(sbet2)));

        var c = new Canonical(sbet1, cbet1, dn1, sbet2, cbet2, dn2, dcbet12, lam12, slam12, clam12);
        double s12x, m12x, a12, salp1, calp1, salp2, calp2;
        double somg12 = 2, comg12 = 0; // set when the area needs them (2 = not known)

        // 1. Meridional geodesics (lon12 = 0 or 180, or point 1 at a pole): alpha1 = lon12, alpha2 = 0.
        var meridian = lat1 == -90 || slam12 == 0;
        if (meridian)
        {
            calp1 = clam12;
            salp1 = slam12;
            calp2 = 1;
            salp2 = 0;
            var ssig1 = sbet1;
            var csig1 = calp1 * cbet1;
            var ssig2 = sbet2;
            var csig2 = calp2 * cbet2;
            var sig12 = Math.Atan2(Math.Max(0.0, (csig1 * ssig2) - (ssig1 * csig2)), (csig1 * csig2) + (ssig1 * ssig2));
            Lengths(N, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true, out var s12b, out var m12b);
            if (sig12 < 3 * Tiny)
            {
                sig12 = m12b = s12b = 0; // coincident points
            }

            s12x = B * Math.Max(0.0, s12b);
            m12x = B * m12b;
            a12 = sig12 / Degree;

            // The meridian is shortest unless it runs past a conjugate point (m12 < 0). On a prolate ellipsoid a
            // meridian over a pole can also lose to the two lines either side of it that reach a point on the
            // antipodal meridian near the antipode (that segment is the cut locus there): solve that case as well
            // and keep the shorter.
            if (!(sig12 < 1 || m12b >= 0))
            {
                meridian = false;
            }
            else if (F < 0 && clam12 < 0 && lat1 != -90)
            {
                GeneralInverse(c, out var other);
                meridian = !(other.S12 < s12x);
            }
        }
        else
        {
            s12x = m12x = a12 = salp1 = calp1 = salp2 = calp2 = 0;
        }

        if (meridian)
        {
            // Solved above.
        }
        else if (sbet1 == 0 && (F <= 0 || lon12Supplement >= F * 180))
        {
            // 2. Equatorial geodesics (both points on the equator, not beyond the point where the equator stops
            // being shortest on an oblate ellipsoid).
            calp1 = calp2 = 0;
            salp1 = salp2 = 1;
            s12x = A * lam12;
            var sig12 = lam12 / F1;
            m12x = B * Math.Sin(sig12);
            a12 = lon12 / F1;
            somg12 = Math.Sin(sig12);
            comg12 = Math.Cos(sig12);
        }
        else
        {
            // 3. The general case.
            GeneralInverse(c, out var r);
            (s12x, m12x, a12, salp1, calp1, salp2, calp2, somg12, comg12) =
                (r.S12, r.M12, r.A12, r.Salp1, r.Calp1, r.Salp2, r.Calp2, r.Somg12, r.Comg12);
        }

        var area = 0.0;
        if (wantArea)
        {
            area = AreaTerm(sbet1, cbet1, sbet2, cbet2, salp1, calp1, salp2, calp2, somg12, comg12, meridian);
            area *= swapSign * lonSign * latSign;
            area += 0.0;
        }

        // Undo the swap and the reflections.
        if (swapSign < 0)
        {
            (salp1, salp2) = (salp2, salp1);
            (calp1, calp2) = (calp2, calp1);
        }

        result.Salp1 = salp1 * swapSign * lonSign;
        result.Calp1 = calp1 * swapSign * latSign;
        result.Salp2 = salp2 * swapSign * lonSign;
        result.Calp2 = calp2 * swapSign * latSign;
        result.DistanceMeters = s12x + 0.0;
        result.ArcDegrees = a12;
        result.ReducedLengthMeters = m12x;
        result.AreaSquareMeters = area;
    }

    /// <summary>The canonical inverse problem (lat1 &lt;= 0, |lat2| &lt;= |lat1|, 0 &lt;= lon12 &lt;= 180) as the solver sees it.</summary>
    private readonly record struct Canonical(double Sbet1, double Cbet1, double Dn1, double Sbet2, double Cbet2, double Dn2,
        double Dcbet12, double Lam12, double Slam12, double Clam12);

    /// <summary>The solution of the general case: lengths in metres, arc in degrees, azimuths and omega12 as sin/cos.</summary>
    private readonly record struct GeneralSolution(double S12, double M12, double A12, double Salp1, double Calp1,
        double Salp2, double Calp2, double Somg12, double Comg12);

    /// <summary>
    /// The general case: a start for alpha1 (great circle or astroid), then Newton's method on lambda12(alpha1) = lam12,
    /// safeguarded by a bracket and bisection; or the short-line solution when that is already exact.
    /// </summary>
    private void GeneralInverse(in Canonical c, out GeneralSolution result)
    {
        var sig12 = InverseStart(c.Sbet1, c.Cbet1, c.Sbet2, c.Cbet2, c.Lam12, c.Slam12, c.Clam12,
            out var salp1, out var calp1, out var salp2, out var calp2, out var dnm);
        if (sig12 >= 0)
        {
            // Short line solved on the sphere with the scaled longitude.
            var omg12 = c.Lam12 / (F1 * dnm);
            result = new GeneralSolution(sig12 * B * dnm, Sq(dnm) * B * Math.Sin(sig12 / dnm), sig12 / Degree,
                salp1, calp1, salp2, calp2, Math.Sin(omg12), Math.Cos(omg12));
            return;
        }

        double ssig1 = 0, csig1 = 0, ssig2 = 0, csig2 = 0, eps = 0, domg12 = 0;
        var salp1a = Tiny;
        var calp1a = 1.0;
        var salp1b = Tiny;
        var calp1b = -1.0;
        var bracketExhausted = false;
        var previousWasNewton = false;
        var previousAbsV = double.PositiveInfinity;
        var best = new NewtonState(double.PositiveInfinity, salp1, calp1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var v = Lambda12(c.Sbet1, c.Cbet1, c.Dn1, c.Sbet2, c.Cbet2, c.Dn2, c.Dcbet12, salp1, calp1, c.Slam12, c.Clam12,
                iteration < MaxNewton,
                out salp2, out calp2, out sig12, out ssig1, out csig1, out ssig2, out csig2, out eps, out domg12,
                out var dv);
            var absV = Math.Abs(v);
            // dlambda12/dalpha1 = m12 / (a cos(alpha2) cos(beta2)) < 0 means the line ran past a conjugate point: it is
            // not a shortest path, and alpha1 is beyond the root. (Only possible on a prolate ellipsoid, where
            // lambda12(alpha1) is not monotonic near the meridian.)
            var pastConjugate = dv < 0;
            if (absV < best.AbsV && !pastConjugate)
            {
                best = new NewtonState(absV, salp1, calp1, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps, domg12);
            }

            // Converged (NaN stops too), or at the rounding floor: a Newton step that no longer reduces the
            // residual. The best iterate seen is used either way.
            if ((!(absV > Tol0) && !pastConjugate) || bracketExhausted || (previousWasNewton && absV >= previousAbsV && absV < 1024 * Tol0))
            {
                break;
            }

            previousAbsV = absV;

            // lambda12 increases with alpha1: keep the bracket [alpha1a, alpha1b] around the root.
            if ((v > 0 || pastConjugate) && (iteration > MaxNewton || calp1 / salp1 > calp1b / salp1b))
            {
                salp1b = salp1;
                calp1b = calp1;
            }
            else if (v < 0 && (iteration > MaxNewton || calp1 / salp1 < calp1a / salp1a))
            {
                salp1a = salp1;
                calp1a = calp1;
            }

            if (iteration < MaxNewton && dv > 0)
            {
                var dalp1 = -v / dv;
                if (Math.Abs(dalp1) < Math.PI)
                {
                    var (sdalp1, cdalp1) = Math.SinCos(dalp1);
                    var nsalp1 = (salp1 * cdalp1) + (calp1 * sdalp1);
                    if (nsalp1 > 0)
                    {
                        calp1 = (calp1 * cdalp1) - (salp1 * sdalp1);
                        salp1 = nsalp1;
                        Normalize(ref salp1, ref calp1);
                        previousWasNewton = true;
                        continue;
                    }
                }
            }

            // Newton left (0, pi) or the bracket: bisect.
            salp1 = (salp1a + salp1b) / 2;
            calp1 = (calp1a + calp1b) / 2;
            Normalize(ref salp1, ref calp1);
            previousWasNewton = false;
            bracketExhausted = Math.Abs(salp1a - salp1) + (calp1a - calp1) < TolB ||
                               Math.Abs(salp1 - salp1b) + (calp1 - calp1b) < TolB;
        }


        (_, salp1, calp1, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps, domg12) = best;
        Lengths(eps, sig12, ssig1, csig1, c.Dn1, ssig2, csig2, c.Dn2, true, out var s12b, out var m12b);
        // omega12 = lambda12 - domg12, with sin and cos from those of lambda12 (accurate near 180); for the area.
        var (sdomg12, cdomg12) = Math.SinCos(domg12);
        result = new GeneralSolution(B * s12b, B * m12b, sig12 / Degree, salp1, calp1, salp2, calp2,
            (c.Slam12 * cdomg12) - (c.Clam12 * sdomg12), (c.Clam12 * cdomg12) + (c.Slam12 * sdomg12));
    }

    /// <summary>
    /// S12 in the canonical frame (eqs. 58–62): c² (alpha2 - alpha1) plus the ellipsoidal correction e² a² cos(alpha0)
    /// sin(alpha0) (I4(sigma2) - I4(sigma1)).
    /// </summary>
    private double AreaTerm(double sbet1, double cbet1, double sbet2, double cbet2,
        double salp1, double calp1, double salp2, double calp2, double somg12, double comg12, bool meridian)
    {
        var salp0 = salp1 * cbet1;
        var calp0 = Hypot(calp1, salp1 * sbet1);
        var s12 = 0.0;
        if (calp0 != 0 && salp0 != 0)
        {
            var ssig1 = sbet1;
            var csig1 = calp1 * cbet1;
            var ssig2 = sbet2;
            var csig2 = calp2 * cbet2;
            var k2 = Sq(calp0) * Ep2;
            var eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
            var a4 = Sq(A) * calp0 * salp0 * E2;
            Normalize(ref ssig1, ref csig1);
            Normalize(ref ssig2, ref csig2);
            C4(eps, out var c4);
            s12 = a4 * (GeodesicSeries.CosSumOdd6(ssig2, csig2, c4) - GeodesicSeries.CosSumOdd6(ssig1, csig1, c4));
        }

        double alp12;
        if (!meridian && somg12 <= 1 && comg12 > -0.7071 && sbet2 - sbet1 < 1.75)
        {
            // alpha2 - alpha1 is the spherical excess of the quadrilateral (point 1, point 2 and their feet on the
            // equator) on the auxiliary sphere: tan(E/2) = tan(omg12/2) (tan(b1/2) + tan(b2/2)) / (1 + tan(b1/2) tan(b2/2)).
            // Accurate for short edges, where the difference of two azimuths would cancel.
            var domg12 = 1 + comg12;
            var dbet1 = 1 + cbet1;
            var dbet2 = 1 + cbet2;
            alp12 = 2 * Math.Atan2(somg12 * ((sbet1 * dbet2) + (sbet2 * dbet1)), domg12 * ((sbet1 * sbet2) + (dbet1 * dbet2)));
        }
        else
        {
            var salp12 = (salp2 * calp1) - (calp2 * salp1);
            var calp12 = (calp2 * calp1) + (salp2 * salp1);
            // A half turn (a line over a pole) is the limit of lines passing the pole eastward (lon12 >= 0 here).
            alp12 = salp12 == 0 && calp12 < 0 ? -Math.PI : Math.Atan2(salp12, calp12);
        }

        return s12 + (C2 * alp12);
    }

    /// <summary>
    /// lambda12(alpha1) - lam12 for the trial azimuth alpha1 (eqs. 5–9 and 23), with its derivative (eq. 46) when asked.
    /// <paramref name="dcbet12"/> is cos²beta2 - cos²beta1, computed accurately by the caller.
    /// </summary>
    private double Lambda12(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2, double dcbet12,
        double salp1, double calp1, double slam120, double clam120, bool wantDerivative,
        out double salp2, out double calp2, out double sig12, out double ssig1, out double csig1,
        out double ssig2, out double csig2, out double eps, out double domg12, out double dlam12)
    {
        if (sbet1 == 0 && calp1 == 0)
        {
            // alpha1 = 90 on the equator: tilt it south by a hair so that sigma1 = pi is defined.
            calp1 = -Tiny;
        }

        var salp0 = salp1 * cbet1;                 // Clairaut: sin(alpha0) = sin(alpha1) cos(beta1)
        var calp0 = Hypot(calp1, salp1 * sbet1);   // >= 0

        // sigma1 and omega1 are measured from the equator crossing (node) on the auxiliary sphere.
        ssig1 = sbet1;
        var somg1 = salp0 * sbet1;
        csig1 = calp1 * cbet1;
        var comg1 = csig1;
        Normalize(ref ssig1, ref csig1);

        // alpha2 from Clairaut; cos(alpha2) >= 0 picks the first crossing of beta2, written to avoid cancellation.
        salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1;
        calp2 = dcbet12 != 0 || cbet2 != cbet1 ? Math.Sqrt(Sq(calp1 * cbet1) + dcbet12) / cbet2 : Math.Abs(calp1);

        ssig2 = sbet2;
        var somg2 = salp0 * sbet2;
        csig2 = calp2 * cbet2;
        var comg2 = csig2;
        Normalize(ref ssig2, ref csig2);

        sig12 = Math.Atan2(Math.Max(0.0, (csig1 * ssig2) - (ssig1 * csig2)), (csig1 * csig2) + (ssig1 * ssig2));
        var somg12 = Math.Max(0.0, (comg1 * somg2) - (somg1 * comg2));
        var comg12 = (comg1 * comg2) + (somg1 * somg2);
        // eta = omega12 - lam12, computed from sines and cosines so that nothing cancels near antipodes.
        var eta = Math.Atan2((somg12 * clam120) - (comg12 * slam120), (comg12 * clam120) + (somg12 * slam120));

        var k2 = Sq(calp0) * Ep2;
        eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
        C3(eps, out var c3);
        var b312 = GeodesicSeries.SinSum5(ssig2, csig2, c3) - GeodesicSeries.SinSum5(ssig1, csig1, c3);
        domg12 = -F * A3(eps) * salp0 * (sig12 + b312);
        var lam12 = eta + domg12;

        if (wantDerivative)
        {
            if (calp2 == 0)
            {
                // Point 2 at the vertex: the limit of m12 / (cos(alpha2) cos(beta2)).
                dlam12 = -2 * F1 * dn1 / sbet1;
            }
            else
            {
                Lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true, out _, out var m12b);
                dlam12 = F1 * m12b / (calp2 * cbet2);
            }
        }
        else
        {
            dlam12 = double.NaN;
        }

        return lam12;
    }

    /// <summary>
    /// Distance s12/b (eq. 7 via I1) and reduced length m12/b (eq. 38 via I1 - I2) between sigma1 and sigma2.
    /// dn = sqrt(1 + k² sin² sigma) = sqrt(1 + e'² sin² beta).
    /// </summary>
    private static void Lengths(double eps, double sig12, double ssig1, double csig1, double dn1,
        double ssig2, double csig2, double dn2, bool wantReducedLength, out double s12b, out double m12b)
    {
        GeodesicSeries.C1(eps, out var c1);
        var a1m1 = GeodesicSeries.A1m1(eps);
        var b1 = GeodesicSeries.SinSum6(ssig2, csig2, c1) - GeodesicSeries.SinSum6(ssig1, csig1, c1);
        s12b = sig12 + (a1m1 * sig12) + ((1 + a1m1) * b1);
        if (wantReducedLength)
        {
            GeodesicSeries.C2(eps, out var c2);
            var a2m1 = GeodesicSeries.A2m1(eps);
            var b2 = GeodesicSeries.SinSum6(ssig2, csig2, c2) - GeodesicSeries.SinSum6(ssig1, csig1, c2);
            var j12 = ((a1m1 - a2m1) * sig12) + (((1 + a1m1) * b1) - ((1 + a2m1) * b2));
            m12b = (dn2 * (csig1 * ssig2)) - (dn1 * (ssig1 * csig2)) - (csig1 * csig2 * j12);
        }
        else
        {
            m12b = double.NaN;
        }
    }

    /// <summary>
    /// A starting alpha1 for Newton's method (section 5 of the paper): the great-circle solution with a scaled
    /// longitude, or, for nearly antipodal points, the astroid solution. Returns sigma12 &gt;= 0 when the line is so
    /// short that the spherical solution is already exact to rounding (alpha2 and dnm are then set), else -1.
    /// </summary>
    private double InverseStart(double sbet1, double cbet1, double sbet2, double cbet2, double lam12, double slam12, double clam12,
        out double salp1, out double calp1, out double salp2, out double calp2, out double dnm)
    {
        var sig12 = -1.0;
        salp2 = calp2 = dnm = double.NaN;
        var sbet12 = (sbet2 * cbet1) - (cbet2 * sbet1);   // sin(beta2 - beta1)
        var cbet12 = (cbet2 * cbet1) + (sbet2 * sbet1);
        var sbet12a = (sbet2 * cbet1) + (cbet2 * sbet1);  // sin(beta2 + beta1)
        var shortLine = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double somg12, comg12;
        if (shortLine)
        {
            // The sphere that fits best locally has radius b dnm; omega12 = lam12 / sqrt(1 - e² cos² beta_mean).
            var sbetm2 = Sq(sbet1 + sbet2);
            sbetm2 /= sbetm2 + Sq(cbet1 + cbet2);
            dnm = Math.Sqrt(1 + (Ep2 * sbetm2));
            (somg12, comg12) = Math.SinCos(lam12 / (F1 * dnm));
        }
        else
        {
            somg12 = slam12;
            comg12 = clam12;
        }

        // Great-circle azimuth at point 1, its denominator written without cancellation.
        salp1 = cbet2 * somg12;
        calp1 = comg12 >= 0
            ? sbet12 + (cbet2 * sbet1 * Sq(somg12) / (1 + comg12))
            : sbet12a - (cbet2 * sbet1 * Sq(somg12) / (1 - comg12));

        var ssig12 = Hypot(salp1, calp1);
        var csig12 = (sbet1 * sbet2) + (cbet1 * cbet2 * comg12);

        if (shortLine && ssig12 < _etol2)
        {
            salp2 = cbet1 * somg12;
            calp2 = sbet12 - (cbet1 * sbet2 * (comg12 >= 0 ? Sq(somg12) / (1 + comg12) : 1 - comg12));
            NormalizeSafe(ref salp2, ref calp2);
            sig12 = Math.Atan2(ssig12, csig12);
        }
        else if (F <= 0 || csig12 >= 0 || ssig12 >= 6 * N * Math.PI * Sq(cbet1))
        {
            // Not near the antipode (outside a few astroid scales of it): the great-circle start is good. On a
            // sphere or a prolate ellipsoid the safeguarded Newton iteration converges from it as well.
        }
        else
        {
            AntipodalStart(sbet1, cbet1, sbet12a, slam12, clam12, ref salp1, ref calp1);
        }

        if (salp1 > 0)
        {
            NormalizeSafe(ref salp1, ref calp1);
        }
        else
        {
            salp1 = 1;
            calp1 = 0;
        }

        return sig12;
    }

    /// <summary>
    /// The start for nearly antipodal points on an oblate ellipsoid (section 5, eqs. 53–57): in coordinates scaled by
    /// f pi cos(beta1) A3 around the antipode, lines from point 1 envelope an astroid; alpha1 follows from the positive
    /// root mu of mu^4 + 2 mu^3 + (1 - x^2 - y^2) mu^2 - 2 y^2 mu - y^2 = 0 as sin(alpha1) = -x/(1 + mu),
    /// cos(alpha1) = y/mu.
    /// </summary>
    private void AntipodalStart(double sbet1, double cbet1, double sbet12a, double slam12, double clam12,
        ref double salp1, ref double calp1)
    {
        var lam12x = Math.Atan2(-slam12, -clam12); // lam12 - pi, in (-pi, 0]
        // Scales: near the antipode lines from point 1 reach longitude pi - f pi A3 cos(beta1) sin(alpha1) (to first
        // order in f), so x is about -sin(alpha1); y measures beta2 + beta1 on the matching scale.
        var k2 = Sq(sbet1) * Ep2;
        var eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
        var lamScale = F * cbet1 * A3(eps) * Math.PI;
        var betScale = lamScale * cbet1;
        var x = lam12x / lamScale;
        var y = sbet12a / betScale; // <= 0 in the canonical frame
        if (y > -Tol1 && x > -1 - XThresh)
        {
            // On the cut (beta2 = -beta1) inside the astroid: mu -> 0, the limit of the general formula.
            salp1 = Math.Min(1.0, -x);
            calp1 = -Math.Sqrt(1 - Sq(salp1));
        }
        else
        {
            var mu = AstroidRoot(x, y);
            salp1 = -x / (1 + mu);
            calp1 = y / mu;
        }
    }

    /// <summary>
    /// The positive root mu of x²/(1 + mu)² + y²/mu² = 1 (the astroid equation as a quartic in mu), by Newton's
    /// method safeguarded with bisection. The root lies in [max(|y|, |x| - 1), |x| + |y|].
    /// </summary>
    internal static double AstroidRoot(double x, double y)
    {
        var ax = Math.Abs(x);
        var ay = Math.Abs(y);
        var lo = Math.Max(ay, ax - 1);
        var hi = ax + ay;
        if (!(hi > 0))
        {
            return 0;
        }

        if (ay == 0)
        {
            return Math.Max(0.0, ax - 1);
        }

        // g(mu) = x²/(1+mu)² + y²/mu² - 1 is convex and decreasing for mu > 0: Newton from the left of the root
        // climbs monotonically; bisection guards the start.
        var x2 = x * x;
        var y2 = y * y;
        var mu = lo > 0 ? lo : hi / 2;
        for (var i = 0; i < 200; i++)
        {
            var t = 1 + mu;
            var g = (x2 / (t * t)) + (y2 / (mu * mu)) - 1;
            if (g == 0)
            {
                break;
            }

            if (g > 0)
            {
                lo = mu;
            }
            else
            {
                hi = mu;
            }

            var dg = (-2 * x2 / (t * t * t)) - (2 * y2 / (mu * mu * mu));
            var next = mu - (g / dg);
            if (!(next > lo && next < hi))
            {
                next = (lo + hi) / 2;
            }

            if (Math.Abs(next - mu) <= 4 * Tol0 * mu)
            {
                mu = next;
                break;
            }

            mu = next;
        }

        return mu;
    }

    /// <summary>A3(eps) (eq. 24), the coefficients in n precomputed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double A3(double eps)
    {
        var c = _a3x;
        return c[0] + (eps * (c[1] + (eps * (c[2] + (eps * (c[3] + (eps * (c[4] + (eps * c[5])))))))));
    }

    /// <summary>C3[l](eps), l = 1..5 (eq. 25).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void C3(double eps, out Series6 c)
    {
        var x = _c3x;
        _ = x[29];
        var e2 = eps * eps;
        c.C1 = eps * (x[1] + (eps * (x[2] + (eps * (x[3] + (eps * (x[4] + (eps * x[5]))))))));
        c.C2 = e2 * (x[8] + (eps * (x[9] + (eps * (x[10] + (eps * x[11]))))));
        c.C3 = e2 * eps * (x[15] + (eps * (x[16] + (eps * x[17]))));
        c.C4 = e2 * e2 * (x[22] + (eps * x[23]));
        c.C5 = e2 * e2 * eps * x[29];
        c.C6 = 0;
    }

    /// <summary>C4[l](eps), l = 0..5 stored in C1..C6 (eq. 61).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void C4(double eps, out Series6 c)
    {
        var x = _c4x;
        _ = x[35];
        var e2 = eps * eps;
        c.C1 = x[0] + (eps * (x[1] + (eps * (x[2] + (eps * (x[3] + (eps * (x[4] + (eps * x[5])))))))));
        c.C2 = eps * (x[7] + (eps * (x[8] + (eps * (x[9] + (eps * (x[10] + (eps * x[11]))))))));
        c.C3 = e2 * (x[14] + (eps * (x[15] + (eps * (x[16] + (eps * x[17]))))));
        c.C4 = e2 * eps * (x[21] + (eps * (x[22] + (eps * x[23]))));
        c.C5 = e2 * e2 * (x[28] + (eps * x[29]));
        c.C6 = e2 * e2 * eps * x[35];
    }
}
