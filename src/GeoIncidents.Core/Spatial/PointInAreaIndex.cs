using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Spatial;

/// <summary>
/// Answers "which of these areas cover this point?" for millions of points: a topological point-in-polygon test in the
/// plane of the coordinates (for EPSG:4326, longitude/latitude degrees, as NTS and PostGIS <c>geometry</c> evaluate it;
/// no longitude wrap-around, no metric claim). Built once from polygonal geometries (Polygon or MultiPolygon, with
/// holes; ordinal = position in the list); immutable and thread-safe afterwards.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> An area covers a point when the point is in its interior or on its boundary (closed areas),
/// as NTS's <see cref="Geometry.Covers"/> and prepared-geometry <c>Covers</c> decide for valid geometries: the
/// crossing parity over all rings of the area, every predicate evaluated exactly (the orientation test is a
/// floating-point filter with exact integer arithmetic behind it). The answers equal NTS's wherever NTS's own
/// double-double orientation is exact, i.e. for every input short of offsets near the sub-normal range. A point on a boundary shared by two areas (two provinces) is covered by both: <see cref="FindAll"/>
/// returns both, and <see cref="FindFirst"/> and the batch methods return the lowest ordinal of them, so the answer is
/// deterministic and depends only on the order of the areas. Areas may overlap.</para>
/// <para><b>How.</b> A uniform grid over the areas' extent, refined adaptively (a cell crossed by many edges holds a
/// finer grid of its own). Each cell records which areas cover its centre; a cell crossed by no edge answers from that
/// alone; otherwise the answer for a point follows from the centre's by the parity of the cell's edges crossed along
/// the axis-parallel path centre → (centre x, point y) → point. Ties (a path through a vertex) are resolved by a
/// symbolic perturbation of the path (y + ε, x + ε²), the same for every cell, so no special cases remain; a point on
/// an edge of the cell is reported as on the boundary. Cost per point: one to three array look-ups, plus a few edge
/// tests in a cell crossed by the boundary.</para>
/// </remarks>
public sealed partial class PointInAreaIndex
{
    /// <summary>The ordinal returned for a point that no area covers.</summary>
    public const int NoArea = -1;

    private const int TagUniform = 0;
    private const int TagLeaf = 1;
    private const int TagGrid = 2;
    private const int TagWideLeaf = 3;

    private const int FlagVCross = 1;
    private const int FlagCrossingAboveCentre = 2;
    private const int FlagUpward = 4;
    private const int FlagRightward = 8;
    private const int FlagSlopePositive = 16;

    /// <summary>
    /// Bound on the relative rounding error of the double orientation determinant: Shewchuk's ccwerrboundA is
    /// (3 + 16ε)ε ≈ 3.3e-16; NTS's filter uses 1e-15 too. Beyond it the sign is certain (see <see cref="UnderflowGuard"/> for
    /// tiny values); within it exact arithmetic decides.
    /// </summary>
    private const double OrientationErrorBound = 1e-15;

    /// <summary>
    /// Below this bound the products may have underflowed (absolute errors up to 2^-1075 each, no longer relative),
    /// so the filter abstains and exact arithmetic decides.
    /// </summary>
    private const double UnderflowGuard = 1e-290;

    private readonly Grid[] _grids;
    private readonly int[] _codes;
    private readonly Leaf[] _leaves;
    private readonly Edge[] _edges;
    private readonly int[] _slotAreas;
    private readonly int[] _wideCentre;
    private readonly int[] _setStart;
    private readonly int[] _setMembers;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _maxX;
    private readonly double _maxY;

    /// <summary>Builds the index.</summary>
    /// <param name="areas">Polygons or multipolygons (holes allowed; empty ones never cover anything); their SRID is not
    /// checked but all must be in the same coordinate plane as the queried points. The list position is the ordinal.</param>
    /// <exception cref="ArgumentNullException"><paramref name="areas"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">An item is not polygonal, or has a non-finite coordinate.</exception>
    public PointInAreaIndex(IReadOnlyList<Geometry> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var built = new Builder(areas).Build();
        AreaCount = areas.Count;
        _grids = built.Grids;
        _codes = built.Codes;
        _leaves = built.Leaves;
        _edges = built.Edges;
        _slotAreas = built.SlotAreas;
        _wideCentre = built.WideCentre;
        _setStart = built.SetStart;
        _setMembers = built.SetMembers;
        (_minX, _minY, _maxX, _maxY) = built.Extent;
        Statistics = built.Statistics;
    }

    /// <summary>How many areas the index was built from (ordinals 0 to <c>AreaCount - 1</c>).</summary>
    public int AreaCount { get; }

    /// <summary>Sizes of the built structure (cells, leaves, stored edges, depth), for diagnostics and benchmarks.</summary>
    public PointInAreaIndexStatistics Statistics { get; }

    /// <summary>The lowest ordinal of the areas covering a point (interior or boundary).</summary>
    /// <param name="x">X (longitude in degrees for EPSG:4326).</param>
    /// <param name="y">Y (latitude in degrees for EPSG:4326).</param>
    /// <returns>The ordinal, or <see cref="NoArea"/> when no area covers the point.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is NaN or infinite.</exception>
    public int FindFirst(double x, double y)
    {
        if (!(x >= _minX && x <= _maxX && y >= _minY && y <= _maxY))
        {
            CheckFinite(x, y, -1);
            return NoArea;
        }

        var code = Descend(x, y);
        return (code & 3) switch
        {
            TagUniform => FirstOfSet(code >> 2),
            TagLeaf => FirstOfLeaf(in _leaves[code >> 2], x, y),
            _ => FirstOfWideLeaf(in _leaves[code >> 2], x, y),
        };
    }

    /// <summary>Every area covering a point, ascending by ordinal.</summary>
    /// <param name="x">X (longitude in degrees for EPSG:4326).</param>
    /// <param name="y">Y (latitude in degrees for EPSG:4326).</param>
    /// <returns>The ordinals; empty when none covers the point.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is NaN or infinite.</exception>
    public IReadOnlyList<int> FindAll(double x, double y)
    {
        var result = new List<int>();
        if (!(x >= _minX && x <= _maxX && y >= _minY && y <= _maxY))
        {
            CheckFinite(x, y, -1);
            return result;
        }

        var code = Descend(x, y);
        var payload = code >> 2;
        switch (code & 3)
        {
            case TagUniform:
                AddSet(payload, result);
                break;
            case TagLeaf:
                ref readonly var leaf = ref _leaves[payload];
                var mask = EvaluateLeaf(in leaf, x, y);
                while (mask != 0)
                {
                    result.Add(_slotAreas[leaf.SlotStart + System.Numerics.BitOperations.TrailingZeroCount(mask)]);
                    mask &= mask - 1;
                }

                break;
            default:
                EvaluateWideLeaf(in _leaves[payload], x, y, result);
                break;
        }

        return result;
    }

    /// <summary>Whether one area covers a point (interior or boundary).</summary>
    /// <param name="ordinal">The area's ordinal.</param>
    /// <param name="x">X (longitude in degrees for EPSG:4326).</param>
    /// <param name="y">Y (latitude in degrees for EPSG:4326).</param>
    /// <returns>True when the point is inside or on the boundary of the area.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The ordinal is out of range, or a coordinate is NaN or infinite.</exception>
    public bool Covers(int ordinal, double x, double y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, AreaCount);
        var all = FindAll(x, y);
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i] == ordinal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Assigns many points: for each, the lowest ordinal of the areas covering it, or <see cref="NoArea"/>. One thread.
    /// </summary>
    /// <param name="xs">X of each point (longitude in degrees for EPSG:4326).</param>
    /// <param name="ys">Y of each point (latitude in degrees), same length.</param>
    /// <param name="ordinals">Receives one ordinal per point, same length.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is NaN or infinite (the message names its index); the
    /// ordinals before it are written.</exception>
    public void Assign(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Span<int> ordinals)
    {
        if (xs.Length != ys.Length || xs.Length != ordinals.Length)
        {
            throw new ArgumentException($"the x ({xs.Length}), y ({ys.Length}) and ordinal ({ordinals.Length}) spans must have one length", nameof(ordinals));
        }

        AssignRange(xs, ys, ordinals, 0);
    }

    /// <summary>
    /// As <see cref="Assign"/>, on several threads (blocks of 16,384 points). The answers are the same as with one thread.
    /// </summary>
    /// <param name="xs">X of each point (longitude in degrees for EPSG:4326).</param>
    /// <param name="ys">Y of each point (latitude in degrees), same length.</param>
    /// <param name="ordinals">Receives one ordinal per point, same length.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; -1 for the number of processors.</param>
    /// <param name="cancellationToken">Cancels between blocks (<see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1, or a coordinate is NaN or infinite.</exception>
    public void AssignParallel(ReadOnlyMemory<double> xs, ReadOnlyMemory<double> ys, Memory<int> ordinals, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        if (xs.Length != ys.Length || xs.Length != ordinals.Length)
        {
            throw new ArgumentException($"the x ({xs.Length}), y ({ys.Length}) and ordinal ({ordinals.Length}) buffers must have one length", nameof(ordinals));
        }

        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "at least 1 thread, or -1 for the number of processors");
        }

        const int block = 16_384;
        var blocks = (xs.Length + block - 1) / block;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, b =>
        {
            var start = b * block;
            var length = Math.Min(block, xs.Length - start);
            AssignRange(xs.Span.Slice(start, length), ys.Span.Slice(start, length), ordinals.Span.Slice(start, length), start);
        });
    }

    private static void CheckFinite(double x, double y, long index)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            var where = index < 0 ? string.Empty : $" (point {index})";
            throw new ArgumentOutOfRangeException(double.IsFinite(x) ? "y" : "x", double.IsFinite(x) ? y : x, $"coordinates must be finite numbers{where}");
        }
    }

    private void AssignRange(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Span<int> ordinals, long offset)
    {
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            var y = ys[i];
            if (!(x >= _minX && x <= _maxX && y >= _minY && y <= _maxY))
            {
                CheckFinite(x, y, offset + i);
                ordinals[i] = NoArea;
                continue;
            }

            var code = Descend(x, y);
            ordinals[i] = (code & 3) switch
            {
                TagUniform => FirstOfSet(code >> 2),
                TagLeaf => FirstOfLeaf(in _leaves[code >> 2], x, y),
                _ => FirstOfWideLeaf(in _leaves[code >> 2], x, y),
            };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Descend(double x, double y)
    {
        var grids = _grids;
        var codes = _codes;
        var g = 0;
        while (true)
        {
            ref readonly var grid = ref grids[g];
            var col = (int)((x - grid.X0) * grid.InverseWidth);
            var row = (int)((y - grid.Y0) * grid.InverseHeight);
            col = col < 0 ? 0 : col >= grid.Nx ? grid.Nx - 1 : col;
            row = row < 0 ? 0 : row >= grid.Ny ? grid.Ny - 1 : row;
            var code = codes[grid.CodeStart + (row * grid.Nx) + col];
            if ((code & 3) != TagGrid)
            {
                return code;
            }

            g = code >> 2;
        }
    }

    /// <summary>Set ids: 0 is the empty set, 1..AreaCount the single area id-1, larger ids index the multi-area sets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstOfSet(int set) => set <= AreaCount ? set - 1 : _setMembers[_setStart[set - AreaCount - 1]];

    private void AddSet(int set, List<int> result)
    {
        if (set == 0)
        {
            return;
        }

        if (set <= AreaCount)
        {
            result.Add(set - 1);
            return;
        }

        var s = set - AreaCount - 1;
        for (var i = _setStart[s]; i < _setStart[s + 1]; i++)
        {
            result.Add(_setMembers[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstOfLeaf(in Leaf leaf, double x, double y)
    {
        var mask = EvaluateLeaf(in leaf, x, y);
        return mask == 0 ? NoArea : _slotAreas[leaf.SlotStart + System.Numerics.BitOperations.TrailingZeroCount(mask)];
    }

    private int FirstOfWideLeaf(in Leaf leaf, double x, double y)
    {
        var all = new List<int>();
        EvaluateWideLeaf(in leaf, x, y, all);
        return all.Count == 0 ? NoArea : all[0];
    }

    /// <summary>The covering slots of a leaf (at most 64 areas) as a bit mask.</summary>
    private ulong EvaluateLeaf(in Leaf leaf, double qx, double qy)
    {
        var mask = leaf.CentreMask;
        ulong boundary = 0;
        var cx = leaf.Cx;
        var cy = leaf.Cy;
        var edges = new ReadOnlySpan<Edge>(_edges, leaf.EdgeStart, leaf.EdgeCount);
        for (var i = 0; i < edges.Length; i++)
        {
            ref readonly var e = ref edges[i];
            switch (Classify(in e, cx, cy, qx, qy))
            {
                case Crossing.Toggle:
                    mask ^= e.Bit;
                    break;
                case Crossing.OnBoundary:
                    boundary |= e.Bit;
                    break;
            }
        }

        return mask | boundary;
    }

    /// <summary>The covering areas of a leaf with more than 64 areas (rare: many coincident boundaries), ascending.</summary>
    private void EvaluateWideLeaf(in Leaf leaf, double qx, double qy, List<int> result)
    {
        var parity = new bool[leaf.SlotCount];
        var boundary = new bool[leaf.SlotCount];
        for (var i = leaf.WideCentreStart; i < leaf.WideCentreStart + leaf.WideCentreCount; i++)
        {
            parity[_wideCentre[i]] = true;
        }

        var edges = new ReadOnlySpan<Edge>(_edges, leaf.EdgeStart, leaf.EdgeCount);
        for (var i = 0; i < edges.Length; i++)
        {
            ref readonly var e = ref edges[i];
            var slot = (int)e.Bit;
            switch (Classify(in e, leaf.Cx, leaf.Cy, qx, qy))
            {
                case Crossing.Toggle:
                    parity[slot] = !parity[slot];
                    break;
                case Crossing.OnBoundary:
                    boundary[slot] = true;
                    break;
            }
        }

        for (var s = 0; s < leaf.SlotCount; s++)
        {
            if (parity[s] || boundary[s])
            {
                result.Add(_slotAreas[leaf.SlotStart + s]);
            }
        }
    }

    /// <summary>
    /// What an edge of a leaf does to the parity between the leaf's centre c and the query point q: whether q is on
    /// it, or whether the path c* → m* → q* crosses it, where m = (cx, qy) and p* = (px + ε², py + ε).
    /// The horizontal leg runs at y = qy + ε from x = cx + ε² to qx + ε²; the vertical one at x = cx + ε² from
    /// cy + ε to qy + ε. Whether the edge crosses the vertical line above c is precomputed (<see cref="FlagCrossingAboveCentre"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Crossing Classify(in Edge e, double cx, double cy, double qx, double qy)
    {
        var ax = e.Ax;
        var ay = e.Ay;
        var bx = e.Bx;
        var by = e.By;
        var flags = e.Flags;
        var hCross = (ay > qy) != (by > qy);
        var vCross = (flags & FlagVCross) != 0;
        var oq = 2;

        // On the edge? Only when q is in its closed bounding box.
        if ((hCross || ay == qy || by == qy) && !((qx < ax && qx < bx) || (qx > ax && qx > bx)))
        {
            oq = Orient(ax, ay, bx, by, qx, qy);
            if (oq == 0)
            {
                return Crossing.OnBoundary;
            }
        }

        var toggle = false;
        var om = 2;
        if (hCross)
        {
            // The edge crosses the line y = qy + ε at some x*. Is x* right of q? right of m?
            var upward = (flags & FlagUpward) != 0;
            bool rightOfQ;
            if (ax > qx && bx > qx)
            {
                rightOfQ = true;
            }
            else if (ax < qx && bx < qx)
            {
                rightOfQ = false;
            }
            else
            {
                if (oq == 2)
                {
                    oq = Orient(ax, ay, bx, by, qx, qy);
                }

                rightOfQ = (oq > 0) == upward;
            }

            bool rightOfM;
            if (ax > cx && bx > cx)
            {
                rightOfM = true;
            }
            else if (ax < cx && bx < cx)
            {
                rightOfM = false;
            }
            else
            {
                om = Orient(ax, ay, bx, by, cx, qy);
                rightOfM = om != 0 ? (om > 0) == upward : (flags & FlagSlopePositive) != 0;
            }

            toggle = rightOfQ != rightOfM;
        }

        if (vCross)
        {
            // The edge crosses the line x = cx + ε² at some y*. Is y* above m* (strictly above qy: a tie lies below qy + ε)?
            bool aboveM;
            if (ay > qy && by > qy)
            {
                aboveM = true;
            }
            else if (ay <= qy && by <= qy)
            {
                aboveM = false;
            }
            else
            {
                if (om == 2)
                {
                    om = Orient(ax, ay, bx, by, cx, qy);
                }

                aboveM = om != 0 && (om < 0) == ((flags & FlagRightward) != 0);
            }

            toggle ^= aboveM != ((flags & FlagCrossingAboveCentre) != 0);
        }

        return toggle ? Crossing.Toggle : Crossing.None;
    }

    /// <summary>
    /// The orientation of p relative to the directed line a → b: 1 left (counter-clockwise), -1 right, 0 collinear.
    /// Exact: a double filter decides unless the determinant is within its rounding bound; then exact integer
    /// arithmetic does (every double is an integer multiple of 2^-1074), which stays exact where double-double
    /// arithmetic underflows (sub-normal offsets).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Orient(double ax, double ay, double bx, double by, double px, double py)
    {
        var left = (bx - ax) * (py - ay);
        var right = (by - ay) * (px - ax);
        var det = left - right;
        var bound = OrientationErrorBound * (Math.Abs(left) + Math.Abs(right));
        if (bound > UnderflowGuard)
        {
            if (det > bound)
            {
                return 1;
            }

            if (det < -bound)
            {
                return -1;
            }
        }

        return ExactOrient(ax, ay, bx, by, px, py);
    }

    /// <summary>The sign of (bx − ax)(py − ay) − (by − ay)(px − ax), computed exactly with integers.</summary>
    internal static int ExactOrient(double ax, double ay, double bx, double by, double px, double py)
    {
        ReadOnlySpan<double> values = [ax, ay, bx, by, px, py];
        var minExponent = int.MaxValue;
        foreach (var v in values)
        {
            if (v != 0)
            {
                minExponent = Math.Min(minExponent, Decompose(v).Exponent);
            }
        }

        if (minExponent == int.MaxValue)
        {
            return 0;
        }

        System.Numerics.BigInteger Scaled(double v)
        {
            if (v == 0)
            {
                return System.Numerics.BigInteger.Zero;
            }

            var (mantissa, exponent) = Decompose(v);
            return new System.Numerics.BigInteger(mantissa) << (exponent - minExponent);
        }

        var (iax, iay, ibx, iby, ipx, ipy) = (Scaled(ax), Scaled(ay), Scaled(bx), Scaled(by), Scaled(px), Scaled(py));
        return (((ibx - iax) * (ipy - iay)) - ((iby - iay) * (ipx - iax))).Sign;
    }

    /// <summary>A finite double as signed integer mantissa × 2^exponent.</summary>
    private static (long Mantissa, int Exponent) Decompose(double v)
    {
        var bits = BitConverter.DoubleToInt64Bits(v);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & ((1L << 52) - 1);
        var (mantissa, exponent) = biased == 0 ? (fraction, -1074) : (fraction | (1L << 52), biased - 1075);
        return (bits < 0 ? -mantissa : mantissa, exponent);
    }

    private enum Crossing
    {
        None,
        Toggle,
        OnBoundary,
    }

    /// <summary>A regular grid: cell (col,row) has its code at CodeStart + row * Nx + col.</summary>
    private readonly record struct Grid(double X0, double Y0, double InverseWidth, double InverseHeight, int Nx, int Ny, int CodeStart);

    /// <summary>A cell crossed by edges: its centre, which of its areas cover the centre, and its edges.</summary>
    private readonly record struct Leaf(
        double Cx,
        double Cy,
        int EdgeStart,
        int EdgeCount,
        int SlotStart,
        int SlotCount,
        ulong CentreMask,
        int WideCentreStart,
        int WideCentreCount);

    /// <summary>An edge a → b (ring order) as stored in a leaf: its area's bit (or slot, in a wide leaf) and flags relative to the leaf centre.</summary>
    private readonly record struct Edge(double Ax, double Ay, double Bx, double By, ulong Bit, int Flags);
}

/// <summary>Sizes of a built <see cref="PointInAreaIndex"/>.</summary>
/// <param name="InputEdges">Edges of all rings (zero-length edges dropped).</param>
/// <param name="TopColumns">Columns of the top grid.</param>
/// <param name="TopRows">Rows of the top grid.</param>
/// <param name="Grids">Grids, the top one included.</param>
/// <param name="Cells">Cells of all grids.</param>
/// <param name="UniformCells">Cells no edge crosses (answered without any edge test).</param>
/// <param name="Leaves">Cells with edges.</param>
/// <param name="StoredEdges">Edges stored in leaves (an edge crossing several cells is stored in each).</param>
/// <param name="MaxLeafEdges">The most edges in one leaf.</param>
/// <param name="MaxDepth">The deepest grid nesting (0: the top grid only).</param>
public sealed record PointInAreaIndexStatistics(
    int InputEdges,
    int TopColumns,
    int TopRows,
    int Grids,
    long Cells,
    long UniformCells,
    int Leaves,
    long StoredEdges,
    int MaxLeafEdges,
    int MaxDepth);
