using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// Geodesic lengths, perimeters and areas of EPSG:4326 geometries (X = longitude, Y = latitude, degrees), where every
/// edge between consecutive vertices is the shortest ellipsoidal geodesic (never a straight line in degrees).
/// </summary>
/// <remarks>
/// <para>Areas follow Karney (2013), section 6: each edge contributes the area between it and the equator,
/// S12 = c² (α2 − α1) + e² a² cos α0 sin α0 (I4(σ2) − I4(σ1)), summed with compensated (double-double) addition;
/// a ring that encircles a pole (it crosses a meridian an odd number of times) gains half the ellipsoid's area.
/// A ring bounds the smaller of the two regions it separates (at most half the ellipsoid); rings crossing the
/// antimeridian need no special form (an edge takes the short way round, as the inverse problem does).</para>
/// <para>Accuracy on WGS84: areas within about 0.1 m² (or 1e-9 relative) and lengths within about 1 µm per 1000 km
/// of GeographicLib's Planimeter. Edges longer than half a meridian (≈ 20000 km) may not be unique; insert a vertex.</para>
/// <para>Signs: a counter-clockwise ring (seen from outside the ellipsoid, north up) has a positive signed area.</para>
/// <para>Geometries must have SRID 4326 (<see cref="GeometryFactories.Wgs84"/>), latitudes in [-90, 90] and longitudes
/// in [-540, 540]; Z and M values are ignored. The WGS84 overloads use <see cref="Geodesic.Wgs84"/>.</para>
/// </remarks>
public static class GeodesicMeasure
{
    /// <summary>The geodesic length of a LineString (a LinearRing included) on WGS84.</summary>
    /// <param name="line">The line, SRID 4326.</param>
    /// <returns>The sum of the geodesic distances between consecutive vertices (zero when empty).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Length(LineString line) => Length(line, Geodesic.Wgs84);

    /// <summary>The geodesic length of a LineString on the given ellipsoid.</summary>
    /// <param name="line">The line, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The sum of the geodesic distances between consecutive vertices.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Length(LineString line, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(line);
        return Units.Length.FromMeters(PathLength(geodesic, line.CoordinateSequence, nameof(line)));
    }

    /// <summary>The total geodesic length of the parts of a MultiLineString on WGS84.</summary>
    /// <param name="lines">The lines, SRID 4326.</param>
    /// <returns>The sum of the parts' lengths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Length(MultiLineString lines) => Length(lines, Geodesic.Wgs84);

    /// <summary>The total geodesic length of the parts of a MultiLineString.</summary>
    /// <param name="lines">The lines, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The sum of the parts' lengths.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Length(MultiLineString lines, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(lines);
        var sum = new Sum();
        for (var i = 0; i < lines.NumGeometries; i++)
        {
            sum.Add(PathLength(geodesic, ((LineString)lines.GetGeometryN(i)).CoordinateSequence, nameof(lines)));
        }

        return Units.Length.FromMeters(sum.Value);
    }

    /// <summary>The perimeter of a Polygon on WGS84: the lengths of its shell and of its holes.</summary>
    /// <param name="polygon">The polygon, SRID 4326.</param>
    /// <returns>The sum of the ring lengths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygon"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Perimeter(Polygon polygon) => Perimeter(polygon, Geodesic.Wgs84);

    /// <summary>The perimeter of a Polygon: the lengths of its shell and of its holes.</summary>
    /// <param name="polygon">The polygon, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The sum of the ring lengths.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Perimeter(Polygon polygon, Geodesic geodesic) => Units.Length.FromMeters(Measure(polygon, geodesic).PerimeterMeters);

    /// <summary>The perimeter of a MultiPolygon on WGS84: the lengths of every ring.</summary>
    /// <param name="polygons">The polygons, SRID 4326.</param>
    /// <returns>The sum of the ring lengths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygons"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Perimeter(MultiPolygon polygons) => Perimeter(polygons, Geodesic.Wgs84);

    /// <summary>The perimeter of a MultiPolygon: the lengths of every ring.</summary>
    /// <param name="polygons">The polygons, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The sum of the ring lengths.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Length Perimeter(MultiPolygon polygons, Geodesic geodesic) => Units.Length.FromMeters(Measure(polygons, geodesic).PerimeterMeters);

    /// <summary>The area of a Polygon on WGS84: its shell's area less its holes' (each ring bounding the smaller region).</summary>
    /// <param name="polygon">The polygon, SRID 4326.</param>
    /// <returns>The area, ≥ 0 for a valid polygon (holes inside the shell).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygon"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area Area(Polygon polygon) => Area(polygon, Geodesic.Wgs84);

    /// <summary>The area of a Polygon: its shell's area less its holes' (each ring bounding the smaller region).</summary>
    /// <param name="polygon">The polygon, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The area, ≥ 0 for a valid polygon.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area Area(Polygon polygon, Geodesic geodesic) => Units.Area.FromSquareMeters(Measure(polygon, geodesic).AreaSquareMeters);

    /// <summary>The area of a MultiPolygon on WGS84: the sum of its polygons' areas.</summary>
    /// <param name="polygons">The polygons, SRID 4326.</param>
    /// <returns>The area.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygons"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area Area(MultiPolygon polygons) => Area(polygons, Geodesic.Wgs84);

    /// <summary>The area of a MultiPolygon: the sum of its polygons' areas.</summary>
    /// <param name="polygons">The polygons, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The area.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area Area(MultiPolygon polygons, Geodesic geodesic) => Units.Area.FromSquareMeters(Measure(polygons, geodesic).AreaSquareMeters);

    /// <summary>
    /// The signed area of a Polygon on WGS84: <see cref="Area(Polygon)"/> with the sign of its shell's orientation
    /// (positive when the shell runs counter-clockwise, as RFC 7946 asks).
    /// </summary>
    /// <param name="polygon">The polygon, SRID 4326.</param>
    /// <returns>The signed area.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygon"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area SignedArea(Polygon polygon) => SignedArea(polygon, Geodesic.Wgs84);

    /// <summary>The signed area of a Polygon: its area with the sign of its shell's orientation (counter-clockwise positive).</summary>
    /// <param name="polygon">The polygon, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The signed area.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area SignedArea(Polygon polygon, Geodesic geodesic) => Units.Area.FromSquareMeters(Measure(polygon, geodesic).SignedAreaSquareMeters);

    /// <summary>The signed area of a MultiPolygon on WGS84: the sum of its polygons' signed areas.</summary>
    /// <param name="polygons">The polygons, SRID 4326.</param>
    /// <returns>The signed area.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygons"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area SignedArea(MultiPolygon polygons) => SignedArea(polygons, Geodesic.Wgs84);

    /// <summary>The signed area of a MultiPolygon: the sum of its polygons' signed areas.</summary>
    /// <param name="polygons">The polygons, SRID 4326.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The signed area.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326 or a vertex is out of range.</exception>
    public static Area SignedArea(MultiPolygon polygons, Geodesic geodesic) => Units.Area.FromSquareMeters(Measure(polygons, geodesic).SignedAreaSquareMeters);

    /// <summary>
    /// The signed area of one closed ring, as GeographicLib's Planimeter reports it: counter-clockwise positive,
    /// reduced to (−A/2, A/2] where A is the ellipsoid's area (the ring bounds the smaller region).
    /// </summary>
    /// <param name="ring">The ring, SRID 4326 (closed: first vertex equals last).</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The signed area and the ring's perimeter.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326, the ring is not closed or a vertex is out of range.</exception>
    public static (Area SignedArea, Length Perimeter) Ring(LineString ring, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(ring);
        var (area, perimeter) = RingMeasure(geodesic, ring.CoordinateSequence, nameof(ring));
        return (Units.Area.FromSquareMeters(area), Units.Length.FromMeters(perimeter));
    }

    private readonly record struct PolygonMeasure(double SignedAreaSquareMeters, double AreaSquareMeters, double PerimeterMeters);

    private static PolygonMeasure Measure(Polygon polygon, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(polygon);
        return MeasurePolygon(polygon, geodesic);
    }

    private static PolygonMeasure Measure(MultiPolygon polygons, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(polygons);
        var signed = new Sum();
        var unsigned = new Sum();
        var perimeter = new Sum();
        for (var i = 0; i < polygons.NumGeometries; i++)
        {
            var m = MeasurePolygon((Polygon)polygons.GetGeometryN(i), geodesic);
            signed.Add(m.SignedAreaSquareMeters);
            unsigned.Add(m.AreaSquareMeters);
            perimeter.Add(m.PerimeterMeters);
        }

        return new PolygonMeasure(signed.Value, unsigned.Value, perimeter.Value);
    }

    private static PolygonMeasure MeasurePolygon(Polygon polygon, Geodesic geodesic)
    {
        if (polygon.IsEmpty)
        {
            return default;
        }

        var (shellArea, shellPerimeter) = RingMeasure(geodesic, polygon.Shell.CoordinateSequence, nameof(polygon));
        var area = new Sum();
        area.Add(Math.Abs(shellArea));
        var perimeter = new Sum();
        perimeter.Add(shellPerimeter);
        foreach (var hole in polygon.Holes)
        {
            var (holeArea, holePerimeter) = RingMeasure(geodesic, hole.CoordinateSequence, nameof(polygon));
            area.Add(-Math.Abs(holeArea));
            perimeter.Add(holePerimeter);
        }

        var unsigned = area.Value;
        return new PolygonMeasure(shellArea < 0 ? -unsigned : unsigned, unsigned, perimeter.Value);
    }

    /// <summary>Signed area (counter-clockwise positive, in (−A/2, A/2]) and perimeter of a closed ring.</summary>
    private static (double Area, double Perimeter) RingMeasure(Geodesic geodesic, CoordinateSequence ring, string paramName)
    {
        var n = ring.Count;
        if (n == 0)
        {
            return (0, 0);
        }

        if (ring.GetX(0) != ring.GetX(n - 1) || ring.GetY(0) != ring.GetY(n - 1))
        {
            throw new ArgumentException("A polygon ring must be closed (its first and last vertices equal).", paramName);
        }

        var area = new Sum();
        var perimeter = new Sum();
        var crossings = 0;
        var lon1 = ring.GetX(0);
        var lat1 = ring.GetY(0);
        CheckVertex(lat1, lon1, 0, paramName);
        for (var i = 1; i < n; i++)
        {
            var lon2 = ring.GetX(i);
            var lat2 = ring.GetY(i);
            CheckVertex(lat2, lon2, i, paramName);
            geodesic.InverseCore(lat1, lon1, lat2, lon2, true, out var edge);
            perimeter.Add(edge.DistanceMeters);
            area.Add(edge.AreaSquareMeters);
            crossings += Transit(lon1, lon2);
            lat1 = lat2;
            lon1 = lon2;
        }

        // The edges' S12 add up to minus the area enclosed counter-clockwise (S12 counts the region between an edge
        // and the equator positive when the edge runs east). A ring around a pole crosses every meridian an odd number
        // of times and misses half the ellipsoid; the result is then reduced modulo the whole ellipsoid.
        var total = 4 * Math.PI * geodesic.C2;
        area.Negate();
        if ((crossings & 1) != 0)
        {
            area.Add(total / 2);
        }

        return (area.RemainderCentered(total), perimeter.Value);
    }

    /// <summary>
    /// +1 when the edge crosses the prime meridian going east, −1 going west, 0 otherwise. An edge takes the short
    /// way (the longitude difference in (−180, 180], a half turn counting as eastward, as the inverse problem takes
    /// it); a vertex on the meridian counts as east of it.
    /// </summary>
    private static int Transit(double lon1, double lon2)
    {
        var lon12 = GeodesicMath.AngleDifference(lon1, lon2, out _);
        var l1 = GeodesicMath.NormalizeOutput(lon1);
        var l2 = GeodesicMath.NormalizeOutput(lon2);
        if (l1 < 0 && l2 >= 0 && lon12 > 0)
        {
            return 1;
        }

        return l2 < 0 && l1 >= 0 && lon12 < 0 ? -1 : 0;
    }

    private static double PathLength(Geodesic geodesic, CoordinateSequence line, string paramName)
    {
        var n = line.Count;
        var sum = new Sum();
        if (n == 0)
        {
            return 0;
        }

        var lon1 = line.GetX(0);
        var lat1 = line.GetY(0);
        CheckVertex(lat1, lon1, 0, paramName);
        for (var i = 1; i < n; i++)
        {
            var lon2 = line.GetX(i);
            var lat2 = line.GetY(i);
            CheckVertex(lat2, lon2, i, paramName);
            geodesic.InverseCore(lat1, lon1, lat2, lon2, false, out var edge);
            sum.Add(edge.DistanceMeters);
            lat1 = lat2;
            lon1 = lon2;
        }

        return sum.Value;
    }

    private static void CheckSrid(Geometry geometry)
    {
        if (geometry.SRID != GeometryFactories.Wgs84Srid)
        {
            throw new ArgumentException(
                $"Geodesic measures need EPSG:4326 lon/lat geometries (SRID {GeometryFactories.Wgs84Srid}, GeometryFactories.Wgs84); got SRID {geometry.SRID}.",
                nameof(geometry));
        }
    }

    private static void CheckVertex(double lat, double lon, int index, string paramName)
    {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -540 && lon <= 540))
        {
            throw new ArgumentException(
                $"Vertex {index} (X = {lon}, Y = {lat}) is not a position: Y is latitude in [-90, 90], X longitude in [-540, 540] (EPSG:4326, X = longitude).",
                paramName);
        }
    }

    /// <summary>Compensated summation (Neumaier): the running error of each addition is kept in a second double.</summary>
    private struct Sum
    {
        private double _hi;
        private double _lo;

        public readonly double Value => _hi + _lo;

        public void Add(double x)
        {
            _hi = GeodesicMath.TwoSum(_hi, x, out var err);
            _lo += err;
        }

        public void Negate()
        {
            _hi = -_hi;
            _lo = -_lo;
        }

        /// <summary>The sum reduced modulo <paramref name="period"/> into (−period/2, period/2].</summary>
        public readonly double RemainderCentered(double period)
        {
            // hi - k period in one rounding (FMA), then the low part; |k| is small, the reduction keeps the precision.
            var k = Math.Round(_hi / period);
            var r = Math.FusedMultiplyAdd(-k, period, _hi) + _lo;
            if (r > period / 2)
            {
                r -= period;
            }
            else if (r <= -period / 2)
            {
                r += period;
            }

            return r;
        }
    }
}
