using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Tests.Buffers;
using GeoIncidents.Geodesy.Tests.Support;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;
using static GeoIncidents.Geodesy.Tests.Lines.Wgs84Wkt;

namespace GeoIncidents.Geodesy.Tests.Lines;

public class GeodesicPolylineTests(ITestOutputHelper output)
{
    private static readonly Geodesic G = Geodesic.Wgs84;
    private static readonly Lazy<GeodesicPolyline> Osm2020 = new(() => GeodesicPolyline.FromGeometry(ShippedLines.MultiLine("osm-2020")));
    private static readonly Lazy<GeodesicPolyline> Ne10m = new(() => GeodesicPolyline.FromGeometry(ShippedLines.MultiLine("ne-10m")));

    [Theory]
    [InlineData("ne-10m", 10_000)]
    [InlineData("osm-2020", 2_000)] // a scan of its 2115 edges costs about 5 ms per point
    public void Nearest_RandomPoints_EqualsScanOfEveryEdge(string lineId, int count)
    {
        var polyline = lineId == "ne-10m" ? Ne10m.Value : Osm2020.Value;
        var env = ShippedLines.MultiLine(lineId).EnvelopeInternal;
        var random = new Random(count);
        var evaluations = 0;
        for (var i = 0; i < count; i++)
        {
            // Mostly within a degree of the line's box, some far (up to 30°).
            var margin = i % 10 == 0 ? 30.0 : 1.0;
            var p = GeoPosition.FromLatLon(
                Math.Clamp(env.MinY - margin + (random.NextDouble() * (env.Height + (2 * margin))), -90, 90),
                env.MinX - margin + (random.NextDouble() * (env.Width + (2 * margin))));
            var indexed = polyline.Nearest(p);
            var scanned = polyline.NearestByScan(p);
            Assert.True(indexed.Distance == scanned.Distance, $"{lineId} at {p}: index {indexed.Distance.Meters} m, scan {scanned.Distance.Meters} m");
            Assert.Equal(scanned.Side, indexed.Side);
            Assert.True(G.Inverse(indexed.NearestPoint, scanned.NearestPoint).Distance.Meters < 1e-9, $"{lineId} at {p}: nearest points differ");
            evaluations += polyline.CountExactEvaluations(p);
        }

        output.WriteLine($"{lineId}: {count} points equal to the scan; {(double)evaluations / count:0.00} pieces evaluated exactly per query (of {polyline.EdgeCount} edges)");
    }

    [Theory]
    [InlineData("LINESTRING (0 40, 100 40)")]        // bulges north to 52.6°: the box must include the vertex latitude
    [InlineData("LINESTRING (-60 -45, 60 -45, 61 -46)")]
    [InlineData("LINESTRING (10 80, -170 80)")]      // over the North Pole
    [InlineData("LINESTRING (-20 0, 20 0, 20 0.001)")] // along the equator
    [InlineData("LINESTRING (170 -10, -150 30, 150 60)")]
    public void Nearest_LongEdgesWithVerticesPolesAndEquator_EqualsScan(string wkt)
    {
        var polyline = Line(wkt);
        var env = Read(wkt).EnvelopeInternal;
        var random = new Random(wkt.Length);
        for (var i = 0; i < 1500; i++)
        {
            var p = GeoPosition.FromLatLon(
                Math.Clamp(env.MinY - 25 + (random.NextDouble() * (env.Height + 50)), -90, 90),
                env.MinX - 10 + (random.NextDouble() * (env.Width + 20)));
            var indexed = polyline.Nearest(p);
            var scanned = polyline.NearestByScan(p);
            Assert.True(indexed.Distance == scanned.Distance, $"{wkt} at {p}: index {indexed.Distance.Meters} m, scan {scanned.Distance.Meters} m");
            var check = G.Inverse(p, indexed.NearestPoint).Distance.Meters;
            Assert.True(Math.Abs(check - indexed.Distance.Meters) <= 1e-6, $"{wkt} at {p}: {indexed.Distance.Meters} m, but {check} m to the nearest point");
        }

        if (wkt == "LINESTRING (0 40, 100 40)")
        {
            // Just north of the geodesic's highest point, the nearest point is that vertex of the geodesic, not an end.
            var apex = polyline.Nearest(GeoPosition.FromLatLon(75, 50));
            Assert.InRange(apex.NearestPoint.LatitudeDegrees, 52.5, 52.7);
            Assert.Equal(0.5, apex.EdgeFraction, 3);
        }
    }

    [Theory]
    [InlineData("osm-2020")]
    [InlineData("ne-10m")]
    public void SignedDistance_PerpendicularOffsetsFromPointsOnTheLine_ArePlusOrMinusTheOffset(string lineId)
    {
        // From a random point X inside an edge, Direct at the edge's azimuth there ∓ 90° by d: left is +d, right -d.
        var polyline = lineId == "ne-10m" ? Ne10m.Value : Osm2020.Value;
        var parts = ShippedLines.Parts(lineId);
        var random = new Random(90);
        var checkedCount = 0;
        var worst = 0.0;
        const int samples = 2000;
        for (var i = 0; i < samples; i++)
        {
            var part = random.Next(parts.Length);
            var k = random.Next(parts[part].Length - 1);
            var line = G.Line(Position(parts[part][k]), Position(parts[part][k + 1]));
            var along = line.Length!.Value * (0.05 + (0.9 * random.NextDouble()));
            var onLine = line.Position(along);
            var d = Math.Pow(10, -1 + (3 * random.NextDouble())); // 0.1 m to 100 m
            var left = random.Next(2) == 0;
            var azimuth = onLine.FinalAzimuth + Angle.FromDegrees(left ? -90 : 90);
            var p = G.Displace(onLine.Destination, azimuth, Length.FromMeters(d));
            var proximity = polyline.Nearest(p);
            // X is on the edge to the solver's accuracy (0.1 µm), so the line is no farther than d from P, to within that.
            Assert.True(proximity.Distance.Meters <= d + 1e-6, $"{p}: {proximity.Distance.Meters} m is more than the offset {d} m");
            if (proximity.PartIndex != part || proximity.EdgeIndex != k)
            {
                continue; // another stretch of the line comes closer than d: nothing to compare
            }

            var expected = left ? d : -d;
            worst = Math.Max(worst, Math.Abs(proximity.SignedDistance.Meters - expected));
            Assert.True(Math.Abs(proximity.SignedDistance.Meters - expected) <= 1e-3,
                $"{lineId} part {part} edge {k}: offset {expected:F4} m gave {proximity.SignedDistance.Meters:F4} m ({proximity.Side})");
            Assert.True(G.Inverse(proximity.NearestPoint, onLine.Destination).Distance.Meters <= 1e-3);
            checkedCount++;
        }

        output.WriteLine($"{lineId}: {checkedCount} of {samples} offsets compared (others had a closer stretch), worst |signed - d| {worst * 1e6:0.000} µm");
        Assert.True(checkedCount >= samples * 0.95);
    }

    [Theory]
    [InlineData("osm-2020")]
    [InlineData("ne-10m")]
    public void SignedDistance_ShippedPlaces_ArmeniaLeftAzerbaijanRight(string lineId)
    {
        var polyline = lineId == "ne-10m" ? Ne10m.Value : Osm2020.Value;
        foreach (var (id, country, position) in ShippedPlaces.All())
        {
            var proximity = polyline.Nearest(position);
            output.WriteLine($"{lineId} {id} ({country}): {proximity.SignedDistance} (part {proximity.PartIndex}, edge {proximity.EdgeIndex})");
            Assert.Equal(country == "ARM" ? LineSide.Left : LineSide.Right, proximity.Side);
            Assert.Equal(proximity.Distance.Meters * (int)proximity.Side, proximity.SignedDistance.Meters);
        }

        // The named ones, with the border distances from the reference run (osm-2020) as a plausibility anchor.
        Assert.True(polyline.SignedDistanceTo(ShippedPlaces.Get("goris")).Meters > 0);
        Assert.True(polyline.SignedDistanceTo(ShippedPlaces.Get("kapan")).Meters > 0);
        Assert.True(polyline.SignedDistanceTo(ShippedPlaces.Get("sev-lich")).Meters > 0);
        Assert.True(polyline.SignedDistanceTo(ShippedPlaces.Get("lachin")).Meters < 0);
        Assert.True(polyline.SignedDistanceTo(ShippedPlaces.Get("kalbajar")).Meters < 0);
    }

    [Fact]
    public void Nearest_ExactlyOnAVertex_IsZeroOnThatVertex()
    {
        var main = ShippedLines.Parts("osm-2020")[0];
        var proximity = Osm2020.Value.Nearest(Position(main[500]));
        Assert.Equal(0.0, proximity.Distance.Meters);
        Assert.Equal(LineSide.On, proximity.Side);
        Assert.Equal(0.0, proximity.SignedDistance.Meters);
        Assert.Equal(500, proximity.VertexIndex);
        Assert.Equal(Position(main[500]), proximity.NearestPoint);
    }

    [Fact]
    public void Nearest_OnAnEdge_IsZeroWithinTheSolverAccuracyAndOnTheLine()
    {
        var main = ShippedLines.Parts("osm-2020")[0];
        var line = G.Line(Position(main[300]), Position(main[301]));
        var onEdge = line.Position(line.Length!.Value * 0.37).Destination;
        var proximity = Osm2020.Value.Nearest(onEdge);
        Assert.True(proximity.Distance.Meters < 1e-6, $"{proximity.Distance.Meters} m");
        Assert.Equal(LineSide.On, proximity.Side);
        Assert.Equal((0, 300), (proximity.PartIndex, proximity.EdgeIndex));
        Assert.Equal(0.37, proximity.EdgeFraction, 6);
    }

    [Fact]
    public void Nearest_BeyondTheEndsOfAnOpenLine_SideOfTheEndEdgesExtension()
    {
        // Due north along 45°E: west is left.
        var polyline = Line("LINESTRING (45 40, 45 40.5, 45 41)");
        var beyondEndWest = G.Displace(GeoPosition.FromLatLon(41.2, 45), Angle.FromDegrees(-90), Length.FromMeters(50));
        var beyondEndEast = G.Displace(GeoPosition.FromLatLon(41.2, 45), Angle.FromDegrees(90), Length.FromMeters(50));
        var beforeStartWest = G.Displace(GeoPosition.FromLatLon(39.7, 45), Angle.FromDegrees(-90), Length.FromMeters(50));
        var beforeStartEast = G.Displace(GeoPosition.FromLatLon(39.7, 45), Angle.FromDegrees(90), Length.FromMeters(50));
        Assert.Equal(LineSide.Left, polyline.Nearest(beyondEndWest).Side);
        Assert.Equal(LineSide.Right, polyline.Nearest(beyondEndEast).Side);
        Assert.Equal(LineSide.Left, polyline.Nearest(beforeStartWest).Side);
        Assert.Equal(LineSide.Right, polyline.Nearest(beforeStartEast).Side);
        Assert.Equal(2, polyline.Nearest(beyondEndWest).VertexIndex);
        Assert.Equal(0, polyline.Nearest(beforeStartEast).VertexIndex);

        // Exactly on the extension (the meridian): no side, but a distance (the meridian arc to the end).
        var onExtension = polyline.Nearest(GeoPosition.FromLatLon(41.2, 45));
        Assert.Equal(LineSide.On, onExtension.Side);
        Assert.Equal(0.0, onExtension.SignedDistance.Meters);
        Assert.Equal(G.Inverse(GeoPosition.FromLatLon(41, 45), GeoPosition.FromLatLon(41.2, 45)).Distance.Meters, onExtension.Distance.Meters, 9);
    }

    [Fact]
    public void Nearest_AtACorner_SideFromTheSectorBetweenTheEdges()
    {
        // North then east: a right turn at (45, 41). The outside of the turn (north-west) is left, the inside right.
        var polyline = Line("LINESTRING (45 40, 45 41, 46 41)");
        var corner = GeoPosition.FromLatLon(41, 45);
        foreach (var (azimuth, side) in new[] { (-45.0, LineSide.Left), (0.0, LineSide.Left), (-90.0, LineSide.Left), (135.0, LineSide.Right) })
        {
            var p = G.Displace(corner, Angle.FromDegrees(azimuth), Length.FromMeters(100));
            var proximity = polyline.Nearest(p);
            Assert.Equal(side, proximity.Side);
            if (azimuth == -45.0)
            {
                Assert.Equal(1, proximity.VertexIndex);
                Assert.Equal(100.0, proximity.Distance.Meters, 6);
            }
        }
    }

    [Theory]
    [InlineData("osm-2020")]
    [InlineData("ne-10m")]
    public void Nearest_InsideTheArmenianExclaveRing_IsLeftOfItsRing(string lineId)
    {
        // Part 2 is Artsvashen, an Armenian exclave ring (Armenia inside, so counter-clockwise); part 3 Yukhari
        // Askipara, an Azerbaijani exclave (Armenia outside, clockwise).
        var polyline = lineId == "ne-10m" ? Ne10m.Value : Osm2020.Value;
        var parts = ShippedLines.Parts(lineId);
        var artsvashen = InteriorPoint(parts[2]);
        var askipara = InteriorPoint(parts[3]);
        var inArtsvashen = polyline.Nearest(artsvashen);
        var inAskipara = polyline.Nearest(askipara);
        Assert.Equal((2, LineSide.Left), (inArtsvashen.PartIndex, inArtsvashen.Side));
        Assert.Equal((3, LineSide.Right), (inAskipara.PartIndex, inAskipara.Side));
        output.WriteLine($"{lineId}: Artsvashen interior {inArtsvashen.SignedDistance}, Yukhari Askipara interior {inAskipara.SignedDistance}");
    }

    [Fact]
    public void Nearest_AtThePoles_IsTheMeridianArcToTheHighestPoint()
    {
        var polyline = Osm2020.Value;
        var north = polyline.Nearest(GeoPosition.FromLatLon(90, 0));
        var south = polyline.Nearest(GeoPosition.FromLatLon(-90, 123));
        var maxLat = ShippedLines.Parts("osm-2020").SelectMany(p => p).Max(c => c.Y);
        var minLat = ShippedLines.Parts("osm-2020").SelectMany(p => p).Min(c => c.Y);
        Assert.True(north.NearestPoint.LatitudeDegrees >= maxLat);
        Assert.True(south.NearestPoint.LatitudeDegrees <= minLat);
        // From a pole every meridian is a geodesic: the distance is the meridian arc to the nearest point's latitude.
        Assert.Equal(G.Inverse(GeoPosition.FromLatLon(90, 0), north.NearestPoint).Distance.Meters, north.Distance.Meters, 6);
        Assert.Equal(G.Inverse(GeoPosition.FromLatLon(90, 45), GeoPosition.FromLatLon(north.NearestPoint.LatitudeDegrees, 45)).Distance.Meters, north.Distance.Meters, 6);
        Assert.Equal(G.Inverse(GeoPosition.FromLatLon(-90, 0), GeoPosition.FromLatLon(south.NearestPoint.LatitudeDegrees, 0)).Distance.Meters, south.Distance.Meters, 6);
        Assert.True(north.Side != LineSide.On && south.Side != LineSide.On);
    }

    [Fact]
    public void Nearest_AcrossTheAntimeridian_TakesTheShortWayRound()
    {
        var polyline = Line("LINESTRING (179.5 10, -179.5 10.5, -179 11)");
        foreach (var lon in new[] { 179.9, -179.9, 180.0, -180.0, 540.0 - 0.1 })
        {
            var p = GeoPosition.FromLatLon(10.45, lon);
            var proximity = polyline.Nearest(p);
            var scanned = polyline.NearestByScan(p);
            Assert.Equal(scanned.Distance, proximity.Distance);
            Assert.InRange(proximity.Distance.Meters, 1, 60_000);
            Assert.Equal(G.Inverse(p, proximity.NearestPoint).Distance.Meters, proximity.Distance.Meters, 6);
        }

        // Due north-east across 180°: the point north-west of the crossing is on the left.
        Assert.Equal(LineSide.Left, polyline.Nearest(GeoPosition.FromLatLon(10.5, 179.9)).Side);
        Assert.Equal(LineSide.Right, polyline.Nearest(GeoPosition.FromLatLon(10.0, -179.9)).Side);
    }

    [Fact]
    public void FromGeometry_EmptyLine_ThrowsClearly()
    {
        var empty = Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromGeometry(GeometryFactories.Wgs84.CreateLineString()));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromGeometry(GeometryFactories.Wgs84.CreateMultiLineString()));
        Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromPolygonBoundary(GeometryFactories.Wgs84.CreatePolygon()));
    }

    [Fact]
    public void FromGeometry_BadInput_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentNullException>(() => GeodesicPolyline.FromGeometry(null!));
        var planar = GeometryFactories.ForSrid(32638).CreateLineString([new(0, 0), new(1, 1)]);
        Assert.Contains("SRID", Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromGeometry(planar)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromGeometry(Read("POLYGON ((45 40, 46 40, 46 41, 45 40))")));
        Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromPolygonBoundary(Read("LINESTRING (45 40, 46 40)")));
        var outOfRange = GeometryFactories.Wgs84.CreateLineString([new(45, 40), new(45, 91)]);
        Assert.Contains("out of range", Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromGeometry(outOfRange)).Message, StringComparison.Ordinal);
        var nan = GeometryFactories.Wgs84.CreateLineString([new(45, 40), new(double.NaN, 41)]);
        Assert.Throws<ArgumentException>(() => GeodesicPolyline.FromGeometry(nan));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ne10m.Value.IsWithinDistance(GeoPosition.FromLatLon(40, 45), Length.FromMeters(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ne10m.Value.TryNearest(GeoPosition.FromLatLon(40, 45), Length.FromMeters(-1), out _));
    }

    [Fact]
    public void Nearest_RepeatedVertices_AreSkippedAndIndicesReferToTheGivenCoordinates()
    {
        var withRepeats = Line("LINESTRING (45 40, 45 40, 45.1 40.1, 45.1 40.1, 45.1 40.1, 45.2 40, 45.2 40)");
        var without = Line("LINESTRING (45 40, 45.1 40.1, 45.2 40)");
        Assert.Equal(2, withRepeats.EdgeCount);
        Assert.Equal(without.Length, withRepeats.Length);
        var p = GeoPosition.FromLatLon(40.02, 45.17);
        var a = withRepeats.Nearest(p);
        var b = without.Nearest(p);
        Assert.Equal(b.Distance, a.Distance);
        Assert.Equal(b.SignedDistance, a.SignedDistance);
        Assert.Equal(1, b.EdgeIndex);
        Assert.Equal(4, a.EdgeIndex); // coordinate 4 (the last copy of 45.1 40.1) to coordinate 5
        var top = withRepeats.Nearest(GeoPosition.FromLatLon(40.3, 45.1));
        Assert.Equal(GeoPosition.FromLatLon(40.1, 45.1), top.NearestPoint);
        Assert.Contains(top.VertexIndex!.Value, new[] { 2, 4 });

        // A part that is one repeated point measures as that point, with no side.
        var lone = Line("LINESTRING (45 40, 45 40)");
        var toLone = lone.Nearest(GeoPosition.FromLatLon(40.01, 45));
        Assert.Equal(LineSide.On, toLone.Side);
        Assert.Equal(G.Inverse(GeoPosition.FromLatLon(40, 45), GeoPosition.FromLatLon(40.01, 45)).Distance.Meters, toLone.Distance.Meters, 9);
    }

    [Fact]
    public void Nearest_MultiLineStringWithAnEmptyPart_ReportsThePartIndexAsGiven()
    {
        var factory = GeometryFactories.Wgs84;
        var lines = factory.CreateMultiLineString([factory.CreateLineString(), factory.CreateLineString([new(45, 40), new(45, 41)])]);
        var polyline = GeodesicPolyline.FromGeometry(lines);
        Assert.Equal(1, polyline.PartCount);
        Assert.Equal(1, polyline.Nearest(GeoPosition.FromLatLon(40.5, 45.1)).PartIndex);
    }

    [Fact]
    public void Nearest_AnyAnswer_NearestPointIsDistanceAlongEdgeFromItsFirstCoordinate()
    {
        // The reported part, edge and distance along it reproduce the nearest point, for lines and reoriented rings.
        var parts = ShippedLines.Parts("ne-10m");
        var ring = (Polygon)Read("POLYGON ((45 40, 45 41, 46 41, 46 40, 45 40), (45.3 40.3, 45.7 40.3, 45.7 40.7, 45.3 40.7, 45.3 40.3))");
        var boundary = GeodesicPolyline.FromPolygonBoundary(ring);
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var p = GeoPosition.FromLatLon(38.5 + (random.NextDouble() * 3), 44 + (random.NextDouble() * 3));
            Check(Ne10m.Value.Nearest(p), parts);
            Check(boundary.Nearest(p), [ring.Shell.Coordinates, ring.Holes[0].Coordinates]);
        }

        static void Check(PolylineProximity proximity, Coordinate[][] parts)
        {
            var part = parts[proximity.PartIndex];
            var line = G.Line(Position(part[proximity.EdgeIndex]), Position(part[proximity.EdgeIndex + 1]));
            Assert.Equal(line.Length!.Value.Meters, proximity.EdgeLength.Meters, 6);
            var along = line.Position(proximity.DistanceAlongEdge).Destination;
            Assert.True(G.Inverse(along, proximity.NearestPoint).Distance.Meters < 1e-6);
            if (proximity.VertexIndex is { } v)
            {
                Assert.Equal(Position(part[v]), proximity.NearestPoint);
            }
        }
    }

    [Fact]
    public void FromPolygonBoundary_AnyRingOrientation_PositiveInsideNegativeOutsideAndInHoles()
    {
        // The same polygon with its rings given clockwise and counter-clockwise.
        var ccw = Read("POLYGON ((45 40, 46 40, 46 41, 45 41, 45 40), (45.3 40.3, 45.3 40.7, 45.7 40.7, 45.7 40.3, 45.3 40.3))");
        var cw = Read("POLYGON ((45 40, 45 41, 46 41, 46 40, 45 40), (45.3 40.3, 45.7 40.3, 45.7 40.7, 45.3 40.7, 45.3 40.3))");
        foreach (var polygon in new[] { ccw, cw })
        {
            var boundary = GeodesicPolyline.FromPolygonBoundary(polygon);
            Assert.Equal(2, boundary.PartCount);
            Assert.True(boundary.SignedDistanceTo(GeoPosition.FromLatLon(40.15, 45.5)).Meters > 0);   // inside, near the shell
            Assert.True(boundary.SignedDistanceTo(GeoPosition.FromLatLon(40.5, 45.5)).Meters < 0);    // in the hole
            Assert.True(boundary.SignedDistanceTo(GeoPosition.FromLatLon(41.2, 45.5)).Meters < 0);    // outside
            var nearHole = boundary.Nearest(GeoPosition.FromLatLon(40.25, 45.5));
            Assert.Equal((1, LineSide.Left), (nearHole.PartIndex, nearHole.Side));
        }

        var multi = Read("MULTIPOLYGON (((45 40, 45 41, 46 41, 46 40, 45 40)), ((47 40, 48 40, 48 41, 47 41, 47 40)))");
        var multiBoundary = GeodesicPolyline.FromPolygonBoundary(multi);
        Assert.True(multiBoundary.SignedDistanceTo(GeoPosition.FromLatLon(40.5, 47.5)).Meters > 0);
        Assert.True(multiBoundary.SignedDistanceTo(GeoPosition.FromLatLon(40.5, 46.5)).Meters < 0);
    }

    [Fact]
    public void TryNearestAndIsWithinDistance_AgreeWithNearest()
    {
        var polyline = Osm2020.Value;
        var random = new Random(11);
        foreach (var p in GeodesicPolylineReferenceTests.RandomPointsNear("osm-2020", 400, 20_000, seed: 12))
        {
            var nearest = polyline.Nearest(p);
            var radius = Length.FromMeters(20_000 * random.NextDouble());
            Assert.Equal(nearest.Distance <= radius, polyline.IsWithinDistance(p, radius));
            Assert.Equal(nearest.Distance <= radius, polyline.TryNearest(p, radius, out var within));
            if (nearest.Distance <= radius)
            {
                Assert.Equal(nearest, within);
            }

            Assert.True(polyline.IsWithinDistance(p, nearest.Distance)); // inclusive
            Assert.Equal(nearest.Distance, polyline.DistanceTo(p));
            Assert.Equal(nearest.SignedDistance, polyline.SignedDistanceTo(p));
        }
    }

    [Fact]
    public void Nearest_ConcurrentQueries_SameAnswersAsSequential()
    {
        var polyline = Osm2020.Value;
        var points = GeodesicPolylineReferenceTests.RandomPointsNear("osm-2020", 2000, 50_000, seed: 99);
        var sequential = points.Select(polyline.Nearest).ToArray();
        var parallel = new PolylineProximity[points.Count];
        Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = polyline.Nearest(points[i]));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Nearest_FartherPoints_DistanceGrowsMonotonically()
    {
        // Walking away from a short bent line along the geodesic perpendicular to an edge, out to 3000 km.
        var polyline = Line("LINESTRING (45 40, 45.5 40.2, 46 40.1)");
        var line = G.Line(GeoPosition.FromLatLon(40, 45), GeoPosition.FromLatLon(40.2, 45.5));
        var mid = line.Position(line.Length!.Value / 2);
        foreach (var turn in new[] { -90.0, 90.0 })
        {
            var previous = 0.0;
            for (var km = 1; km <= 3000; km = (int)Math.Ceiling(km * 1.3))
            {
                var p = G.Displace(mid.Destination, mid.FinalAzimuth + Angle.FromDegrees(turn), Length.FromKilometers(km));
                var d = polyline.DistanceTo(p).Meters;
                Assert.True(d >= previous && d <= (km * 1000.0) + 1e-6 && d >= (km * 1000.0) - 60_000, $"{km} km out: {d} m after {previous} m");
                previous = d;
            }
        }
    }

    private static GeodesicPolyline Line(string wkt) => GeodesicPolyline.FromGeometry(Read(wkt));

    private static GeoPosition Position(Coordinate c) => GeoPosition.FromLonLat(c.X, c.Y);

    /// <summary>A point well inside a closed ring: NTS's interior point of the ring's polygon (planar, a few km wide rings).</summary>
    private static GeoPosition InteriorPoint(Coordinate[] ring)
    {
        var polygon = GeometryFactories.Wgs84.CreatePolygon(ring);
        var c = NetTopologySuite.Algorithm.InteriorPointArea.GetInteriorPoint(polygon);
        return GeoPosition.FromLonLat(c.X, c.Y);
    }
}
