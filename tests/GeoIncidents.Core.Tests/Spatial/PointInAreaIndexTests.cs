using FsCheck.Xunit;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Spatial;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;
using System.Numerics;

namespace GeoIncidents.Core.Tests.Spatial;

/// <summary>
/// The index against NTS as the oracle: every point's set of covering areas must equal the set of areas whose
/// prepared geometry <c>Covers</c> it (and plain <see cref="Geometry.Covers"/> on a subset), including points exactly on
/// vertices, on or next to edges, on shared boundaries, and on the horizontal and vertical lines through vertices
/// (where the ray and path tie-breaking matters). Where NTS itself is not exact (its double-double orientation misses
/// some points lying exactly on an edge, about one in a million interpolated edge points), an independent exact
/// integer oracle settles the point.
/// </summary>
public class PointInAreaIndexTests
{
    private static readonly SeedData Data = SeedData.Load();
    private static readonly GeometryFactory F = GeometryFactories.Wgs84;
    private static readonly WKTReader Wkt = new(new NetTopologySuite.NtsGeometryServices(F.PrecisionModel, F.SRID));

    [Fact]
    public void FindAll_ShippedFirstLevelUnits_EqualsNtsPreparedCoversOn100000Points()
    {
        var areas = Data.Regions.Where(r => r.Kind != RegionKind.Country).Select(r => (Geometry)r.Geometry).ToList();
        Assert.Equal(89, areas.Count);
        var points = MixedPoints(areas, 100_000, new Random(20261126));

        var mismatches = CompareWithNts(new PointInAreaIndex(areas), areas, points, out var ntsInexact);

        Assert.Empty(mismatches);
        Assert.Equal(0, ntsInexact); // strict: on the shipped data the index equals NTS on every one of these points
    }

    [Fact]
    public void FindAll_ShippedFirstLevelUnits_EqualsPlainNtsCoversOnBoundaryPoints()
    {
        // Geometry.Covers (RelateOp, not prepared) on the hardest points: shared vertices and points on edges.
        var areas = Data.Regions.Where(r => r.Kind != RegionKind.Country).Select(r => (Geometry)r.Geometry).ToList();
        var index = new PointInAreaIndex(areas);
        var random = new Random(7);
        var vertices = Vertices(areas);
        var onBoundary = 0;
        for (var i = 0; i < 3000; i++)
        {
            var (x, y) = i % 2 == 0 ? vertices[random.Next(vertices.Count)] : PointOnEdge(areas, random);
            var point = F.CreatePoint(new Coordinate(x, y));
            var expected = Enumerable.Range(0, areas.Count).Where(k => areas[k].Covers(point)).ToList();
            Assert.Equal(expected, index.FindAll(x, y));
            onBoundary += expected.Count > 1 ? 1 : 0;
        }

        Assert.True(onBoundary > 1000, $"only {onBoundary} points lay on a shared boundary");
    }

    [Fact]
    public void FindFirst_AndBatch_AgreeWithFindAllOnShippedUnits()
    {
        var areas = Data.Regions.Where(r => r.Kind != RegionKind.Country).Select(r => (Geometry)r.Geometry).ToList();
        var index = new PointInAreaIndex(areas);
        var points = MixedPoints(areas, 50_000, new Random(3));
        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y).ToArray();
        var one = new int[xs.Length];
        var two = new int[xs.Length];

        index.Assign(xs, ys, one);
        index.AssignParallel(xs, ys, two, maxDegreeOfParallelism: 2);

        for (var i = 0; i < xs.Length; i++)
        {
            var all = index.FindAll(xs[i], ys[i]);
            var first = all.Count == 0 ? PointInAreaIndex.NoArea : all[0];
            Assert.Equal(first, index.FindFirst(xs[i], ys[i]));
            Assert.Equal(first, one[i]);
            Assert.Equal(first, two[i]);
        }

        Assert.Contains(one, o => o == PointInAreaIndex.NoArea);
        Assert.True(one.Distinct().Count() > 80, "the points should reach most units");
    }

    [Fact]
    public void FindAll_SharedEdgeBetweenSquares_ReturnsBothAndFindFirstTheLowerOrdinal()
    {
        var areas = new[] { Polygon("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"), Polygon("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))") };
        var index = new PointInAreaIndex(areas);

        Assert.Equal([0, 1], index.FindAll(1, 0.5));
        Assert.Equal(0, index.FindFirst(1, 0.5));
        Assert.Equal([0, 1], index.FindAll(1, 1));
        Assert.Equal([1], index.FindAll(0.5, 0.5));
        Assert.Equal([0], index.FindAll(2, 0.25));
        Assert.Equal(PointInAreaIndex.NoArea, index.FindFirst(2.0000001, 0.5));
        Assert.True(index.Covers(1, 1, 0.5));
        Assert.False(index.Covers(1, 1.5, 0.5));
    }

    [Fact]
    public void FindAll_PolygonWithHoleAndTouchingParts_MatchesNtsOnALattice()
    {
        // Holes, a hole touching the shell at a vertex, parts touching at a vertex, horizontal and vertical edges,
        // collinear vertices, a spike-free concave shape: every lattice point lies on or between these edges.
        var areas = new List<Geometry>
        {
            Polygon("POLYGON ((0 0, 8 0, 8 8, 0 8, 0 0), (2 2, 2 6, 6 6, 6 2, 2 2))"),
            Polygon("MULTIPOLYGON (((8 0, 10 0, 10 2, 8 0)), ((10 2, 12 2, 12 4, 10 4, 10 2)))"),
            Polygon("POLYGON ((2 2, 4 2, 6 2, 6 4, 4 6, 2 6, 2 2))"),
            Polygon("POLYGON ((0 8, 4 12, 8 8, 6 9, 4 9, 2 9.5, 0 8))"),
            Polygon("POLYGON ((12 0, 16 0, 16 4, 12 4, 12 0), (12 0, 14 1, 15 2, 12 0))"),
            Polygon("POLYGON ((3 3, 5 3, 5 5, 3 5, 3 3))"),
        };
        Assert.All(areas, a => Assert.True(a.IsValid, a.AsText()));
        var index = new PointInAreaIndex(areas);
        var prepared = areas.Select(PreparedGeometryFactory.Prepare).ToList();

        for (var x = -1.0; x <= 17; x += 0.25)
        {
            for (var y = -1.0; y <= 13; y += 0.25)
            {
                var point = F.CreatePoint(new Coordinate(x, y));
                var expected = Enumerable.Range(0, areas.Count).Where(k => prepared[k].Covers(point)).ToList();
                Assert.True(expected.SequenceEqual(index.FindAll(x, y)), $"({x} {y}): NTS {string.Join(",", expected)}, index {string.Join(",", index.FindAll(x, y))}");
                Assert.Equal(Enumerable.Range(0, areas.Count).Where(k => areas[k].Covers(point)), index.FindAll(x, y));
            }
        }
    }

    [Fact]
    public void FindAll_SeventyCoincidentSquares_ReportsEveryOne()
    {
        // More than 64 areas share every edge of one cell: the wide-leaf path.
        var areas = Enumerable.Range(0, 70).Select(_ => Polygon("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"))
            .Append(Polygon("POLYGON ((0.5 0.5, 3 0.5, 3 3, 0.5 3, 0.5 0.5))")).ToList();
        var index = new PointInAreaIndex(areas);

        Assert.Equal(Enumerable.Range(0, 70), index.FindAll(0.25, 0.25));
        Assert.Equal(Enumerable.Range(0, 71), index.FindAll(0.75, 0.75));
        Assert.Equal(Enumerable.Range(0, 71), index.FindAll(1, 1));
        Assert.Equal([70], index.FindAll(2, 2));
        Assert.Equal(0, index.FindFirst(0, 0.5));
        Assert.Equal(70, index.FindFirst(1.5, 0.5));
        Assert.Equal(PointInAreaIndex.NoArea, index.FindFirst(0.25, 1.5));
    }

    [Property(MaxTest = 300)]
    public bool FindAll_RandomStarPolygonsAndLatticePoints_EqualsNts(int seed)
    {
        var random = new Random(seed);
        var areas = Enumerable.Range(0, 1 + random.Next(6)).Select(_ => (Geometry)StarPolygon(random, random.Next(3, 200))).ToList();
        var index = new PointInAreaIndex(areas);
        var points = MixedPoints(areas, 400, random);
        return CompareWithNts(index, areas, points, out _).Count == 0;
    }

    [Fact]
    public void FindAll_EightySyntheticPolygons_EqualsNtsWithMostCellsUniform()
    {
        // The benchmark's layout: 80 wavy stars of 2,000 vertices on a 10 x 8 grid over the Caucasus box.
        var random = new Random(1);
        var areas = new List<Geometry>();
        for (var k = 0; k < 80; k++)
        {
            var (cx, cy) = (43.4 + (0.73 * ((k % 10) + 0.5)), 38.4 + (0.44 * ((k / 10) + 0.5)));
            var (p1, p2) = (random.NextDouble() * 6.3, random.NextDouble() * 6.3);
            var ring = Enumerable.Range(0, 2000).Select(i =>
            {
                var t = 2 * Math.PI * i / 2000;
                var r = 0.42 * (1 + (0.2 * Math.Sin((3 * t) + p1)) + (0.1 * Math.Sin((11 * t) + p2)) + (0.03 * (random.NextDouble() - 0.5))) / 1.33;
                return new Coordinate(cx + (0.73 * r * Math.Cos(t)), cy + (0.44 * r * Math.Sin(t)));
            }).ToList();
            ring.Add(ring[0].Copy());
            areas.Add(F.CreatePolygon([.. ring]));
        }

        var index = new PointInAreaIndex(areas);

        Assert.Equal(80 * 2000, index.Statistics.InputEdges);
        Assert.True(index.Statistics.UniformCells > index.Statistics.Cells / 2, index.Statistics.ToString());
        Assert.True(index.Statistics.StoredEdges < 4 * index.Statistics.InputEdges, index.Statistics.ToString());
        var points = MixedPoints(areas, 20_000, random);
        Assert.Empty(CompareWithNts(index, areas, points));
    }

    [Fact]
    public void FindAll_SubnormalOffsetFromVertex_DecidesExactly()
    {
        // Issue 5 regressions, found by the property test: (5e-324, 1.75) lies 2.5e-324 above the edge
        // (0 1.75)-(0.5 1.25), outside the polygon; (5e-324, 2.5) lies 1.25e-324 below the edge (0.5 2.75)-(0 2.5) of a
        // clockwise ring, outside too. Double-double orientation underflows to "collinear" on both (NTS's prepared
        // Covers answers true for the second); the exact predicate does not.
        var area = Polygon("POLYGON ((-0.5 0.25, -0.75 0.5, -1 1, -0.75 1.5, -0.25 1.75, -0 1.75, 0.5 1.25, 0.5 0.75, 0.25 0.25, -0.5 0.25))");
        var index = new PointInAreaIndex([area]);
        var clockwise = new PointInAreaIndex([Polygon("POLYGON ((-0.5 2.5, -2.25 3.25, -2.75 4, -2.5 5.75, 0.25 6.75, 1.5 5.5, 1.5 3.75, 0.5 2.75, 0 2.5, -0.5 2.5))")]);

        Assert.Equal(PointInAreaIndex.NoArea, clockwise.FindFirst(double.Epsilon, 2.5));
        Assert.Equal(0, clockwise.FindFirst(-double.Epsilon, 2.5));
        Assert.Equal(0, clockwise.FindFirst(double.Epsilon, Math.BitIncrement(2.5)));

        Assert.Equal(PointInAreaIndex.NoArea, index.FindFirst(double.Epsilon, 1.75));
        Assert.Equal(0, index.FindFirst(0, 1.75));
        Assert.Equal(0, index.FindFirst(-double.Epsilon, 1.75));
        Assert.Equal(0, index.FindFirst(double.Epsilon, Math.BitDecrement(1.75)));
        Assert.Equal(1, PointInAreaIndex.ExactOrient(0, 1.75, 0.5, 1.25, double.Epsilon, 1.75));
    }

    [Fact]
    public void FindFirst_NoAreas_ReturnsNoArea()
    {
        var index = new PointInAreaIndex([]);
        Assert.Equal(PointInAreaIndex.NoArea, index.FindFirst(45, 40));
        Assert.Empty(index.FindAll(45, 40));
        var index2 = new PointInAreaIndex([F.CreatePolygon()]);
        Assert.Equal(PointInAreaIndex.NoArea, index2.FindFirst(0, 0));
    }

    [Fact]
    public void FindFirst_NonFiniteCoordinate_Throws()
    {
        var index = new PointInAreaIndex([Polygon("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")]);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FindFirst(double.NaN, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FindFirst(0.5, double.PositiveInfinity));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => index.Assign([0.5, 0.5, double.NaN], [0.5, 2, 0.5], new int[3]));
        Assert.Contains("point 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_LengthsDiffer_Throws()
    {
        var index = new PointInAreaIndex([Polygon("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")]);
        Assert.Throws<ArgumentException>(() => index.Assign([0.5], [0.5, 0.5], new int[2]));
        Assert.Throws<ArgumentException>(() => index.AssignParallel(new double[2], new double[2], new int[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.AssignParallel(new double[2], new double[2], new int[2], 0));
    }

    [Fact]
    public void Constructor_NotPolygonal_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PointInAreaIndex([Wkt.Read("LINESTRING (0 0, 1 1)")]));
        Assert.Contains("LineString", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new PointInAreaIndex([null!]));
    }

    private static Geometry Polygon(string wkt) => Wkt.Read(wkt);

    /// <summary>Compares every point against NTS prepared Covers (with an envelope prefilter) and returns the disagreements.</summary>
    private static List<string> CompareWithNts(PointInAreaIndex index, IReadOnlyList<Geometry> areas, IReadOnlyList<(double X, double Y)> points) =>
        CompareWithNts(index, areas, points, out _);

    /// <summary>
    /// Compares every point against NTS prepared Covers. Where they disagree, an independent exact oracle
    /// (<see cref="ExactCovers"/>) decides: a disagreement the oracle settles in the index's favour is counted in
    /// <paramref name="ntsInexact"/> (NTS's double-double orientation is not exact for some points lying exactly on an
    /// edge), any other is returned.
    /// </summary>
    private static List<string> CompareWithNts(PointInAreaIndex index, IReadOnlyList<Geometry> areas, IReadOnlyList<(double X, double Y)> points, out int ntsInexact)
    {
        var prepared = areas.Select(PreparedGeometryFactory.Prepare).ToList();
        var envelopes = areas.Select(a => a.EnvelopeInternal).ToList();
        var mismatches = new List<string>();
        ntsInexact = 0;
        foreach (var (x, y) in points)
        {
            var point = F.CreatePoint(new Coordinate(x, y));
            var expected = new List<int>();
            for (var k = 0; k < areas.Count; k++)
            {
                if (envelopes[k].Covers(x, y) && prepared[k].Covers(point))
                {
                    expected.Add(k);
                }
            }

            var actual = index.FindAll(x, y);
            if (expected.SequenceEqual(actual))
            {
                continue;
            }

            var exact = Enumerable.Range(0, areas.Count).Where(k => ExactCovers(areas[k], x, y)).ToList();
            if (exact.SequenceEqual(actual))
            {
                ntsInexact++;
                continue;
            }

            mismatches.Add(FormattableString.Invariant($"({x:R} {y:R}): NTS [{string.Join(",", expected)}], exact [{string.Join(",", exact)}], index [{string.Join(",", actual)}]"));
        }

        return mismatches;
    }

    /// <summary>
    /// The oracle for disputed points: a brute-force crossing-number test over every ring, in exact integer arithmetic
    /// (each double is an integer multiple of 2^-1074, so scaled by 2^1074 every coordinate is an integer).
    /// </summary>
    private static bool ExactCovers(Geometry area, double x, double y)
    {
        static BigInteger Int(double v)
        {
            var bits = BitConverter.DoubleToInt64Bits(v);
            var biased = (int)((bits >> 52) & 0x7FF);
            var fraction = bits & ((1L << 52) - 1);
            var mantissa = biased == 0 ? fraction : fraction | (1L << 52);
            var shift = biased == 0 ? 0 : biased - 1;
            var value = new BigInteger(mantissa) << shift;
            return bits < 0 ? -value : value;
        }

        var (qx, qy) = (Int(x), Int(y));
        var crossings = 0;
        foreach (var polygon in Enumerable.Range(0, area.NumGeometries).Select(i => (Polygon)area.GetGeometryN(i)))
        {
            foreach (var ring in new[] { polygon.Shell }.Concat(polygon.Holes))
            {
                var c = ring.Coordinates;
                for (var i = 0; i + 1 < c.Length; i++)
                {
                    var (ax, ay, bx, by) = (Int(c[i].X), Int(c[i].Y), Int(c[i + 1].X), Int(c[i + 1].Y));
                    var cross = ((bx - ax) * (qy - ay)) - ((by - ay) * (qx - ax));
                    if (cross.IsZero && qx >= BigInteger.Min(ax, bx) && qx <= BigInteger.Max(ax, bx) && qy >= BigInteger.Min(ay, by) && qy <= BigInteger.Max(ay, by))
                    {
                        return true;
                    }

                    if ((ay > qy) != (by > qy) && (cross.Sign > 0) == (by > ay))
                    {
                        crossings++;
                    }
                }
            }
        }

        return crossings % 2 == 1;
    }

    private static List<(double X, double Y)> Vertices(IReadOnlyList<Geometry> areas) =>
        areas.SelectMany(a => a.Coordinates).Select(c => (c.X, c.Y)).Distinct().ToList();

    /// <summary>A point interpolated on a random edge (on the segment or within an ulp or two of it).</summary>
    private static (double X, double Y) PointOnEdge(IReadOnlyList<Geometry> areas, Random random)
    {
        var area = areas[random.Next(areas.Count)];
        var polygon = (Polygon)area.GetGeometryN(random.Next(area.NumGeometries));
        var rings = new[] { polygon.Shell }.Concat(polygon.Holes).ToList();
        var ring = rings[random.Next(rings.Count)].Coordinates;
        var i = random.Next(ring.Length - 1);
        var t = random.Next(5) switch { 0 => 0.5, 1 => 0.25, _ => random.NextDouble() };
        return (ring[i].X + (t * (ring[i + 1].X - ring[i].X)), ring[i].Y + (t * (ring[i + 1].Y - ring[i].Y)));
    }

    /// <summary>
    /// One ulp up or down; near zero a fixed 1e-12 instead: NTS's double-double orientation underflows on sub-normal
    /// offsets (see <see cref="FindAll_SubnormalOffsetFromVertex_DecidesExactly"/>), so it is no oracle there.
    /// </summary>
    private static double Nudge(double v, bool up) =>
        Math.Abs(v) < 1e-290 ? v + (up ? 1e-12 : -1e-12) : up ? Math.BitIncrement(v) : Math.BitDecrement(v);

    /// <summary>
    /// Points of every hard kind: uniform in the (grown) extent, exactly on vertices, on or next to edges, an ulp off a
    /// vertex, on the horizontal or vertical line through a vertex, and on the lattice of vertex coordinates.
    /// </summary>
    private static List<(double X, double Y)> MixedPoints(IReadOnlyList<Geometry> areas, int count, Random random)
    {
        var env = new Envelope();
        foreach (var a in areas)
        {
            env.ExpandToInclude(a.EnvelopeInternal);
        }

        env.ExpandBy(env.Width * 0.05, env.Height * 0.05);
        var vertices = Vertices(areas);
        var points = new List<(double, double)>(count);
        while (points.Count < count)
        {
            var v = vertices[random.Next(vertices.Count)];
            var w = vertices[random.Next(vertices.Count)];
            points.Add(random.Next(8) switch
            {
                0 or 1 => (env.MinX + (random.NextDouble() * env.Width), env.MinY + (random.NextDouble() * env.Height)),
                2 => v,
                3 => PointOnEdge(areas, random),
                4 => (Nudge(v.X, random.Next(2) == 0), random.Next(3) == 0 ? v.Y : Nudge(v.Y, random.Next(2) == 0)),
                5 => (env.MinX + (random.NextDouble() * env.Width), v.Y),
                6 => (v.X, env.MinY + (random.NextDouble() * env.Height)),
                _ => (v.X, w.Y),
            });
        }

        return points;
    }

    /// <summary>A simple polygon star-shaped around a random centre, with vertices on a coarse lattice now and then (so edges are often axis-parallel or collinear).</summary>
    private static Polygon StarPolygon(Random random, int vertices, bool? snap = null)
    {
        var cx = (random.NextDouble() * 10) - 5;
        var cy = (random.NextDouble() * 10) - 5;
        var radius = 0.5 + (random.NextDouble() * 4);
        var snapToLattice = snap ?? random.Next(3) == 0;
        var coordinates = new List<Coordinate>();
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var r = radius * (0.3 + (0.7 * random.NextDouble()));
            var x = cx + (r * Math.Cos(angle));
            var y = cy + (r * Math.Sin(angle));
            if (snapToLattice)
            {
                (x, y) = (Math.Round(x * 4) / 4, Math.Round(y * 4) / 4);
            }

            var c = new Coordinate(x, y);
            if (coordinates.Count == 0 || !coordinates[^1].Equals2D(c))
            {
                coordinates.Add(c);
            }
        }

        if (coordinates.Count > 1 && coordinates[^1].Equals2D(coordinates[0]))
        {
            coordinates.RemoveAt(coordinates.Count - 1);
        }

        if (coordinates.Count >= 3)
        {
            coordinates.Add(coordinates[0].Copy());
            var polygon = F.CreatePolygon([.. coordinates]);
            if (polygon.IsValid)
            {
                return polygon;
            }

            // Snapping can fold a star; its convex hull is still a valid area when it has one.
            if (polygon.ConvexHull() is Polygon hull)
            {
                return hull;
            }
        }

        return (Polygon)Polygon(FormattableString.Invariant($"POLYGON (({cx} {cy}, {cx + 1} {cy}, {cx} {cy + 1}, {cx} {cy}))"));
    }
}
