using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using static GeoIncidents.Geodesy.Geodesics.GeodesicMath;

namespace GeoIncidents.Geodesy.Lines;

/// <summary>The search: best-first over the index, and the closest point on one geodesic piece.</summary>
public sealed partial class GeodesicPolyline
{
    /// <summary>Iterations of the closest-point search before it settles for its current point: a guard only (over
    /// 100,000 queries on the shipped lines, 96 % of the pieces examined needed one inverse and none more than two;
    /// bisection alone would need about 35 halvings of a 100 km piece).</summary>
    private const int MaxIterations = 80;

    [ThreadStatic]
    private static SearchHeap? t_heap;

    [ThreadStatic]
    private static VertexCache? t_vertices;

    private static int s_instances;

    /// <summary>Distinguishes this instance's vertices in the per-thread <see cref="VertexCache"/>.</summary>
    private readonly long _instanceKey = (long)Interlocked.Increment(ref s_instances) << 32;

    /// <summary>
    /// Best-first search for the nearest piece closer than <paramref name="cutoffMeters"/> (exclusive). With
    /// <paramref name="stopAtFirst"/>, returns as soon as any piece is closer than the cutoff.
    /// </summary>
    private bool Search(in QueryPoint q, double cutoffMeters, bool stopAtFirst, out Hit best)
    {
        var heap = t_heap ??= new SearchHeap();
        heap.Clear();
        best = default;
        var found = false;
        var bestMeters = cutoffMeters;
        var pruning = LowerBound.PruningChord(bestMeters, LowerBound.ScaleMeters(_geodesic, q, bestMeters));
        heap.Push(LowerBound.Chord(q, _tree.Box(_tree.Root)), _tree.Root);
        while (heap.TryPop(out var chord, out var id))
        {
            if (chord >= pruning)
            {
                break; // every remaining entry is at least as far
            }

            if (_tree.IsLeaf(id))
            {
                ClosestOnPiece(q, id, out var hit);
                if (hit.DistanceMeters < bestMeters)
                {
                    best = hit;
                    bestMeters = hit.DistanceMeters;
                    found = true;
                    if (stopAtFirst)
                    {
                        return true;
                    }

                    pruning = LowerBound.PruningChord(bestMeters, LowerBound.ScaleMeters(_geodesic, q, bestMeters));
                }

                continue;
            }

            var children = _tree.Children(id);
            var boxes = _tree.ChildBoxes(id);
            for (var k = 0; k < children.Length; k++)
            {
                var c = LowerBound.Chord(q, boxes[k]);
                if (c < pruning)
                {
                    heap.Push(c, children[k]);
                }
            }
        }

        return found;
    }

    /// <summary>The nearest point by evaluating every piece (the reference the index must reproduce).</summary>
    internal PolylineProximity NearestByScan(GeoPosition position)
    {
        var q = new QueryPoint(position.LatitudeDegrees, position.LongitudeDegrees, _geodesic.F1);
        Hit best = default;
        best.DistanceMeters = double.PositiveInfinity;
        for (var i = 0; i < _pieces.Length; i++)
        {
            ClosestOnPiece(q, i, out var hit);
            if (hit.DistanceMeters < best.DistanceMeters)
            {
                best = hit;
            }
        }

        return ToProximity(q, best);
    }

    /// <summary>How many pieces a query evaluates exactly (for tests and measurements of the index).</summary>
    internal int CountExactEvaluations(GeoPosition position)
    {
        var q = new QueryPoint(position.LatitudeDegrees, position.LongitudeDegrees, _geodesic.F1);
        var heap = t_heap ??= new SearchHeap();
        heap.Clear();
        var bestMeters = double.PositiveInfinity;
        var pruning = double.PositiveInfinity;
        var count = 0;
        heap.Push(LowerBound.Chord(q, _tree.Box(_tree.Root)), _tree.Root);
        while (heap.TryPop(out var chord, out var id) && chord < pruning)
        {
            if (_tree.IsLeaf(id))
            {
                count++;
                ClosestOnPiece(q, id, out var hit);
                if (hit.DistanceMeters < bestMeters)
                {
                    bestMeters = hit.DistanceMeters;
                    pruning = LowerBound.PruningChord(bestMeters, LowerBound.ScaleMeters(_geodesic, q, bestMeters));
                }

                continue;
            }

            foreach (var child in _tree.Children(id))
            {
                heap.Push(LowerBound.Chord(q, _tree.Box(child)), child);
            }
        }

        return count;
    }

    /// <summary>
    /// The closest point of one piece to the query point: safeguarded Newton on the arc length s (see the class
    /// remarks), clamped to the piece.
    /// </summary>
    private void ClosestOnPiece(in QueryPoint q, int pieceIndex, out Hit hit)
    {
        ref readonly var piece = ref _pieces[pieceIndex];
        hit = default;
        hit.Piece = pieceIndex;
        if (piece.Edge < 0)
        {
            _geodesic.InverseCore(q.LatDegrees, q.LonDegrees, piece.LatA, piece.LonA, false, out var r);
            hit.DistanceMeters = r.DistanceMeters;
            hit.Salp2 = r.Salp2;
            hit.Calp2 = r.Calp2;
            hit.LatDegrees = piece.LatA;
            hit.LonDegrees = piece.LonA;
            hit.Vertex = 0;
            return;
        }

        ref readonly var edge = ref _edges[piece.Edge];
        double s0 = piece.S0, s1 = piece.S1;
        double lo = s0, hi = s1;
        var s = InitialGuess(q, piece);
        for (var iteration = 0; ; iteration++)
        {
            Evaluate(q, edge, s, out var d, out var salp2, out var calp2, out var lat, out var lon, out var edgeAzimuth);
            SinCosDegrees(edgeAzimuth, out var sa, out var ca);
            var derivative = (calp2 * ca) + (salp2 * sa); // dD/ds = cos(gamma - alpha)
            var step = NewtonStep(d, derivative, lat);
            if ((s <= s0 && step <= 0) || (s >= s1 && step >= 0) || d == 0 || iteration >= MaxIterations || hi - lo <= 0)
            {
                // At an end with the minimum outside (or on the line, or out of iterations): this is the point.
                SetHit(ref hit, edge, s, d, salp2, calp2, lat, lon, edgeAzimuth);
                return;
            }

            if (derivative < 0)
            {
                lo = s;
            }
            else if (derivative > 0)
            {
                hi = s;
            }

            if (Math.Abs(step) <= StepToleranceMeters)
            {
                // Accept the step without another inverse. The distance at the target follows from the right triangle
                // on the same sphere (see DistanceAfterStep); moving by delta instead of the full step when clamped
                // at an end adds (step - delta)² / 2D, found the same way.
                var target = Math.Clamp(s + step, s0, s1);
                var delta = target - s;
                var dAtTarget = DistanceAfterStep(d, step, delta, lat);
                if (target == s)
                {
                    SetHit(ref hit, edge, s, d, salp2, calp2, lat, lon, edgeAzimuth);
                }
                else
                {
                    PositionOnEdge(edge, target, out var tLat, out var tLon, out var tAzi);
                    SetHit(ref hit, edge, target, dAtTarget, salp2, calp2, tLat, tLon, tAzi);
                }

                return;
            }

            var next = s + step;
            if (next <= lo)
            {
                next = lo == s0 && s != s0 ? s0 : 0.5 * (lo + hi);
            }
            else if (next >= hi)
            {
                next = hi == s1 && s != s1 ? s1 : 0.5 * (lo + hi);
            }

            s = next;
        }
    }

    /// <summary>
    /// The Newton step along the edge from the right triangle on a sphere of the local Gaussian radius R: the foot
    /// of the perpendicular lies at atan2(sin(D/R) cos θ, cos(D/R)) R ahead, θ being the angle between the edge and the
    /// direction to the point (cos θ = -D').
    /// </summary>
    private double NewtonStep(double d, double derivative, double latDegrees)
    {
        var radius = GaussianRadius(latDegrees);
        var (sd, cd) = Math.SinCos(d / radius);
        return radius * Math.Atan2(sd * -derivative, cd);
    }

    /// <summary>
    /// The distance from the query point after moving <paramref name="delta"/> along the edge, when the foot of the
    /// perpendicular lies <paramref name="step"/> ahead: on the sphere of the local Gaussian radius R, the foot is at
    /// h from the point with cos(D/R) = cos(h/R) cos(step/R), and the target at cos(D'/R) = cos(h/R) cos((step - delta)/R).
    /// Written with half-angle sines so that nothing cancels: sin²(h/2R) = (sin²(D/2R) - sin²(step/2R)) / cos(step/R).
    /// </summary>
    private double DistanceAfterStep(double d, double step, double delta, double latDegrees)
    {
        var radius = GaussianRadius(latDegrees);
        var sd = Math.Sin(d / (2 * radius));
        var ss = Math.Sin(step / (2 * radius));
        var sh2 = Math.Max(0.0, ((sd * sd) - (ss * ss)) / Math.Cos(step / radius)); // sin²(h / 2R)
        var rest = step - delta;
        if (rest == 0)
        {
            return 2 * radius * Math.Asin(Math.Min(1.0, Math.Sqrt(sh2)));
        }

        // cos D' = cos h cos r  =>  sin²(D'/2) = sin²(h/2) + sin²(r/2) - 2 sin²(h/2) sin²(r/2)
        var sr = Math.Sin(rest / (2 * radius));
        var sr2 = sr * sr;
        var s2 = sh2 + sr2 - (2 * sh2 * sr2);
        return 2 * radius * Math.Asin(Math.Min(1.0, Math.Sqrt(Math.Max(0.0, s2))));
    }

    private double GaussianRadius(double latDegrees)
    {
        var g = _geodesic;
        SinCosDegrees(latDegrees, out var sphi, out _);
        return g.A * Math.Sqrt(Math.Abs(1 - g.E2)) / (1 - (g.E2 * sphi * sphi)); // sqrt(rho nu)
    }

    /// <summary>
    /// The distance from the query point to the point at <paramref name="s"/> along the edge, the forward azimuth there
    /// of the geodesic from the query point (as sine and cosine), and the point and the edge's azimuth. The edge's
    /// ends are its vertices as given.
    /// </summary>
    private void Evaluate(in QueryPoint q, in Edge edge, double s, out double d, out double salp2, out double calp2,
        out double lat, out double lon, out double edgeAzimuth)
    {
        PositionOnEdge(edge, s, out lat, out lon, out edgeAzimuth);
        // A vertex is shared by two edges: its inverse from the same query point is kept for the neighbour.
        var vertex = s == 0 ? edge.VertexA : s == edge.LengthMeters ? edge.VertexB : -1;
        var cache = vertex >= 0 ? t_vertices ??= new VertexCache() : null;
        if (cache is not null && cache.TryGet(_instanceKey | (uint)vertex, q, out d, out salp2, out calp2))
        {
            return;
        }

        _geodesic.InverseCore(q.LatDegrees, q.LonDegrees, lat, lon, false, out var r);
        d = r.DistanceMeters;
        salp2 = r.Salp2;
        calp2 = r.Calp2;
        cache?.Add(_instanceKey | (uint)vertex, q, d, salp2, calp2);
    }

    private void PositionOnEdge(in Edge edge, double s, out double lat, out double lon, out double azimuth)
    {
        if (s == 0)
        {
            (lat, lon, azimuth) = (edge.LatA, edge.LonA, edge.Azi1Degrees);
        }
        else if (s == edge.LengthMeters)
        {
            (lat, lon, azimuth) = (edge.LatB, edge.LonB, edge.Azi2Degrees);
        }
        else
        {
            edge.Line.Position(_geodesic, s, out lat, out lon, out azimuth);
        }
    }

    /// <summary>A start for the search: the foot of the perpendicular on the chord in a local equirectangular plane.</summary>
    private static double InitialGuess(in QueryPoint q, in Piece piece)
    {
        var lonP = piece.LonA + Remainder360(q.LonDegrees - piece.LonA);
        SinCosDegrees(q.LatDegrees, out _, out var c);
        var ax = (piece.LonA - lonP) * c;
        var ay = piece.LatA - q.LatDegrees;
        var ex = ((piece.LonB - lonP) * c) - ax;
        var ey = (piece.LatB - q.LatDegrees) - ay;
        var e2 = (ex * ex) + (ey * ey);
        var t = e2 > 0 ? Math.Clamp(-((ax * ex) + (ay * ey)) / e2, 0.0, 1.0) : 0.0;
        return t == 1.0 ? piece.S1 : piece.S0 + (t * (piece.S1 - piece.S0));
    }

    private static void SetHit(ref Hit hit, in Edge edge, double s, double d, double salp2, double calp2,
        double lat, double lon, double edgeAzimuth)
    {
        hit.DistanceMeters = d;
        hit.AlongMeters = s;
        hit.Salp2 = salp2;
        hit.Calp2 = calp2;
        hit.LatDegrees = lat;
        hit.LonDegrees = lon;
        hit.EdgeAzimuthDegrees = edgeAzimuth;
        hit.Vertex = s == 0 ? edge.Start : s == edge.LengthMeters ? edge.Start + 1 : -1;
    }

    private PolylineProximity ToProximity(in QueryPoint q, in Hit hit)
    {
        ref readonly var piece = ref _pieces[hit.Piece];
        var part = _parts[piece.Part];
        var side = Side(hit, part);
        var distance = Units.Length.FromMeters(hit.DistanceMeters);
        var signed = Units.Length.FromMeters((int)side * hit.DistanceMeters);
        if (piece.Edge < 0)
        {
            var index = part.Reversed ? part.OriginalCount - 1 - part.OrientedFirst[0] : part.OrientedFirst[0];
            return new PolylineProximity(distance, signed, side, GeoPosition.FromLatLon(part.Lat[0], part.Lon[0]),
                part.SourceIndex, index, Units.Length.Zero, Units.Length.Zero, index);
        }

        ref readonly var edge = ref _edges[piece.Edge];
        var j = edge.Start;
        // Edge i of the oriented part runs from the last copy of compacted vertex j to the first copy of j + 1.
        var orientedEdge = part.OrientedFirst[j + 1] - 1;
        var reversed = part.Reversed;
        var edgeIndex = reversed ? part.OriginalCount - 2 - orientedEdge : orientedEdge;
        var along = reversed ? edge.LengthMeters - hit.AlongMeters : hit.AlongMeters;
        int? vertexIndex = null;
        GeoPosition nearest;
        if (hit.Vertex >= 0)
        {
            // The copy of the vertex that bounds this edge (the first copy after it, the last copy before it).
            var oriented = hit.Vertex == j ? orientedEdge : orientedEdge + 1;
            vertexIndex = reversed ? part.OriginalCount - 1 - oriented : oriented;
            nearest = GeoPosition.FromLatLon(part.Lat[hit.Vertex], part.Lon[hit.Vertex]);
        }
        else
        {
            nearest = GeoPosition.FromLatLon(hit.LatDegrees, NormalizeOutput(hit.LonDegrees));
        }

        return new PolylineProximity(distance, signed, side, nearest, part.SourceIndex, edgeIndex,
            Units.Length.FromMeters(Math.Clamp(along, 0.0, edge.LengthMeters)), Units.Length.FromMeters(edge.LengthMeters), vertexIndex);
    }

    /// <summary>The side of the query point at the nearest point (see the class remarks).</summary>
    private LineSide Side(in Hit hit, Part part)
    {
        if (hit.DistanceMeters <= OnLineTolerance.Meters || part.IsLonePoint)
        {
            return LineSide.On;
        }

        if (hit.Vertex < 0)
        {
            return SideOfDirection(hit, hit.EdgeAzimuthDegrees);
        }

        // At a vertex: the incoming and outgoing edges (a closed part wraps around; an open end has one of them).
        var k = hit.Vertex;
        var last = part.Lat.Length - 1;
        var hasIn = k > 0 || part.Closed;
        var hasOut = k < last || part.Closed;
        var inEdge = part.FirstEdge + (k > 0 ? k - 1 : last - 1);
        var outEdge = part.FirstEdge + (k < last ? k : 0);
        if (!hasIn)
        {
            return SideOfDirection(hit, _edges[outEdge].Azi1Degrees);
        }

        if (!hasOut)
        {
            return SideOfDirection(hit, _edges[inEdge].Azi2Degrees);
        }

        // theta: azimuth from the vertex toward the point (the reverse of the geodesic's arrival azimuth there).
        var theta = Atan2Degrees(hit.Salp2, hit.Calp2) + 180.0;
        var outward = _edges[outEdge].Azi1Degrees;
        var back = _edges[inEdge].Azi2Degrees + 180.0;
        var toPoint = Mod360(outward - theta);
        var sector = Mod360(outward - back);
        if (toPoint == 0 || toPoint == sector)
        {
            return LineSide.On;
        }

        return toPoint < sector ? LineSide.Left : LineSide.Right;
    }

    /// <summary>
    /// The side of the query point relative to a geodesic through the nearest point with azimuth
    /// <paramref name="azimuthDegrees"/>: left when the geodesic from the point arrives heading to the right of it,
    /// i.e. sin(γ − α) &gt; 0.
    /// </summary>
    private static LineSide SideOfDirection(in Hit hit, double azimuthDegrees)
    {
        SinCosDegrees(azimuthDegrees, out var sa, out var ca);
        var sine = (hit.Salp2 * ca) - (hit.Calp2 * sa);
        return sine > 0 ? LineSide.Left : sine < 0 ? LineSide.Right : LineSide.On;
    }

    /// <summary>Reduces degrees to [0, 360).</summary>
    private static double Mod360(double degrees)
    {
        var r = Remainder360(degrees);
        return r < 0 ? r + 360.0 : r;
    }

    /// <summary>The nearest point found on one piece.</summary>
    private struct Hit
    {
        public int Piece;
        public double DistanceMeters;
        public double AlongMeters;         // s from the edge's start
        public double LatDegrees, LonDegrees;
        public double Salp2, Calp2;        // azimuth at the nearest point of the geodesic from the query point
        public double EdgeAzimuthDegrees;  // forward azimuth of the edge at the nearest point
        public int Vertex;                 // compacted vertex index when the nearest point is a vertex, else -1
    }

    /// <summary>
    /// The last few vertex evaluations on this thread, keyed by instance, vertex and query point: adjacent edges
    /// clamped to their shared vertex need one inverse, not two.
    /// </summary>
    private sealed class VertexCache
    {
        private const int Size = 4;
        private readonly long[] _keys = [-1, -1, -1, -1];
        private readonly double[] _lat = new double[Size];
        private readonly double[] _lon = new double[Size];
        private readonly double[] _d = new double[Size];
        private readonly double[] _salp2 = new double[Size];
        private readonly double[] _calp2 = new double[Size];
        private int _next;

        public bool TryGet(long key, in QueryPoint q, out double d, out double salp2, out double calp2)
        {
            for (var i = 0; i < Size; i++)
            {
                if (_keys[i] == key && _lat[i] == q.LatDegrees && _lon[i] == q.LonDegrees)
                {
                    (d, salp2, calp2) = (_d[i], _salp2[i], _calp2[i]);
                    return true;
                }
            }

            (d, salp2, calp2) = (0, 0, 0);
            return false;
        }

        public void Add(long key, in QueryPoint q, double d, double salp2, double calp2)
        {
            var i = _next;
            _next = (_next + 1) % Size;
            (_keys[i], _lat[i], _lon[i], _d[i], _salp2[i], _calp2[i]) = (key, q.LatDegrees, q.LonDegrees, d, salp2, calp2);
        }
    }

    /// <summary>A binary min-heap of (bound, id), reused per thread.</summary>
    private sealed class SearchHeap
    {
        private double[] _keys = new double[64];
        private int[] _ids = new int[64];
        private int _count;

        public void Clear() => _count = 0;

        public void Push(double key, int id)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _ids, _count * 2);
            }

            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_keys[parent] <= key)
                {
                    break;
                }

                _keys[i] = _keys[parent];
                _ids[i] = _ids[parent];
                i = parent;
            }

            _keys[i] = key;
            _ids[i] = id;
        }

        public bool TryPop(out double key, out int id)
        {
            if (_count == 0)
            {
                key = 0;
                id = -1;
                return false;
            }

            key = _keys[0];
            id = _ids[0];
            var lastKey = _keys[--_count];
            var lastId = _ids[_count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _keys[child + 1] < _keys[child])
                {
                    child++;
                }

                if (_keys[child] >= lastKey)
                {
                    break;
                }

                _keys[i] = _keys[child];
                _ids[i] = _ids[child];
                i = child;
            }

            _keys[i] = lastKey;
            _ids[i] = lastId;
            return true;
        }
    }
}
