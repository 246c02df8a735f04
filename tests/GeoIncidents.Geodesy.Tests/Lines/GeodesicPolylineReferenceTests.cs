using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Tests.Buffers;
using GeoIncidents.Geodesy.Tests.Support;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Lines;

/// <summary>
/// <see cref="GeodesicPolyline"/> against an independent reference: the minimisation along every geodesic edge done
/// with GeographicLib's GeodSolve alone (<see cref="NearestPointOracle"/>). Distances and nearest points must agree
/// within 1 mm (the project's requirement).
/// </summary>
public class GeodesicPolylineReferenceTests(ITestOutputHelper output)
{
    /// <summary>The required agreement of distances and of nearest points, metres.</summary>
    private const double ToleranceMeters = 1e-3;

    [GeographicLibFact]
    public async Task Nearest_Osm2020PlacesAndRandomPointsWithin100Km_MatchGeodSolveWithin1mm()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var points = ShippedPlaces.All().Select(p => p.Position).Concat(RandomPointsNear("osm-2020", 300, 100_000, seed: 2020)).ToList();
        await CompareAsync("osm-2020, places + 300 random within 100 km", "osm-2020", points);
    }

    [GeographicLibFact]
    public async Task Nearest_Ne10mPlacesAndRandomPointsWithin100Km_MatchGeodSolveWithin1mm()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var points = ShippedPlaces.All().Select(p => p.Position).Concat(RandomPointsNear("ne-10m", 300, 100_000, seed: 10)).ToList();
        await CompareAsync("ne-10m, places + 300 random within 100 km", "ne-10m", points);
    }

    [GeographicLibFact]
    public async Task Nearest_CloseToTheLine_MatchGeodSolveWithin1mm()
    {
        // Within 50 m: where the distance's sign flips and nearest points sit on short edges and at vertices.
        ExternalServices.GeographicLib.EnsureAvailable();
        await CompareAsync("osm-2020, 150 random within 50 m", "osm-2020", RandomPointsNear("osm-2020", 150, 50, seed: 50));
    }

    [GeographicLibFact]
    public async Task Nearest_BeyondOpenEndsAndOffCorners_MatchGeodSolveWithin1mm()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var g = Geodesic.Wgs84;
        var points = new List<GeoPosition>();
        foreach (var lineId in new[] { "osm-2020", "ne-10m" })
        {
            foreach (var part in ShippedLines.Parts(lineId).Where(p => !p[0].Equals2D(p[^1])))
            {
                // Beyond each open end: along the end edge's extension, and off it to both sides.
                var start = Position(part[0]);
                var end = Position(part[^1]);
                var outOfStart = g.Inverse(Position(part[1]), start).FinalAzimuth;
                var outOfEnd = g.Inverse(Position(part[^2]), end).FinalAzimuth;
                foreach (var (distance, turn) in new[] { (200.0, 0.0), (5_000.0, 30.0), (5_000.0, -30.0), (40_000.0, 60.0), (40_000.0, -75.0) })
                {
                    points.Add(g.Displace(start, outOfStart + Angle.FromDegrees(turn), Length.FromMeters(distance)));
                    points.Add(g.Displace(end, outOfEnd + Angle.FromDegrees(turn), Length.FromMeters(distance)));
                }
            }
        }

        // Off the outside of corners: along the exterior bisector the nearest point is the vertex itself.
        var main = ShippedLines.Parts("osm-2020")[0];
        for (var i = 10; i < main.Length - 1; i += 97)
        {
            var v = Position(main[i]);
            var back = g.Inverse(v, Position(main[i - 1])).InitialAzimuth.Degrees;
            var ahead = g.Inverse(v, Position(main[i + 1])).InitialAzimuth.Degrees;
            var bisector = Angle.FromDegrees(back + (Angle.NormalizeDegrees(ahead - back) / 2) + 180.0);
            points.Add(g.Displace(v, bisector, Length.FromMeters(30)));
        }

        await CompareAsync("beyond open ends and off corners", "osm-2020", points);
        await CompareAsync("beyond open ends", "ne-10m", points);
    }

    [GeographicLibFact]
    public async Task Nearest_PointsUpTo1000KmAway_MatchGeodSolveWithin1mm()
    {
        // Outside the 100 km the accuracy is promised for, the same method must stay exact: 300 to 1000 km.
        ExternalServices.GeographicLib.EnsureAvailable();
        var random = new Random(1000);
        var g = Geodesic.Wgs84;
        var onLine = RandomPointsNear("ne-10m", 30, 0, seed: 1001);
        var points = onLine.Select(p => g.Displace(p, Angle.FromDegrees(random.NextDouble() * 360.0),
            Length.FromKilometers(300 + (random.NextDouble() * 700)))).ToList();
        await CompareAsync("ne-10m, 30 random 300-1000 km away", "ne-10m", points);
    }

    [GeographicLibFact]
    public async Task Nearest_LongEdgesAndAntimeridian_MatchGeodSolveWithin1mm()
    {
        // Edges of 300 to 3400 km (cut into 100 km pieces inside), one across the antimeridian, points up to 1000 km.
        ExternalServices.GeographicLib.EnsureAvailable();
        Coordinate[][] parts =
        [
            [new(10, 40), new(18, 45), new(30, 44), new(31, 20), new(0, -10)],
            [new(170, 50), new(-170, 55), new(-160, 61)],
        ];
        var random = new Random(3400);
        var g = Geodesic.Wgs84;
        var points = new List<GeoPosition>();
        foreach (var part in parts)
        {
            for (var i = 0; i < 40; i++)
            {
                var k = random.Next(part.Length - 1);
                var line = g.Line(Position(part[k]), Position(part[k + 1]));
                var onEdge = line.Position(line.Length!.Value * random.NextDouble()).Destination;
                points.Add(g.Displace(onEdge, Angle.FromDegrees(random.NextDouble() * 360.0), Length.FromKilometers(1000 * random.NextDouble())));
            }
        }

        await CompareAsync("synthetic long edges, 80 random within 1000 km", parts, points);
    }

    /// <summary>Random points at up to <paramref name="maxMeters"/> from random points of the line's edges.</summary>
    internal static List<GeoPosition> RandomPointsNear(string lineId, int count, double maxMeters, int seed)
    {
        var random = new Random(seed);
        var g = Geodesic.Wgs84;
        var edges = ShippedLines.Parts(lineId).SelectMany(p => p.Zip(p.Skip(1))).Where(e => !e.First.Equals2D(e.Second)).ToArray();
        var points = new List<GeoPosition>(count);
        for (var i = 0; i < count; i++)
        {
            var (a, b) = edges[random.Next(edges.Length)];
            var line = g.Line(Position(a), Position(b));
            var onEdge = line.Position(line.Length!.Value * random.NextDouble()).Destination;
            var away = maxMeters * random.NextDouble();
            points.Add(away == 0 ? onEdge : g.Displace(onEdge, Angle.FromDegrees(random.NextDouble() * 360.0), Length.FromMeters(away)));
        }

        return points;
    }

    private static GeoPosition Position(Coordinate c) => GeoPosition.FromLonLat(c.X, c.Y);

    private Task CompareAsync(string label, string lineId, List<GeoPosition> points) =>
        CompareAsync($"{label} ({lineId})", ShippedLines.Parts(lineId), points);

    private async Task CompareAsync(string label, Coordinate[][] parts, List<GeoPosition> points)
    {
        var factory = GeoIncidents.Geodesy.Geometries.GeometryFactories.Wgs84;
        var polyline = GeodesicPolyline.FromGeometry(factory.CreateMultiLineString([.. parts.Select(p => factory.CreateLineString(p))]));
        var reference = await NearestPointOracle.NearestAsync([.. points.Select(p => new Coordinate(p.LongitudeDegrees, p.LatitudeDegrees))], parts);
        var g = Geodesic.Wgs84;
        double worstDistance = 0, worstPoint = 0, worstAlong = 0;
        var vertices = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var ours = polyline.Nearest(points[i]);
            var expected = reference[i];
            var distanceError = Math.Abs(ours.Distance.Meters - expected.DistanceMeters);
            var pointError = g.Inverse(ours.NearestPoint, Position(expected.Nearest)).Distance.Meters;
            var tie = expected.RunnerUpNearest is not null && expected.RunnerUpMeters - expected.DistanceMeters < ToleranceMeters;
            if (tie && pointError > ToleranceMeters)
            {
                pointError = Math.Min(pointError, g.Inverse(ours.NearestPoint, Position(expected.RunnerUpNearest!)).Distance.Meters);
            }

            Assert.True(distanceError <= ToleranceMeters,
                $"{label}: point {points[i]}: distance {ours.Distance.Meters:F6} m, GeodSolve {expected.DistanceMeters:F6} m");
            Assert.True(pointError <= ToleranceMeters,
                $"{label}: point {points[i]}: nearest point {ours.NearestPoint} is {pointError:E2} m from GeodSolve's {expected.Nearest} (part {expected.Part} edge {expected.Edge})");
            if (!tie && ours.VertexIndex is null)
            {
                Assert.Equal((expected.Part, expected.Edge), (ours.PartIndex, ours.EdgeIndex));
                worstAlong = Math.Max(worstAlong, Math.Abs(ours.DistanceAlongEdge.Meters - expected.AlongMeters));
                Assert.True(Math.Abs(ours.EdgeLength.Meters - expected.EdgeMeters) <= 1e-6, $"{label}: edge length {ours.EdgeLength.Meters} vs {expected.EdgeMeters}");
            }

            vertices += ours.VertexIndex is null ? 0 : 1;
            worstDistance = Math.Max(worstDistance, distanceError);
            worstPoint = Math.Max(worstPoint, pointError);
        }

        Assert.True(worstAlong <= ToleranceMeters, $"{label}: distance along the edge off by {worstAlong:E2} m");
        var distances = points.Select(p => polyline.DistanceTo(p).Meters).ToArray();
        output.WriteLine($"{label}: {points.Count} points at {distances.Min():0.###} m to {distances.Max() / 1000:0.###} km, {vertices} nearest at a vertex: " +
                         $"worst |distance - GeodSolve| {worstDistance * 1e6:0.000} µm, worst nearest-point offset {worstPoint * 1e6:0.000} µm, " +
                         $"worst along-edge {worstAlong * 1e6:0.000} µm");
    }
}
