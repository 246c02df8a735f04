using GeoIncidents.Geodesy.Buffers;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Buffers;

public class EdgeDensifierTests(ITestOutputHelper output)
{
    [GeographicLibFact]
    public async Task Densify_LongEdges_InsertedVerticesLieOnTheGeodesicAtEqualSteps()
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

        var ab = await GeodSolveOracle.InverseAsync(edges);
        var inserted = new List<(int Edge, int K, int Pieces, Coordinate P)>();
        for (var i = 0; i < edges.Count; i++)
        {
            var dense = EdgeDensifier.Densify([edges[i].A, edges[i].B], 150_000.0);
            Assert.True(dense[0].Equals2D(edges[i].A) && dense[^1].Equals2D(edges[i].B), "the chain's vertices are kept exactly");
            Assert.Equal((int)Math.Ceiling(ab[i].S12 / 150_000.0) + 1, dense.Count);
            for (var k = 1; k < dense.Count - 1; k++)
            {
                inserted.Add((i, k, dense.Count - 1, dense[k]));
            }
        }

        var am = await GeodSolveOracle.InverseAsync([.. inserted.Select(x => (edges[x.Edge].A, x.P))]);
        double worstOffset = 0, worstAlong = 0;
        for (var j = 0; j < inserted.Count; j++)
        {
            var (edge, k, pieces, _) = inserted[j];
            // Lateral offset from the geodesic A→B (arc A→P times the azimuth difference at A), and the arc against k L / n.
            var offset = Math.Abs(am[j].S12 * Math.Sin(Angle.NormalizeDegrees(am[j].Azi1 - ab[edge].Azi1) * Math.PI / 180.0));
            var along = Math.Abs(am[j].S12 - (ab[edge].S12 * k / pieces));
            worstOffset = Math.Max(worstOffset, offset);
            worstAlong = Math.Max(worstAlong, along);
        }

        output.WriteLine($"{inserted.Count} inserted vertices on edges of {ab.Min(x => x.S12) / 1000:0}-{ab.Max(x => x.S12) / 1000:0} km: " +
                         $"worst lateral offset {worstOffset * 1e9:0.0} nm, worst along-track error {worstAlong * 1e9:0.0} nm");
        Assert.True(worstOffset <= 1e-6 && worstAlong <= 1e-6);
    }

    [Fact]
    public void Densify_LongEdge_SplitsIntoEqualGeodesicStepsAndKeepsEnds()
    {
        Coordinate[] chain = [new(40.0, 40.0), new(40.0, 40.0), new(49.0, 44.0)];
        var dense = EdgeDensifier.Densify(chain, 5_000.0);
        var length = Geodesic.Wgs84.Inverse(GeoPosition.FromLatLon(40, 40), GeoPosition.FromLatLon(44, 49)).Distance.Meters; // ≈ 870 km
        Assert.True(dense[0].Equals2D(chain[0]) && dense[^1].Equals2D(chain[^1]));
        Assert.Equal((int)Math.Ceiling(length / 5_000.0) + 1, dense.Count); // the duplicate vertex dropped
        foreach (var (p, q) in dense.Zip(dense.Skip(1)))
        {
            var step = Geodesic.Wgs84.Inverse(GeoPosition.FromLonLat(p.X, p.Y), GeoPosition.FromLonLat(q.X, q.Y)).Distance.Meters;
            Assert.Equal(length / (dense.Count - 1), step, 6);
        }
    }

    [Fact]
    public void Densify_EdgeAcrossTheAntimeridian_LongitudesContinueFromTheFirstVertex()
    {
        var dense = EdgeDensifier.Densify([new Coordinate(179.0, 10.0), new Coordinate(-179.0, 10.0)], 50_000.0);
        Assert.Equal(6, dense.Count); // 219 km in 5 steps
        Assert.All(dense.Skip(1).SkipLast(1), c => Assert.InRange(c.X, 179.0, 181.0));
        Assert.Equal(-179.0, dense[^1].X);
    }
}
