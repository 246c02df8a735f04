using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Lines;

/// <summary>
/// The index's pruning bound must never exceed the true geodesic distance to any point of a box (else the search
/// could skip the nearest edge), and should be close to it (else the index would not prune).
/// </summary>
public class LowerBoundTests(ITestOutputHelper output)
{
    private static readonly Geodesic G = Geodesic.Wgs84;

    [Fact]
    public void Chord_RandomBoxesAndPoints_BoundNeverExceedsTheGeodesicDistance()
    {
        var random = new Random(4242);
        var worstRatio = 0.0;
        for (var trial = 0; trial < 3000; trial++)
        {
            // Boxes from points to 20° wide anywhere (poles included); points near and far.
            var lat0 = -90 + (random.NextDouble() * 180);
            var lat1 = Math.Clamp(lat0 + (Math.Pow(random.NextDouble(), 3) * 20), -90, 90);
            var lon0 = -180 + (random.NextDouble() * 360);
            var lon1 = lon0 + (Math.Pow(random.NextDouble(), 3) * 20);
            var box = new GeoBox(lat0, lat1, lon0, lon1, G.F1);
            var near = random.Next(2) == 0;
            var p = near
                ? GeoPosition.FromLatLon(Math.Clamp(lat0 - 1 + (random.NextDouble() * (lat1 - lat0 + 2)), -90, 90), lon0 - 1 + (random.NextDouble() * (lon1 - lon0 + 2)))
                : GeoPosition.FromLatLon(-90 + (random.NextDouble() * 180), -180 + (random.NextDouble() * 360));
            var q = new QueryPoint(p.LatitudeDegrees, p.LongitudeDegrees, G.F1);
            var chord = LowerBound.Chord(q, box);
            var global = LowerBound.Meters(chord, LowerBound.ScaleMeters(G, q, double.PositiveInfinity));
            foreach (var (lat, lon) in Samples(random, lat0, lat1, lon0, lon1))
            {
                var d = G.Inverse(p, GeoPosition.FromLatLon(lat, lon)).Distance.Meters;
                // The banded scale holds for candidates closer than the distance it is computed for.
                var banded = LowerBound.Meters(chord, LowerBound.ScaleMeters(G, q, Math.BitIncrement(d)));
                Assert.True(global <= d, $"box [{lat0}, {lat1}] x [{lon0}, {lon1}], P {p}: bound {global} m > distance {d} m to ({lat}, {lon})");
                Assert.True(banded <= d, $"box [{lat0}, {lat1}] x [{lon0}, {lon1}], P {p}: banded bound {banded} m > distance {d} m to ({lat}, {lon})");
                if (d > 0)
                {
                    worstRatio = Math.Max(worstRatio, banded / d);
                }
            }
        }

        output.WriteLine($"largest bound / sampled distance: {worstRatio:F6}");
    }

    [Fact]
    public void Chord_PointBoxes_BoundIsWithinAFewTenthsOfAPercentOfTheDistance()
    {
        // For a box that is a point, the bound is the whole distance but for the factor κ ≥ 1 - f: it prunes well.
        var random = new Random(5);
        var worst = 1.0;
        for (var trial = 0; trial < 2000; trial++)
        {
            var a = GeoPosition.FromLatLon(-80 + (random.NextDouble() * 160), random.NextDouble() * 360 - 180);
            var b = G.Displace(a, GeoIncidents.Geodesy.Units.Angle.FromDegrees(random.NextDouble() * 360),
                GeoIncidents.Geodesy.Units.Length.FromMeters(Math.Pow(10, 1 + (5 * random.NextDouble()))));
            var d = G.Inverse(a, b).Distance.Meters;
            var q = new QueryPoint(a.LatitudeDegrees, a.LongitudeDegrees, G.F1);
            var box = new GeoBox(b.LatitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees, b.LongitudeDegrees, G.F1);
            var bound = LowerBound.Meters(LowerBound.Chord(q, box), LowerBound.ScaleMeters(G, q, Math.BitIncrement(d)));
            Assert.True(bound <= d);
            worst = Math.Min(worst, bound / d);
            // The pruning threshold at the exact distance must not cut this box off (it may only be pruned when farther).
            Assert.True(LowerBound.Chord(q, box) < LowerBound.PruningChord(d * (1 + 1e-9), LowerBound.ScaleMeters(G, q, d * (1 + 1e-9))));
        }

        output.WriteLine($"smallest bound / distance for point boxes, 10 m to 1000 km: {worst:F6}");
        Assert.True(worst >= 1 - (2 * G.Ellipsoid.Flattening), $"{worst}");
    }

    [Fact]
    public void Chord_PointInsideTheBox_IsZero()
    {
        var q = new QueryPoint(40, 45, G.F1);
        Assert.Equal(0.0, LowerBound.Chord(q, new GeoBox(39, 41, 44, 46, G.F1)));
        Assert.Equal(0.0, LowerBound.Chord(q, new GeoBox(39, 41, 44 + 360, 46 + 360, G.F1))); // longitudes modulo 360
        Assert.Equal(0.0, LowerBound.Chord(new QueryPoint(90, 0, G.F1), new GeoBox(89, 90, 10, 20, G.F1)));
    }

    /// <summary>Corners, edge points and interior points of the box.</summary>
    private static IEnumerable<(double Lat, double Lon)> Samples(Random random, double lat0, double lat1, double lon0, double lon1)
    {
        foreach (var lat in new[] { lat0, lat1 })
        {
            foreach (var lon in new[] { lon0, lon1 })
            {
                yield return (lat, lon);
            }
        }

        for (var i = 0; i < 12; i++)
        {
            var t = random.NextDouble();
            yield return (lat0 + (t * (lat1 - lat0)), i % 2 == 0 ? lon0 : lon1);
            yield return (i % 2 == 0 ? lat0 : lat1, lon0 + (t * (lon1 - lon0)));
            yield return (lat0 + (random.NextDouble() * (lat1 - lat0)), lon0 + (random.NextDouble() * (lon1 - lon0)));
        }
    }
}
