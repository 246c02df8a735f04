using System.Globalization;
using System.Text;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using static GeoIncidents.Geodesy.Tests.Projections.ReferenceFiles;

namespace GeoIncidents.Geodesy.Tests.Buffers;

/// <summary>
/// Reference geodesic answers from GeographicLib's GeodSolve (WGS84, Karney's algorithms, accurate to
/// 15 nm), batched through one process per call via stdin. Coordinates are NTS order (X = lon, Y = lat).
/// </summary>
/// <remarks>
/// The distance from a point to a polyline whose edges are geodesics is found per edge by a golden-section
/// search for the minimum of s ↦ inverse(P, direct(A, azi1, s)).s12 over s in [0, s12], together with both end
/// vertices; all (point, edge) searches advance in lockstep, one GeodSolve direct and one inverse run per
/// step. Edges far from a point (by a local flat-earth estimate with a 2 % + 100 m margin) are skipped; only
/// the final distances come from GeodSolve. The search stops when the bracket is below
/// <see cref="BracketToleranceMeters"/>, which bounds the distance error by (0.05 m)² / (2 d), i.e. 0.4 µm at 3.5 km.
/// </remarks>
internal static class GeodSolveOracle
{
    private const double BracketToleranceMeters = 0.05;
    private const double MetersPerDegree = 111_195.0;
    private static readonly double InverseGoldenRatio = (Math.Sqrt(5.0) - 1.0) / 2.0;

    /// <summary>GeodSolve -i: (azi1, azi2, s12) per pair, degrees and metres.</summary>
    public static async Task<(double Azi1, double Azi2, double S12)[]> InverseAsync(IReadOnlyList<(Coordinate From, Coordinate To)> pairs)
    {
        var lines = await RunAsync(["-i", "-p", "9"], pairs.Select(p => $"{Fixed(p.From.Y)} {Fixed(p.From.X)} {Fixed(p.To.Y)} {Fixed(p.To.X)}"), pairs.Count);
        return [.. lines.Select(l =>
        {
            var f = Fields(l);
            return (f[0], f[1], f[2]);
        })];
    }

    /// <summary>GeodSolve direct: the destination (X = lon, Y = lat) and the azimuth there, per problem.</summary>
    public static async Task<(Coordinate Position, double Azi2)[]> DirectAsync(IReadOnlyList<(Coordinate From, double AzimuthDegrees, double DistanceMeters)> problems)
    {
        var lines = await RunAsync(["-p", "9"], problems.Select(p => $"{Fixed(p.From.Y)} {Fixed(p.From.X)} {Fixed(p.AzimuthDegrees)} {Fixed(p.DistanceMeters)}"), problems.Count);
        return [.. lines.Select(l =>
        {
            var f = Fields(l);
            return (new Coordinate(f[1], f[0]), f[2]);
        })];
    }

    /// <summary>The geodesic distance (metres) from each point to the nearest of the chains, whose edges are geodesics.</summary>
    public static async Task<double[]> DistancesToChainsAsync(IReadOnlyList<Coordinate> points, IReadOnlyList<IReadOnlyList<Coordinate>> chains)
    {
        var edges = chains
            .SelectMany(c => c.Zip(c.Skip(1)))
            .Where(e => e.First.X != e.Second.X || e.First.Y != e.Second.Y)
            .ToList();
        var lonely = chains.Where(c => c.Count == 1).Select(c => c[0]).ToList();
        Assert.True(edges.Count > 0 || lonely.Count > 0, "no source geometry");
        var edgeInverse = edges.Count == 0 ? [] : await InverseAsync(edges);

        // Candidate (point, edge) pairs by a flat-earth estimate around the point.
        var pairs = new List<(int Point, int Edge)>();
        for (var p = 0; p < points.Count; p++)
        {
            var approx = edges.Select(e => ApproximateDistance(points[p], e.First, e.Second)).ToArray();
            var min = approx.Length == 0 ? double.PositiveInfinity : approx.Min();
            for (var e = 0; e < edges.Count; e++)
            {
                if (approx[e] <= (min * 1.02) + 100.0)
                {
                    pairs.Add((p, e));
                }
            }
        }

        var best = Enumerable.Repeat(double.PositiveInfinity, points.Count).ToArray();
        if (lonely.Count > 0)
        {
            var all = points.SelectMany(pt => lonely.Select(c => (pt, c))).ToList();
            var d = await InverseAsync(all);
            for (var i = 0; i < all.Count; i++)
            {
                best[i / lonely.Count] = Math.Min(best[i / lonely.Count], d[i].S12);
            }
        }

        if (pairs.Count == 0)
        {
            return best;
        }

        // Both end vertices of every candidate edge.
        var ends = await InverseAsync([.. pairs.SelectMany(x => new[] { (points[x.Point], edges[x.Edge].First), (points[x.Point], edges[x.Edge].Second) })]);
        var lo = new double[pairs.Count];
        var hi = pairs.Select(x => edgeInverse[x.Edge].S12).ToArray();
        var c = new double[pairs.Count];
        var dd = new double[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            best[pairs[i].Point] = Math.Min(best[pairs[i].Point], Math.Min(ends[2 * i].S12, ends[(2 * i) + 1].S12));
            c[i] = hi[i] - (InverseGoldenRatio * (hi[i] - lo[i]));
            dd[i] = lo[i] + (InverseGoldenRatio * (hi[i] - lo[i]));
        }

        var fc = await AlongEdgeAsync(points, edges, edgeInverse, pairs, c);
        var fd = await AlongEdgeAsync(points, edges, edgeInverse, pairs, dd);
        var maxBracket = hi.Max();
        var steps = (int)Math.Ceiling(Math.Log(BracketToleranceMeters / maxBracket) / Math.Log(InverseGoldenRatio));
        for (var step = 0; step < steps; step++)
        {
            var probe = new double[pairs.Count];
            var probeIsC = new bool[pairs.Count];
            for (var i = 0; i < pairs.Count; i++)
            {
                if (fc[i] < fd[i])
                {
                    (hi[i], dd[i], fd[i]) = (dd[i], c[i], fc[i]);
                    c[i] = hi[i] - (InverseGoldenRatio * (hi[i] - lo[i]));
                    (probe[i], probeIsC[i]) = (c[i], true);
                }
                else
                {
                    (lo[i], c[i], fc[i]) = (c[i], dd[i], fd[i]);
                    dd[i] = lo[i] + (InverseGoldenRatio * (hi[i] - lo[i]));
                    (probe[i], probeIsC[i]) = (dd[i], false);
                }
            }

            var f = await AlongEdgeAsync(points, edges, edgeInverse, pairs, probe);
            for (var i = 0; i < pairs.Count; i++)
            {
                if (probeIsC[i])
                {
                    fc[i] = f[i];
                }
                else
                {
                    fd[i] = f[i];
                }
            }
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            best[pairs[i].Point] = Math.Min(best[pairs[i].Point], Math.Min(fc[i], fd[i]));
        }

        return best;
    }

    /// <summary>Distance from each pair's point to the point at arc length s along its edge.</summary>
    private static async Task<double[]> AlongEdgeAsync(IReadOnlyList<Coordinate> points, List<(Coordinate First, Coordinate Second)> edges,
        (double Azi1, double Azi2, double S12)[] edgeInverse, List<(int Point, int Edge)> pairs, double[] s)
    {
        var onEdge = await DirectAsync([.. pairs.Select((x, i) => (edges[x.Edge].First, edgeInverse[x.Edge].Azi1, s[i]))]);
        var d = await InverseAsync([.. pairs.Select((x, i) => (points[x.Point], onEdge[i].Position))]);
        return [.. d.Select(x => x.S12)];
    }

    private static double ApproximateDistance(Coordinate p, Coordinate a, Coordinate b)
    {
        var cos = Math.Cos(p.Y * Math.PI / 180.0);
        var (ax, ay) = ((a.X - p.X) * cos * MetersPerDegree, (a.Y - p.Y) * MetersPerDegree);
        var (bx, by) = ((b.X - p.X) * cos * MetersPerDegree, (b.Y - p.Y) * MetersPerDegree);
        var (ex, ey) = (bx - ax, by - ay);
        var len2 = (ex * ex) + (ey * ey);
        var t = len2 == 0 ? 0 : Math.Clamp(-((ax * ex) + (ay * ey)) / len2, 0.0, 1.0);
        var (x, y) = (ax + (t * ex), ay + (t * ey));
        return Math.Sqrt((x * x) + (y * y));
    }

    private static async Task<string[]> RunAsync(string[] arguments, IEnumerable<string> inputLines, int expectedLines)
    {
        var input = new StringBuilder();
        foreach (var line in inputLines)
        {
            input.Append(line).Append('\n');
        }

        var run = await ProcessRunner.RunAsync("GeodSolve", arguments, input.ToString(), TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"GeodSolve {string.Join(' ', arguments)} failed: {run.StandardError}");
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedLines, lines.Length);
        return lines;
    }

    private static double[] Fields(string line)
    {
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(values.All(double.IsFinite), $"GeodSolve answered '{line}'");
        return values;
    }
}
