using System.Globalization;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using static GeoIncidents.Geodesy.Geodesics.GeodesicMath;

namespace GeoIncidents.Geodesy.Lines;

/// <summary>
/// A line (or several) on the ellipsoid whose edges are the geodesics between consecutive vertices (DESIGN.md),
/// indexed once for many queries: the shortest geodesic distance from a position to it, the nearest point, the edge
/// that point lies on, and the signed distance (positive on the line's left).
/// </summary>
/// <remarks>
/// <para><b>Method.</b> For one edge, the closest point is where the geodesic from the query point P meets the
/// edge at a right angle: the derivative of the distance D(s) to the point at arc length s along the edge is
/// cos(α − γ), with α the edge's azimuth there and γ the azimuth of the geodesic from P at that point. It is found by
/// Newton's method on s with the step of the spherical right triangle (Napier: tan Δs/R = tan D/R cos θ, R the
/// Gaussian radius √(ρν) at the current point), safeguarded by bisection on the sign of the derivative and
/// clamped to the edge's ends; D and the azimuths come from the Karney inverse (<see cref="Geodesic"/>), the points
/// along the edge from its <see cref="GeodesicLine"/>. A step of at most 10 m is taken without another inverse, the distance after it following from the same spherical triangle: the model's error
/// over such a step is a few nanometres (measured against iterating to 0.1 µm on 100,000 points 1 m to 1000 km from
/// the shipped lines: nearest points within 5 nm, distances within 4 nm). Typically one inverse per edge examined
/// suffices. Edges longer than <see cref="MaxPieceLength"/> are cut into pieces along the same geodesic, so that D(s)
/// has a single minimum on each piece.</para>
/// <para><b>Index.</b> Each piece's exact latitude/longitude box (longitude is monotone along a geodesic and latitude
/// is monotone between its vertices, where the azimuth is ±90°, so the box spans the ends and, when the azimuth turns
/// there, the vertex latitude) goes into a packed R-tree. A query runs best-first (branch and bound) over the tree
/// with a provably conservative lower bound on the geodesic distance to a box (the unit-sphere angle in reduced
/// latitude times a κ ≥ b; the argument is in the source, class LowerBound) and evaluates exactly only the pieces whose
/// bound is below the best distance found so far. The answer is the same as a scan of every edge.</para>
/// <para><b>Sides.</b> Looking along the line (each part in its own vertex order), positive is left. Inside an edge,
/// the side is that of the geodesic from the nearest point toward P relative to the edge's azimuth there. At an inner
/// vertex V, the left region near V is the sector swept counter-clockwise from the outgoing edge's azimuth to the
/// reverse of the incoming edge's azimuth (for a straight line, the half-plane; at a corner, the angle on the
/// inside or outside of the turn); P is left when the azimuth from V toward P lies strictly inside it. Beyond an
/// open end, the side is that of the end edge's geodesic extended past the end. A closed part (first vertex = last)
/// has no ends: counter-clockwise, its inside is on the left. For several parts, the side comes from the part that
/// holds the nearest point. Within <see cref="OnLineTolerance"/> of the line the side is <see cref="LineSide.On"/>.</para>
/// <para><b>Accuracy and range.</b> Against an independent minimisation along each geodesic edge with GeographicLib's
/// GeodSolve (tests/…/Lines), for positions within 100 km of the shipped border lines, distances agree within 0.03 µm
/// and nearest points within 0.4 µm (the reference's own resolution); the tests require 1 mm. The method does not
/// depend on the distance: the same agreement holds for positions up to 1000 km away, for edges up to 3400 km long
/// and across the antimeridian, and answers stay exact and monotone farther out. Not supported: positions near the
/// antipode of the line (more than about 19000 km away), where the distance along a piece may have several minima and
/// a local one may be returned.</para>
/// <para><b>Cost.</b> Building indexes every edge (one inverse each); a query typically evaluates one to three pieces,
/// each with one Karney inverse (two at most in the tests), plus a few dozen box bounds: a few microseconds for the
/// 2115-edge osm-2020 line.</para>
/// <para><b>Input.</b> EPSG:4326 geometries (SRID 4326, X = longitude, Y = latitude, degrees; latitudes in [-90, 90],
/// longitudes in [-540, 540]). Repeated consecutive vertices (zero-length edges) are skipped; a part that reduces to
/// a single point measures as that point. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed partial class GeodesicPolyline
{
    /// <summary>A Newton step this short (metres) is taken without checking it with another inverse (see the remarks).</summary>
    internal const double StepToleranceMeters = 10.0;

    /// <summary>Widening of every index box, degrees (≈ 11 µm): covers rounding of positions on the geodesics.</summary>
    internal const double EnvelopeMarginDegrees = 1e-10;

    private readonly Geodesic _geodesic;
    private readonly Part[] _parts;
    private readonly Edge[] _edges;
    private readonly Piece[] _pieces;
    private readonly EnvelopeTree _tree;

    private GeodesicPolyline(Geodesic geodesic, IReadOnlyList<PartSource> sources)
    {
        _geodesic = geodesic;
        var parts = new List<Part>(sources.Count);
        var edges = new List<Edge>();
        var pieces = new List<Piece>();
        var boxes = new List<GeoBox>();
        var lengthMeters = 0.0;
        var vertexCount = 0;
        foreach (var source in sources)
        {
            var part = Compact(source, parts.Count, edges.Count);
            parts.Add(part);
            var firstVertex = vertexCount;
            vertexCount += part.Lat.Length;
            if (part.IsLonePoint)
            {
                pieces.Add(new Piece(-1, parts.Count - 1, 0, 0, part.Lat[0], part.Lon[0], part.Lat[0], part.Lon[0]));
                boxes.Add(PointBox(part.Lat[0], part.Lon[0]));
                continue;
            }

            for (var j = 0; j + 1 < part.Lat.Length; j++)
            {
                var edge = CreateEdge(part, parts.Count - 1, j);
                (edge.VertexA, edge.VertexB) = (firstVertex + j, firstVertex + j + 1);
                edges.Add(edge);
                lengthMeters += edge.LengthMeters;
                AddPieces(edges.Count - 1, edge, pieces, boxes);
            }
        }

        _parts = [.. parts];
        _edges = [.. edges];
        _pieces = [.. pieces];
        _tree = new EnvelopeTree(boxes, geodesic.F1);
        Length = Units.Length.FromMeters(lengthMeters);
    }

    /// <summary>
    /// Positions closer to the line than this are <see cref="LineSide.On"/> it: 1 µm, ten times the geodesic solver's
    /// accuracy and far below any positional accuracy of the data.
    /// </summary>
    public static Length OnLineTolerance { get; } = Units.Length.FromMeters(1e-6);

    /// <summary>
    /// The longest piece an edge is indexed and searched as (longer edges are cut along their geodesic): 100 km.
    /// </summary>
    public static Length MaxPieceLength { get; } = Units.Length.FromKilometers(100);

    /// <summary>The ellipsoid's solver the edges are geodesics of.</summary>
    public Geodesic Geodesic => _geodesic;

    /// <summary>The number of non-empty parts (LineStrings, or rings for a polygon boundary).</summary>
    public int PartCount => _parts.Length;

    /// <summary>The number of edges of non-zero length over all parts.</summary>
    public int EdgeCount => _edges.Length;

    /// <summary>The total geodesic length of all parts.</summary>
    public Length Length { get; }

    /// <summary>Indexes a LineString, LinearRing or MultiLineString on WGS84.</summary>
    /// <param name="lineal">The line, SRID 4326, non-empty.</param>
    /// <returns>The indexed line; parts keep their vertex order (for the shipped border lines, Armenia is left).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lineal"/> is null.</exception>
    /// <exception cref="ArgumentException">The geometry is not lineal, is empty, has an SRID other than 4326, or has a
    /// coordinate that is not finite or out of range.</exception>
    public static GeodesicPolyline FromGeometry(Geometry lineal) => FromGeometry(lineal, Geodesic.Wgs84);

    /// <summary>Indexes a LineString, LinearRing or MultiLineString on the given ellipsoid.</summary>
    /// <param name="lineal">The line, SRID 4326, non-empty.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The indexed line.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The geometry is not lineal, is empty, has an SRID other than 4326, or has a
    /// coordinate that is not finite or out of range.</exception>
    public static GeodesicPolyline FromGeometry(Geometry lineal, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(lineal);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(lineal, nameof(lineal));
        var sources = new List<PartSource>();
        switch (lineal)
        {
            case LineString line:
                AddNonEmpty(sources, line.Coordinates, false, 0);
                break;
            case MultiLineString lines:
                for (var i = 0; i < lines.NumGeometries; i++)
                {
                    AddNonEmpty(sources, lines.GetGeometryN(i).Coordinates, false, i);
                }

                break;
            default:
                throw new ArgumentException(
                    $"A {lineal.GeometryType} is not a line; give a LineString, LinearRing or MultiLineString (for a polygon use FromPolygonBoundary).",
                    nameof(lineal));
        }

        return Create(geodesic, sources, nameof(lineal));
    }

    /// <summary>
    /// Indexes the boundary of a Polygon or MultiPolygon on WGS84, each ring oriented so that the polygon's interior is
    /// on its left: the signed distance is positive inside, negative outside.
    /// </summary>
    /// <param name="polygonal">The polygon(s), SRID 4326, non-empty; rings should be simple and not cross each other.</param>
    /// <returns>The indexed boundary. Parts are the rings in order (each polygon's shell, then its holes); edge and
    /// vertex indices in answers refer to the rings as given, whatever their orientation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="polygonal"/> is null.</exception>
    /// <exception cref="ArgumentException">The geometry is not polygonal, is empty, has an SRID other than 4326, or has a
    /// coordinate that is not finite or out of range.</exception>
    public static GeodesicPolyline FromPolygonBoundary(Geometry polygonal) => FromPolygonBoundary(polygonal, Geodesic.Wgs84);

    /// <summary>Indexes the boundary of a Polygon or MultiPolygon on the given ellipsoid (see <see cref="FromPolygonBoundary(Geometry)"/>).</summary>
    /// <param name="polygonal">The polygon(s), SRID 4326, non-empty.</param>
    /// <param name="geodesic">The ellipsoid's solver.</param>
    /// <returns>The indexed boundary, interior on the left.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The geometry is not polygonal, is empty, has an SRID other than 4326, or has a
    /// coordinate that is not finite or out of range.</exception>
    public static GeodesicPolyline FromPolygonBoundary(Geometry polygonal, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(polygonal);
        ArgumentNullException.ThrowIfNull(geodesic);
        CheckSrid(polygonal, nameof(polygonal));
        if (polygonal is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException($"A {polygonal.GeometryType} is not a polygon; give a Polygon or MultiPolygon.", nameof(polygonal));
        }

        var sources = new List<PartSource>();
        AddPolygonRings(polygonal, geodesic, sources, nameof(polygonal));
        return Create(geodesic, sources, nameof(polygonal));
    }

    /// <summary>
    /// Indexes every point, line and polygon ring of any EPSG:4326 geometry (points become single-point parts; rings
    /// are oriented as in <see cref="FromPolygonBoundary(Geometry)"/>): the set the distance between geometries is
    /// measured to.
    /// </summary>
    internal static GeodesicPolyline FromAnyGeometry(Geometry geometry, Geodesic geodesic, string parameterName)
    {
        CheckSrid(geometry, parameterName);
        var sources = new List<PartSource>();
        AddAny(geometry, geodesic, sources, parameterName);
        return Create(geodesic, sources, parameterName);
    }

    /// <summary>
    /// Where <paramref name="position"/> stands relative to the line: distance, nearest point, edge and side.
    /// </summary>
    /// <param name="position">Any position (latitude in [-90, 90]).</param>
    /// <returns>The nearest point and what goes with it (see <see cref="PolylineProximity"/>).</returns>
    public PolylineProximity Nearest(GeoPosition position)
    {
        var q = new QueryPoint(position.LatitudeDegrees, position.LongitudeDegrees, _geodesic.F1);
        Search(q, double.PositiveInfinity, false, out var hit);
        return ToProximity(q, hit);
    }

    /// <summary>
    /// As <see cref="Nearest(GeoPosition)"/>, but only when the line comes within <paramref name="maxDistance"/>
    /// (inclusive); faster than <see cref="Nearest(GeoPosition)"/> for far positions.
    /// </summary>
    /// <param name="position">Any position.</param>
    /// <param name="maxDistance">The search radius, ≥ 0.</param>
    /// <param name="proximity">The answer when the method returns true.</param>
    /// <returns>True when the line's distance is at most <paramref name="maxDistance"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDistance"/> is negative.</exception>
    public bool TryNearest(GeoPosition position, Length maxDistance, out PolylineProximity proximity)
    {
        CheckRadius(maxDistance, nameof(maxDistance));
        var q = new QueryPoint(position.LatitudeDegrees, position.LongitudeDegrees, _geodesic.F1);
        if (Search(q, Math.BitIncrement(maxDistance.Meters), false, out var hit))
        {
            proximity = ToProximity(q, hit);
            return true;
        }

        proximity = default;
        return false;
    }

    /// <summary>The shortest geodesic distance from <paramref name="position"/> to the line.</summary>
    /// <param name="position">Any position.</param>
    /// <returns>The distance, ≥ 0.</returns>
    public Length DistanceTo(GeoPosition position)
    {
        var q = new QueryPoint(position.LatitudeDegrees, position.LongitudeDegrees, _geodesic.F1);
        Search(q, double.PositiveInfinity, false, out var hit);
        return Units.Length.FromMeters(hit.DistanceMeters);
    }

    /// <summary>The distance from <paramref name="position"/> to the line, positive on its left, negative on its right
    /// (see <see cref="PolylineProximity.SignedDistance"/>).</summary>
    /// <param name="position">Any position.</param>
    /// <returns>The signed distance.</returns>
    public Length SignedDistanceTo(GeoPosition position) => Nearest(position).SignedDistance;

    /// <summary>Whether the line comes within <paramref name="distance"/> of <paramref name="position"/> (inclusive).
    /// Stops at the first edge close enough.</summary>
    /// <param name="position">Any position.</param>
    /// <param name="distance">The radius, ≥ 0.</param>
    /// <returns>True when the geodesic distance to the line is at most <paramref name="distance"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="distance"/> is negative.</exception>
    public bool IsWithinDistance(GeoPosition position, Length distance)
    {
        CheckRadius(distance, nameof(distance));
        var q = new QueryPoint(position.LatitudeDegrees, position.LongitudeDegrees, _geodesic.F1);
        return Search(q, Math.BitIncrement(distance.Meters), true, out _);
    }

    private static void CheckRadius(Length radius, string name)
    {
        if (radius.Meters < 0)
        {
            throw new ArgumentOutOfRangeException(name, radius, "A search distance must not be negative.");
        }
    }

    private static void CheckSrid(Geometry g, string name)
    {
        if (g.SRID != GeometryFactories.Wgs84Srid)
        {
            throw new ArgumentException(
                $"The geometry has SRID {g.SRID}; geodesic measurement needs EPSG:4326 (SRID 4326, X = longitude, Y = latitude).", name);
        }
    }

    private static GeodesicPolyline Create(Geodesic geodesic, List<PartSource> sources, string parameterName)
    {
        if (sources.Count == 0)
        {
            throw new ArgumentException("The geometry is empty: there is no line to measure against.", parameterName);
        }

        foreach (var source in sources)
        {
            foreach (var c in source.Coordinates)
            {
                if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.Y < -90.0 || c.Y > 90.0 || c.X < -540.0 || c.X > 540.0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"The coordinate ({c.X}, {c.Y}) is out of range: X is longitude in [-540, 540], Y latitude in [-90, 90], degrees."), parameterName);
                }
            }
        }

        return new GeodesicPolyline(geodesic, sources);
    }

    private static void AddNonEmpty(List<PartSource> sources, Coordinate[] coordinates, bool reversed, int index)
    {
        if (coordinates.Length > 0)
        {
            sources.Add(new PartSource(coordinates, reversed, index));
        }
    }

    private static void AddPolygonRings(Geometry polygonal, Geodesic geodesic, List<PartSource> sources, string parameterName)
    {
        var ringIndex = 0;
        for (var i = 0; i < polygonal.NumGeometries; i++)
        {
            var polygon = (Polygon)polygonal.GetGeometryN(i);
            AddRing(polygon.ExteriorRing, geodesic, wantCounterClockwise: true, ringIndex++, sources, parameterName);
            foreach (var hole in polygon.InteriorRings)
            {
                AddRing(hole, geodesic, wantCounterClockwise: false, ringIndex++, sources, parameterName);
            }
        }
    }

    private static void AddRing(LineString ring, Geodesic geodesic, bool wantCounterClockwise, int index, List<PartSource> sources, string parameterName)
    {
        if (ring.IsEmpty)
        {
            return;
        }

        double signedArea;
        try
        {
            signedArea = GeodesicMeasure.Ring(ring, geodesic).SignedArea.SquareMeters;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"A polygon ring cannot be measured: {e.Message}", parameterName, e);
        }

        // A positive geodesic area is counter-clockwise; a ring of zero area keeps its order.
        var reversed = wantCounterClockwise ? signedArea < 0 : signedArea > 0;
        sources.Add(new PartSource(ring.Coordinates, reversed, index));
    }

    private static void AddAny(Geometry g, Geodesic geodesic, List<PartSource> sources, string parameterName)
    {
        switch (g)
        {
            case { IsEmpty: true }:
                return;
            case Point p:
                sources.Add(new PartSource([p.Coordinate], false, sources.Count));
                return;
            case LineString line:
                sources.Add(new PartSource(line.Coordinates, false, sources.Count));
                return;
            case Polygon or MultiPolygon:
                AddPolygonRings(g, geodesic, sources, parameterName);
                return;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    AddAny(collection.GetGeometryN(i), geodesic, sources, parameterName);
                }

                return;
            default:
                throw new ArgumentException($"Cannot measure to a {g.GeometryType}.", parameterName);
        }
    }

    /// <summary>Drops repeated consecutive vertices (equal coordinates, or the same pole, or longitudes 360° apart).</summary>
    private static Part Compact(PartSource source, int index, int firstEdge)
    {
        var n = source.Coordinates.Length;
        var lat = new List<double>(n);
        var lon = new List<double>(n);
        var first = new List<int>(n);
        for (var k = 0; k < n; k++)
        {
            var c = source.Coordinates[source.Reversed ? n - 1 - k : k];
            if (lat.Count > 0 && SamePoint(lat[^1], lon[^1], c.Y, c.X))
            {
                continue;
            }

            lat.Add(c.Y);
            lon.Add(c.X);
            first.Add(k);
        }

        var closed = lat.Count >= 3 && SamePoint(lat[0], lon[0], lat[^1], lon[^1]);
        return new Part([.. lat], [.. lon], [.. first], n, closed, source.Reversed, firstEdge, source.Index);
    }

    private static bool SamePoint(double lat1, double lon1, double lat2, double lon2) =>
        lat1 == lat2 && (Math.Abs(lat1) == 90.0 || Remainder360(lon2 - lon1) == 0.0);

    private Edge CreateEdge(Part part, int partIndex, int j)
    {
        var g = _geodesic;
        g.InverseCore(part.Lat[j], part.Lon[j], part.Lat[j + 1], part.Lon[j + 1], false, out var r);
        var azi1 = NormalizeOutput(Atan2Degrees(r.Salp1, r.Calp1));
        var azi2 = NormalizeOutput(Atan2Degrees(r.Salp2, r.Calp2));
        var edge = new Edge { Part = partIndex, Start = j, LengthMeters = r.DistanceMeters, Azi1Degrees = azi1, Azi2Degrees = azi2 };
        edge.Line.Init(g, part.Lat[j], part.Lon[j], azi1);
        edge.LatA = part.Lat[j];
        edge.LonA = part.Lon[j];
        edge.LatB = part.Lat[j + 1];
        edge.LonB = part.Lon[j + 1];
        return edge;
    }

    private void AddPieces(int edgeIndex, in Edge edge, List<Piece> pieces, List<GeoBox> boxes)
    {
        var length = edge.LengthMeters;
        var count = Math.Max(1, (int)Math.Ceiling(length / MaxPieceLength.Meters));
        var lonA = NormalizeOutput(edge.LonA);
        var lonB = lonA + AngleDifference(edge.LonA, edge.LonB, out _);
        double lat0 = edge.LatA, lon0 = lonA, azi0 = edge.Azi1Degrees;
        for (var k = 1; k <= count; k++)
        {
            double lat1, lon1, azi1;
            var s0 = length * (k - 1) / count;
            var s1 = k == count ? length : length * k / count;
            if (k == count)
            {
                (lat1, lon1, azi1) = (edge.LatB, lonB, edge.Azi2Degrees);
            }
            else
            {
                edge.Line.PositionUnrolled(_geodesic, s1, out lat1, out var lon12, out azi1);
                lon1 = lonA + lon12;
            }

            pieces.Add(new Piece(edgeIndex, edge.Part, s0, s1, lat0, lon0, lat1, lon1));
            boxes.Add(PieceBox(edge, lat0, lon0, azi0, lat1, lon1, azi1));
            (lat0, lon0, azi0) = (lat1, lon1, azi1);
        }
    }

    /// <summary>
    /// The exact box of a geodesic piece: longitudes between the ends (longitude is monotone along a geodesic),
    /// latitudes between the ends and, when the azimuth turns from northward to southward (or back) on the piece,
    /// the latitude of the geodesic's vertex, φ0 with tan β0 = cos α0 / |sin α0| (Clairaut).
    /// </summary>
    private GeoBox PieceBox(in Edge edge, double lat0, double lon0, double azi0, double lat1, double lon1, double azi1)
    {
        var minLat = Math.Min(lat0, lat1);
        var maxLat = Math.Max(lat0, lat1);
        SinCosDegrees(azi0, out _, out var c0);
        SinCosDegrees(azi1, out _, out var c1);
        if ((c0 > 0 && c1 < 0) || (c0 < 0 && c1 > 0))
        {
            var vertexLat = Atan2Degrees(edge.Line.Calp0, _geodesic.F1 * Math.Abs(edge.Line.Salp0));
            if (c0 > 0)
            {
                maxLat = Math.Max(maxLat, vertexLat);
            }
            else
            {
                minLat = Math.Min(minLat, -vertexLat);
            }
        }

        return new GeoBox(
            Math.Max(-90.0, minLat - EnvelopeMarginDegrees), Math.Min(90.0, maxLat + EnvelopeMarginDegrees),
            Math.Min(lon0, lon1) - EnvelopeMarginDegrees, Math.Max(lon0, lon1) + EnvelopeMarginDegrees, _geodesic.F1);
    }

    private GeoBox PointBox(double lat, double lon)
    {
        var lonN = NormalizeOutput(lon);
        return new GeoBox(
            Math.Max(-90.0, lat - EnvelopeMarginDegrees), Math.Min(90.0, lat + EnvelopeMarginDegrees),
            lonN - EnvelopeMarginDegrees, lonN + EnvelopeMarginDegrees, _geodesic.F1);
    }

    /// <summary>
    /// One part as given: its coordinates, whether it is to be read backwards (a reoriented ring), and the part number
    /// answers report (its index among the geometry's lines or rings, empty ones included).
    /// </summary>
    private readonly record struct PartSource(Coordinate[] Coordinates, bool Reversed, int Index);

    /// <summary>
    /// One part after compaction, in the order it is measured in (reversed when <see cref="Reversed"/>).
    /// <see cref="OrientedFirst"/> maps a compacted vertex to the position of its first copy in that order.
    /// </summary>
    private sealed record Part(double[] Lat, double[] Lon, int[] OrientedFirst, int OriginalCount, bool Closed, bool Reversed, int FirstEdge, int SourceIndex)
    {
        public bool IsLonePoint => Lat.Length == 1;

        public int EdgeCount => Lat.Length - 1;
    }

    /// <summary>One geodesic edge: its line (from the start vertex), length and end azimuths.</summary>
    private struct Edge
    {
        public int Part;
        public int Start;              // compacted index of the start vertex in the part
        public int VertexA, VertexB;   // the end vertices' numbers over all parts (keys of the vertex cache)
        public double LengthMeters;
        public double Azi1Degrees;     // forward azimuth at the start
        public double Azi2Degrees;     // forward azimuth at the end
        public double LatA, LonA, LatB, LonB;
        public GeodesicLineState Line;
    }

    /// <summary>A stretch [S0, S1] of an edge (or, with Edge = -1, a lone point of part Part), with its ends.</summary>
    private readonly record struct Piece(int Edge, int Part, double S0, double S1, double LatA, double LonA, double LatB, double LonB);
}
