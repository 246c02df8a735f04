using GeoIncidents.Geodesy.Buffers;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Buffers;

public class EdgeDensifierTests(ITestOutputHelper output)
{
    [GeographicLibFact]
    public async Task Midpoint_LongEdges_LiesOnTheGeodesicHalfway()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var random = new Random(1314);
        var edges = new List<(Coordinate A, Coordinate B)>();
        while (edges.Count < 300)
        {
            var a = new Coordinate(-170.0 + (random.NextDouble() * 340.0), -70.0 + (random.NextDouble() * 140.0));
            var b = new Coordinate(a.X - 5.0 + (random.NextDouble() * 10.0), Math.Clamp(a.Y - 8.0 + (random.NextDouble() * 16.0), -79.0, 79.0));
            edges.Add((a, b));
        }

        var mids = edges.Select(e => EdgeDensifier.Midpoint(e.A, e.B)).ToList();
        var ab = await GeodSolveOracle.InverseAsync(edges);
        var am = await GeodSolveOracle.InverseAsync([.. edges.Select((e, i) => (e.A, mids[i]))]);
        var worstOffset = 0.0;
        var worstShare = 0.0;
        for (var i = 0; i < edges.Count; i++)
        {
            // Lateral offset of M from the geodesic A→B: arc A→M times the azimuth difference at A.
            var offset = Math.Abs(am[i].S12 * Math.Sin(Angle.NormalizeDegrees(am[i].Azi1 - ab[i].Azi1) * Math.PI / 180.0));
            var share = Math.Abs((am[i].S12 / ab[i].S12) - 0.5);
            worstOffset = Math.Max(worstOffset, offset);
            worstShare = Math.Max(worstShare, share);
            var limit = (0.14 * Math.Pow(ab[i].S12 / 1_000_000.0, 4)) + 1e-4; // documented: 14 cm × (L / 1000 km)⁴
            Assert.True(offset <= limit, $"edge {edges[i].A} -> {edges[i].B} ({ab[i].S12 / 1000:0} km): midpoint {offset:0.0000} m off the geodesic (limit {limit:0.0000} m)");
        }

        output.WriteLine($"edges {ab.Min(x => x.S12) / 1000:0}-{ab.Max(x => x.S12) / 1000:0} km: worst lateral offset {worstOffset * 1000:0.00} mm, worst |share - 1/2| {worstShare:E1}");
        Assert.True(worstShare <= 1e-6);
    }

    [Fact]
    public void Densify_LongEdge_SplitsToTheStepAndKeepsEnds()
    {
        Coordinate[] chain = [new(40.0, 40.0), new(40.0, 40.0), new(49.0, 44.0)];
        var dense = EdgeDensifier.Densify(chain, 5_000.0);
        Assert.True(dense[0].Equals2D(chain[0]) && dense[^1].Equals2D(chain[^1]));
        Assert.Equal(257, dense.Count); // 870 km halved 8 times: 256 edges of 3.4 km, duplicate vertex dropped
        Assert.All(dense.Zip(dense.Skip(1)), e => Assert.InRange(EdgeDensifier.ApproximateLengthMeters(e.First, e.Second), 1_000.0, 5_000.0));
    }
}
