using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Spatial;

/// <content>Building the grids, leaves and edge lists.</content>
public sealed partial class PointInAreaIndex
{
    /// <summary>Top-grid cells per input edge: about two cells per edge keeps most cells free of edges.</summary>
    private const double TopCellsPerEdge = 2.0;

    /// <summary>The top grid has at most this many cells (16 MiB of codes).</summary>
    private const int MaxTopCells = 1 << 22;

    /// <summary>A cell with more edges than this gets a finer grid of its own (until <see cref="MaxDepth"/>).</summary>
    private const int MaxLeafEdges = 8;

    /// <summary>A nested grid has at most this many columns and rows.</summary>
    private const int MaxSubdivision = 16;

    /// <summary>How deep grids nest: beyond it a cell stays a leaf whatever its edge count (many edges through one vertex).</summary>
    private const int MaxDepth = 5;

    /// <summary>
    /// A finer grid is kept only when its cells together hold at most this many times the parent's edges: edges that
    /// coincide (areas sharing one outline) or meet in one vertex do not spread out, and splitting them again and
    /// again would multiply the copies without shortening any cell's list.
    /// </summary>
    private const int MaxSubdivisionGrowth = 4;

    /// <summary>
    /// Cells take every edge that touches them grown by this fraction of their size (and by 1e-13 of the coordinate
    /// magnitude), so that rounding in the cell look-up never leaves a path from a centre to a point with an edge
    /// missing. An extra edge costs a test, never a wrong answer.
    /// </summary>
    private const double CellMarginFraction = 1e-7;

    private const double CellMarginRelativeToMagnitude = 1e-13;

    /// <summary>X(py + ε) &gt; px + ε² for an edge crossing the line y = py + ε: is the crossing right of p?</summary>
    private static bool RightOf(in BuildEdge e, double px, double py)
    {
        if (e.Ax > px && e.Bx > px)
        {
            return true;
        }

        if (e.Ax < px && e.Bx < px)
        {
            return false;
        }

        var o = Orient(e.Ax, e.Ay, e.Bx, e.By, px, py);
        return o != 0 ? (o > 0) == (e.By > e.Ay) : IsSlopePositive(in e);
    }

    /// <summary>Y(px + ε²) &gt; py + ε for an edge crossing the line x = px + ε²: is the crossing above p?</summary>
    private static bool AboveAt(in BuildEdge e, double px, double py)
    {
        if (e.Ay > py && e.By > py)
        {
            return true;
        }

        if (e.Ay <= py && e.By <= py)
        {
            return false;
        }

        var o = Orient(e.Ax, e.Ay, e.Bx, e.By, px, py);
        return o != 0 && (o < 0) == (e.Bx > e.Ax);
    }

    private static bool IsSlopePositive(in BuildEdge e)
    {
        var dx = e.Bx - e.Ax;
        var dy = e.By - e.Ay;
        return dx != 0 && (dx > 0) == (dy > 0);
    }

    /// <summary>Whether the perturbed path f* → (fx, ty)* → t* crosses the edge (the same path a query takes).</summary>
    private static bool Toggles(in BuildEdge e, double fx, double fy, double tx, double ty)
    {
        var toggle = false;
        if (fy != ty && (e.Ax > fx) != (e.Bx > fx))
        {
            toggle = AboveAt(in e, fx, fy) != AboveAt(in e, fx, ty);
        }

        if (fx != tx && (e.Ay > ty) != (e.By > ty))
        {
            toggle ^= RightOf(in e, fx, ty) != RightOf(in e, tx, ty);
        }

        return toggle;
    }

    private readonly record struct BuildEdge(double Ax, double Ay, double Bx, double By, int Area);

    private readonly record struct GridGeometry(double X0, double Y0, double Width, double Height, int Nx, int Ny)
    {
        public double CentreX(int col) => X0 + ((col + 0.5) * Width);

        public double CentreY(int row) => Y0 + ((row + 0.5) * Height);

        public double LineX(int col) => X0 + (col * Width);

        public double LineY(int row) => Y0 + (row * Height);
    }

    /// <summary>Edge ids per cell of one grid (compressed rows).</summary>
    private readonly record struct CellEdges(int[] Start, int[] Items)
    {
        public ReadOnlySpan<int> Of(int cell) => Items.AsSpan(Start[cell], Start[cell + 1] - Start[cell]);
    }

    private sealed record Built(
        Grid[] Grids,
        int[] Codes,
        Leaf[] Leaves,
        Edge[] Edges,
        int[] SlotAreas,
        int[] WideCentre,
        int[] SetStart,
        int[] SetMembers,
        (double MinX, double MinY, double MaxX, double MaxY) Extent,
        PointInAreaIndexStatistics Statistics);

    private sealed class Builder
    {
        private readonly BuildEdge[] _in;
        private readonly int _areaCount;
        private readonly List<Grid> _grids = [];
        private readonly List<int> _codes = [];
        private readonly List<Leaf> _leaves = [];
        private readonly List<Edge> _edges = [];
        private readonly List<int> _slotAreas = [];
        private readonly List<int> _wideCentre = [];
        private readonly Dictionary<int[], int> _setIds = new(new SetComparer());
        private readonly List<int> _setStart = [0];
        private readonly List<int> _setMembers = [];
        private readonly bool[] _parity;
        private readonly List<int> _touched = [];
        private long _cells;
        private long _uniformCells;
        private long _storedEdges;
        private int _maxLeafEdges;
        private int _maxDepth;

        public Builder(IReadOnlyList<Geometry> areas)
        {
            _areaCount = areas.Count;
            _parity = new bool[_areaCount];
            var edges = new List<BuildEdge>();
            for (var k = 0; k < areas.Count; k++)
            {
                var area = areas[k] ?? throw new ArgumentNullException(nameof(areas), $"area {k} is null");
                if (area is not (Polygon or MultiPolygon))
                {
                    throw new ArgumentException($"area {k} is a {area.GeometryType}; only Polygon and MultiPolygon are indexed", nameof(areas));
                }

                for (var p = 0; p < area.NumGeometries; p++)
                {
                    var polygon = (Polygon)area.GetGeometryN(p);
                    if (polygon.IsEmpty)
                    {
                        continue;
                    }

                    AddRing(edges, polygon.Shell, k);
                    foreach (var hole in polygon.Holes)
                    {
                        AddRing(edges, hole, k);
                    }
                }
            }

            _in = [.. edges];
        }

        public Built Build()
        {
            if (_in.Length == 0)
            {
                // Nothing covers anything: an extent no point is in, and one empty cell.
                _grids.Add(new Grid(0, 0, 1, 1, 1, 1, 0));
                _codes.Add(TagUniform);
                return Finish((double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity), 1, 1);
            }

            var (minX, minY, maxX, maxY) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
            foreach (var e in _in)
            {
                minX = Math.Min(minX, Math.Min(e.Ax, e.Bx));
                maxX = Math.Max(maxX, Math.Max(e.Ax, e.Bx));
                minY = Math.Min(minY, Math.Min(e.Ay, e.By));
                maxY = Math.Max(maxY, Math.Max(e.Ay, e.By));
            }

            // A degenerate (zero-width or zero-height) extent still gets cells of a usable size.
            var floor = 1e-9 * Math.Max(1, Math.Max(Math.Abs(minX) + Math.Abs(maxX), Math.Abs(minY) + Math.Abs(maxY)));
            var width = Math.Max(maxX - minX, floor);
            var height = Math.Max(maxY - minY, floor);
            var target = Math.Clamp(_in.Length * TopCellsPerEdge, 1, MaxTopCells);
            var nx = (int)Math.Clamp(Math.Round(Math.Sqrt(target * width / height)), 1, 1 << 14);
            var ny = (int)Math.Clamp(Math.Round(target / nx), 1, 1 << 14);
            var top = new GridGeometry(minX, minY, width / nx, height / ny, nx, ny);

            var all = new int[_in.Length];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }

            var cells = Assign(top, all);
            _grids.Add(new Grid(top.X0, top.Y0, 1 / top.Width, 1 / top.Height, nx, ny, 0));
            _codes.AddRange(new int[nx * ny]);

            // The reference: a point left of the extent, covered by nothing; the path from it to the first centre
            // meets edges only inside the first cell.
            var first = Transfer([], cells.Of(0), top.X0 - top.Width, top.CentreY(0), top.CentreX(0), top.CentreY(0));
            FillGrid(top, cells, 0, first, 0);
            return Finish((minX, minY, maxX, maxY), nx, ny);
        }

        private static void AddRing(List<BuildEdge> edges, LineString ring, int area)
        {
            var sequence = ring.CoordinateSequence;
            for (var i = 0; i < sequence.Count; i++)
            {
                if (!double.IsFinite(sequence.GetX(i)) || !double.IsFinite(sequence.GetY(i)))
                {
                    throw new ArgumentException($"area {area} has a non-finite coordinate", "areas");
                }
            }

            for (var i = 0; i + 1 < sequence.Count; i++)
            {
                var (ax, ay, bx, by) = (sequence.GetX(i), sequence.GetY(i), sequence.GetX(i + 1), sequence.GetY(i + 1));
                if (ax != bx || ay != by)
                {
                    edges.Add(new BuildEdge(ax, ay, bx, by, area));
                }
            }
        }

        /// <summary>Which edges touch each cell of a grid (conservatively: the cells grown by a small margin).</summary>
        private CellEdges Assign(GridGeometry g, ReadOnlySpan<int> edgeIds)
        {
            var mx = (g.Width * CellMarginFraction) + (CellMarginRelativeToMagnitude * (Math.Abs(g.X0) + (g.Width * g.Nx)));
            var my = (g.Height * CellMarginFraction) + (CellMarginRelativeToMagnitude * (Math.Abs(g.Y0) + (g.Height * g.Ny)));
            var pairs = new List<(int Cell, int Edge)>(edgeIds.Length * 2);
            foreach (var id in edgeIds)
            {
                ref readonly var e = ref _in[id];
                var c0 = Math.Clamp((int)Math.Floor((Math.Min(e.Ax, e.Bx) - mx - g.X0) / g.Width), 0, g.Nx - 1);
                var c1 = Math.Clamp((int)Math.Floor((Math.Max(e.Ax, e.Bx) + mx - g.X0) / g.Width), 0, g.Nx - 1);
                var r0 = Math.Clamp((int)Math.Floor((Math.Min(e.Ay, e.By) - my - g.Y0) / g.Height), 0, g.Ny - 1);
                var r1 = Math.Clamp((int)Math.Floor((Math.Max(e.Ay, e.By) + my - g.Y0) / g.Height), 0, g.Ny - 1);
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        if (r0 == r1 || c0 == c1 || Touches(in e, g.LineX(c) - mx, g.LineY(r) - my, g.LineX(c + 1) + mx, g.LineY(r + 1) + my))
                        {
                            pairs.Add(((r * g.Nx) + c, id));
                        }
                    }
                }
            }

            var start = new int[(g.Nx * g.Ny) + 1];
            foreach (var (cell, _) in pairs)
            {
                start[cell + 1]++;
            }

            for (var i = 0; i < g.Nx * g.Ny; i++)
            {
                start[i + 1] += start[i];
            }

            var items = new int[pairs.Count];
            var next = start[..^1];
            foreach (var (cell, edge) in pairs)
            {
                items[next[cell]++] = edge;
            }

            return new CellEdges(start, items);
        }

        /// <summary>Whether a segment meets a rectangle whose bounding box it overlaps: not all four corners strictly on one side of its line.</summary>
        private static bool Touches(in BuildEdge e, double x0, double y0, double x1, double y1)
        {
            var dx = e.Bx - e.Ax;
            var dy = e.By - e.Ay;
            var s00 = Math.Sign((dx * (y0 - e.Ay)) - (dy * (x0 - e.Ax)));
            var s10 = Math.Sign((dx * (y0 - e.Ay)) - (dy * (x1 - e.Ax)));
            var s01 = Math.Sign((dx * (y1 - e.Ay)) - (dy * (x0 - e.Ax)));
            var s11 = Math.Sign((dx * (y1 - e.Ay)) - (dy * (x1 - e.Ax)));
            return !(s00 == s10 && s10 == s01 && s01 == s11 && s00 != 0);
        }

        /// <summary>
        /// Walks a grid's centres row by row, carrying the covering state from one centre to the next across the
        /// boundary point between their cells (each half-path meets only its own cell's edges), and makes each cell's node.
        /// </summary>
        private void FillGrid(GridGeometry g, CellEdges cells, int codeStart, int[] firstState, int depth)
        {
            var rowFirst = firstState;
            for (var row = 0; row < g.Ny; row++)
            {
                var cy = g.CentreY(row);
                if (row > 0)
                {
                    var cx0 = g.CentreX(0);
                    var line = g.LineY(row);
                    var half = Transfer(rowFirst, cells.Of((row - 1) * g.Nx), cx0, g.CentreY(row - 1), cx0, line);
                    rowFirst = Transfer(half, cells.Of(row * g.Nx), cx0, line, cx0, cy);
                }

                var state = rowFirst;
                for (var col = 0; col < g.Nx; col++)
                {
                    var cell = (row * g.Nx) + col;
                    if (col > 0)
                    {
                        var line = g.LineX(col);
                        var half = Transfer(state, cells.Of(cell - 1), g.CentreX(col - 1), cy, line, cy);
                        state = Transfer(half, cells.Of(cell), line, cy, g.CentreX(col), cy);
                    }

                    // The centre is exactly the point the state was carried to (not recomputed from the cell's corner).
                    var cellGeometry = new GridGeometry(g.LineX(col), g.LineY(row), g.Width, g.Height, 1, 1);
                    _codes[codeStart + cell] = MakeNode(cellGeometry, g.CentreX(col), cy, cells.Of(cell), state, depth);
                }
            }
        }

        private int MakeNode(GridGeometry cell, double cx, double cy, ReadOnlySpan<int> edgeIds, int[] state, int depth)
        {
            _cells++;
            if (edgeIds.Length == 0)
            {
                _uniformCells++;
                return (SetId(state) << 2) | TagUniform;
            }

            var slots = new SortedSet<int>(state);
            foreach (var id in edgeIds)
            {
                slots.Add(_in[id].Area);
            }

            if ((edgeIds.Length <= MaxLeafEdges && slots.Count <= 64) || depth >= MaxDepth)
            {
                return MakeLeaf(cx, cy, edgeIds, state, [.. slots]);
            }

            // A finer grid for this cell: about one sub-column per MaxLeafEdges edges (boundaries are curves, so
            // the edges per sub-cell fall roughly linearly with the subdivision).
            var s = Math.Clamp((edgeIds.Length + MaxLeafEdges - 1) / MaxLeafEdges, 2, MaxSubdivision);
            var sub = new GridGeometry(cell.X0, cell.Y0, cell.Width / s, cell.Height / s, s, s);
            var cells = Assign(sub, edgeIds);
            if (cells.Items.Length > MaxSubdivisionGrowth * edgeIds.Length)
            {
                return MakeLeaf(cx, cy, edgeIds, state, [.. slots]);
            }

            var gridIndex = _grids.Count;
            var codeStart = _codes.Count;
            _grids.Add(new Grid(sub.X0, sub.Y0, 1 / sub.Width, 1 / sub.Height, s, s, codeStart));
            _codes.AddRange(new int[s * s]);
            _maxDepth = Math.Max(_maxDepth, depth + 1);
            var first = Transfer(state, edgeIds, cx, cy, sub.CentreX(0), sub.CentreY(0));
            FillGrid(sub, cells, codeStart, first, depth + 1);
            return (gridIndex << 2) | TagGrid;
        }

        private int MakeLeaf(double cx, double cy, ReadOnlySpan<int> edgeIds, int[] state, int[] slots)
        {
            var wide = slots.Length > 64;
            var slotStart = _slotAreas.Count;
            _slotAreas.AddRange(slots);
            ulong centreMask = 0;
            var wideStart = _wideCentre.Count;
            foreach (var area in state)
            {
                var slot = Array.BinarySearch(slots, area);
                if (wide)
                {
                    _wideCentre.Add(slot);
                }
                else
                {
                    centreMask |= 1UL << slot;
                }
            }

            var edgeStart = _edges.Count;
            foreach (var id in edgeIds)
            {
                ref readonly var e = ref _in[id];
                var slot = Array.BinarySearch(slots, e.Area);
                var vCross = (e.Ax > cx) != (e.Bx > cx);
                var flags = (vCross ? FlagVCross : 0)
                            | (vCross && AboveAt(in e, cx, cy) ? FlagCrossingAboveCentre : 0)
                            | (e.By > e.Ay ? FlagUpward : 0)
                            | (e.Bx > e.Ax ? FlagRightward : 0)
                            | (IsSlopePositive(in e) ? FlagSlopePositive : 0);
                _edges.Add(new Edge(e.Ax, e.Ay, e.Bx, e.By, wide ? (ulong)slot : 1UL << slot, flags));
            }

            _storedEdges += edgeIds.Length;
            _maxLeafEdges = Math.Max(_maxLeafEdges, edgeIds.Length);
            var leafIndex = _leaves.Count;
            _leaves.Add(new Leaf(cx, cy, edgeStart, edgeIds.Length, slotStart, slots.Length, centreMask, wideStart, _wideCentre.Count - wideStart));
            return (leafIndex << 2) | (wide ? TagWideLeaf : TagLeaf);
        }

        /// <summary>The covering state at t, from the state at f and the edges the path f → t can meet.</summary>
        private int[] Transfer(int[] state, ReadOnlySpan<int> edgeIds, double fx, double fy, double tx, double ty)
        {
            _touched.Clear();
            foreach (var id in edgeIds)
            {
                ref readonly var e = ref _in[id];
                if (Toggles(in e, fx, fy, tx, ty))
                {
                    _parity[e.Area] = !_parity[e.Area];
                    _touched.Add(e.Area);
                }
            }

            if (_touched.Count == 0)
            {
                return state;
            }

            var result = new SortedSet<int>(state);
            foreach (var area in _touched)
            {
                if (_parity[area])
                {
                    _parity[area] = false;
                    if (!result.Remove(area))
                    {
                        result.Add(area);
                    }
                }
            }

            return [.. result];
        }

        private int SetId(int[] state)
        {
            if (state.Length == 0)
            {
                return 0;
            }

            if (state.Length == 1)
            {
                return state[0] + 1;
            }

            if (!_setIds.TryGetValue(state, out var id))
            {
                id = _areaCount + 1 + _setIds.Count;
                _setIds.Add(state, id);
                _setMembers.AddRange(state);
                _setStart.Add(_setMembers.Count);
            }

            return id;
        }

        private Built Finish((double, double, double, double) extent, int nx, int ny) => new(
            [.. _grids],
            [.. _codes],
            [.. _leaves],
            [.. _edges],
            [.. _slotAreas],
            [.. _wideCentre],
            [.. _setStart],
            [.. _setMembers],
            extent,
            new PointInAreaIndexStatistics(_in.Length, nx, ny, _grids.Count, _cells, _uniformCells, _leaves.Count, _storedEdges, _maxLeafEdges, _maxDepth));
    }

    private sealed class SetComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = default(HashCode);
            foreach (var v in obj)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
