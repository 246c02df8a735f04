using GeoIncidents.Geodesy.Buffers;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Buffers;

/// <summary>
/// Metric buffers measured against GeographicLib's GeodSolve: every boundary vertex must lie at the requested
/// geodesic distance within 0.1 % (the project's requirement), points at 0.99 d must be inside and points
/// whose geodesic distance is at least 1.005 d (placed at 1.01 d) outside.
/// </summary>
public class MetricBufferTests(ITestOutputHelper output)
{
    /// <summary>The project's acceptance bound on boundary distance, relative to d.</summary>
    private const double RequiredRelativeError = 1e-3;

    /// <summary>The bound MetricBuffer documents for d ≤ 10 km (0.02 %), tighter than the requirement.</summary>
    private const double DocumentedRelativeErrorUpTo10Km = 2e-4;

    /// <summary>The bound MetricBuffer documents for d ≤ 100 km (0.04 %).</summary>
    private const double DocumentedRelativeErrorUpTo100Km = 4e-4;

    private static readonly Coordinate SevLich = new(46.22931, 39.58752); // data/places: Black Lake (Sev Lich)

    [GeographicLibFact]
    public async Task Buffer_SevLichPoint3500m_VerticesAtRequestedGeodesicDistance()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        await CheckPointBufferAsync("Sev Lich 3.5 km", SevLich, Length.FromKilometers(3.5));
    }

    [GeographicLibFact]
    public async Task Buffer_PointNear60North3500m_VerticesAtRequestedGeodesicDistance()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        await CheckPointBufferAsync("60.17N 24.94E 3.5 km", new Coordinate(24.94, 60.17), Length.FromKilometers(3.5));
    }

    [GeographicLibFact]
    public async Task Buffer_PointNear60NorthAtMaxDistance_VerticesAtRequestedGeodesicDistance()
    {
        // 100 km: the largest radius, where the local transverse Mercator's own scale matters most (≈ 1e-4).
        ExternalServices.GeographicLib.EnsureAvailable();
        await CheckPointBufferAsync("60.17N 24.94E 100 km", new Coordinate(24.94, 60.17), MetricBuffer.MaxDistance);
    }

    [GeographicLibFact]
    public async Task Buffer_SyunikStretchOfOsm2020_3500m_VerticesAtRequestedGeodesicDistance()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var chain = ShippedLines.SyunikStretchOfOsm2020();
        Assert.InRange(chain.Length, 500, 700);
        await CheckLineBufferAsync("osm-2020 Syunik stretch 3.5 km", [chain], Line(chain), Length.FromKilometers(3.5));
    }

    [GeographicLibFact]
    public async Task Buffer_WholeNe10mMainLine_5km_VerticesAtRequestedGeodesicDistance()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var chain = ShippedLines.Part("ne-10m", 0); // Georgia tripoint to Iran tripoint, about 500 km
        Assert.Equal(165, chain.Length);
        await CheckLineBufferAsync("ne-10m main 5 km", [chain], Line(chain), Length.FromKilometers(5));
    }

    [GeographicLibFact]
    public async Task Buffer_SingleEdgeOf870km_2km_FollowsTheGeodesic()
    {
        // One geodesic edge, 9° of longitude: far from straight in any one projection or in lon/lat.
        ExternalServices.GeographicLib.EnsureAvailable();
        Coordinate[] chain = [new(40.0, 40.0), new(49.0, 44.0)];
        await CheckLineBufferAsync("870 km single edge 2 km", [chain], Line(chain), Length.FromKilometers(2));
    }

    [GeographicLibFact]
    public async Task Buffer_PolygonWithHole_2km_BoundaryAtRequestedDistanceFromRings()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        Coordinate[] shell = [new(45.60, 39.80), new(45.90, 39.80), new(45.90, 40.05), new(45.75, 40.10), new(45.60, 40.05), new(45.60, 39.80)];
        Coordinate[] hole = [new(45.68, 39.88), new(45.68, 39.98), new(45.82, 39.98), new(45.82, 39.88), new(45.68, 39.88)];
        var f = GeometryFactories.Wgs84;
        var polygon = f.CreatePolygon(f.CreateLinearRing(shell), [f.CreateLinearRing(hole)]);
        var buffer = MetricBuffer.Buffer(polygon, Length.FromKilometers(2));
        var result = Assert.IsType<Polygon>(buffer);
        Assert.Equal(1, result.NumInteriorRings); // the 12 km × 11 km hole shrinks by 2 km on each side but stays
        await CheckLineBufferAsync("polygon with hole 2 km", [shell, hole], polygon, Length.FromKilometers(2), buffer);
    }

    [Fact]
    public void Buffer_PolygonWithHoleNarrowerThanTwiceD_FillsTheHole()
    {
        var f = GeometryFactories.Wgs84;
        var polygon = f.CreatePolygon(
            f.CreateLinearRing([new(45.0, 40.0), new(45.2, 40.0), new(45.2, 40.2), new(45.0, 40.2), new(45.0, 40.0)]),
            [f.CreateLinearRing([new(45.09, 40.09), new(45.09, 40.11), new(45.11, 40.11), new(45.11, 40.09), new(45.09, 40.09)])]); // ~1.7 km × 2.2 km
        var buffer = Assert.IsType<Polygon>(MetricBuffer.Buffer(polygon, Length.FromKilometers(1.5)));
        Assert.Equal(0, buffer.NumInteriorRings);
    }

    [Fact]
    public void Buffer_PointsFarApart_GivesMultiPolygonInSrid4326()
    {
        var points = GeometryFactories.Wgs84.CreateMultiPoint([new Point(46.34, 39.51), new Point(44.51, 40.18)]);
        var buffer = MetricBuffer.Buffer(points, Length.FromKilometers(3.5));
        var multi = Assert.IsType<MultiPolygon>(buffer);
        Assert.Equal(2, multi.NumGeometries);
        Assert.Equal(4326, buffer.SRID);
        Assert.Same(GeometryFactories.Wgs84, buffer.Factory);
        Assert.True(buffer.IsValid);
    }

    [Fact]
    public void Buffer_Position_GivesPolygonOf360VerticesOnTheCircle()
    {
        var circle = MetricBuffer.Buffer(GeoPosition.FromLonLat(SevLich.X, SevLich.Y), Length.FromKilometers(3.5));
        Assert.Equal(361, circle.NumPoints); // 360 + the closing vertex
        Assert.True(circle.IsValid);
        Assert.True(circle.Contains(circle.Factory.CreatePoint(SevLich)));
    }

    [Fact]
    public void Buffer_Line_DoesNotChangeTheSource()
    {
        var chain = ShippedLines.SyunikStretchOfOsm2020();
        var line = Line(chain);
        var before = line.AsText();
        var buffer = MetricBuffer.Buffer(line, Length.FromKilometers(3.5));
        Assert.Equal(before, line.AsText());
        Assert.Equal(4326, line.SRID);
        Assert.True(buffer.IsValid);
        Assert.True(buffer.Contains(line));
    }

    [Fact]
    public void Buffer_Line_OutputEdgesAreShortEnoughToReadAsStraightInLonLat()
    {
        // At 40°N and d = 5 km the step is about 5 km (class remarks); no boundary edge may be longer.
        var buffer = MetricBuffer.Buffer(Line(ShippedLines.Part("ne-10m", 0)), Length.FromKilometers(5));
        var longest = 0.0;
        foreach (var ring in Rings(buffer))
        {
            var c = ring.Coordinates;
            for (var i = 1; i < c.Length; i++)
            {
                var cos = Math.Cos(c[i].Y * Math.PI / 180.0);
                longest = Math.Max(longest, Math.Sqrt(Math.Pow((c[i].X - c[i - 1].X) * cos, 2) + Math.Pow(c[i].Y - c[i - 1].Y, 2)) * 111_195.0);
            }
        }

        output.WriteLine($"longest boundary edge: {longest:0} m");
        Assert.InRange(longest, 1000.0, 5600.0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.5)]
    [InlineData(100.001)]
    public void Buffer_DistanceNotPositiveOrTooLarge_ThrowsArgumentOutOfRange(double kilometers)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MetricBuffer.Buffer(GeometryFactories.Wgs84.CreatePoint(SevLich), Length.FromKilometers(kilometers)));
        Assert.Equal("distance", ex.ParamName);
        Assert.Contains("positive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffer_Null_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => MetricBuffer.Buffer(null!, Length.FromKilometers(1)));

    [Theory]
    [InlineData("POINT EMPTY")]
    [InlineData("LINESTRING EMPTY")]
    [InlineData("GEOMETRYCOLLECTION EMPTY")]
    public void Buffer_EmptyGeometry_ThrowsArgument(string wkt)
    {
        var g = GeometryFactories.Wgs84.CreateGeometry(new NetTopologySuite.IO.WKTReader().Read(wkt));
        var ex = Assert.Throws<ArgumentException>(() => MetricBuffer.Buffer(g, Length.FromKilometers(1)));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3857)]
    [InlineData(32638)]
    public void Buffer_NotSrid4326_ThrowsNamingTheSrid(int srid)
    {
        var g = GeometryFactories.ForSrid(srid).CreatePoint(SevLich);
        var ex = Assert.Throws<ArgumentException>(() => MetricBuffer.Buffer(g, Length.FromKilometers(1)));
        Assert.Contains($"SRID {srid}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(46.0, 81.0)]     // beyond the latitude limit
    [InlineData(181.0, 40.0)]    // not a longitude
    [InlineData(179.99, 40.0)]   // the buffer would cross the antimeridian
    [InlineData(double.NaN, 40.0)]
    public void Buffer_CoordinateOutsideDomain_ThrowsArgument(double lon, double lat)
    {
        var g = GeometryFactories.Wgs84.CreatePoint(new Coordinate(lon, lat));
        Assert.ThrowsAny<ArgumentException>(() => MetricBuffer.Buffer(g, Length.FromKilometers(3.5)));
    }

    [Fact]
    public void Buffer_EdgeSpanningMoreThanTenDegrees_ThrowsNamingTheEdge()
    {
        var g = GeometryFactories.Wgs84.CreateLineString([new Coordinate(40.0, 40.0), new Coordinate(41.0, 40.0), new Coordinate(52.0, 41.0)]);
        var ex = Assert.Throws<ArgumentException>(() => MetricBuffer.Buffer(g, Length.FromKilometers(3.5)));
        Assert.Contains("Edge 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffer_InvalidPolygon_ThrowsArgumentWithReason()
    {
        var f = GeometryFactories.Wgs84;
        var bowtie = f.CreatePolygon([new(45.0, 40.0), new(45.1, 40.1), new(45.1, 40.0), new(45.0, 40.1), new(45.0, 40.0)]);
        var ex = Assert.Throws<ArgumentException>(() => MetricBuffer.Buffer(bowtie, Length.FromKilometers(1)));
        Assert.Contains("invalid", ex.Message, StringComparison.Ordinal);
    }

    private static double DocumentedBound(Length d) => d <= Length.FromKilometers(10) ? DocumentedRelativeErrorUpTo10Km : DocumentedRelativeErrorUpTo100Km;

    private static LineString Line(Coordinate[] chain) => GeometryFactories.Wgs84.CreateLineString([.. chain.Select(c => c.Copy())]);

    private static IEnumerable<LineString> Rings(Geometry polygonal)
    {
        for (var i = 0; i < polygonal.NumGeometries; i++)
        {
            var p = (Polygon)polygonal.GetGeometryN(i);
            yield return p.ExteriorRing;
            foreach (var hole in p.InteriorRings)
            {
                yield return hole;
            }
        }
    }

    private static List<Coordinate> BoundaryVertices(Geometry polygonal) =>
        [.. Rings(polygonal).SelectMany(r => r.Coordinates.Skip(1))]; // each ring's closing vertex once

    private async Task CheckPointBufferAsync(string label, Coordinate center, Length distance)
    {
        var d = distance.Meters;
        var buffer = MetricBuffer.Buffer(GeometryFactories.Wgs84.CreatePoint(center), distance);
        Assert.IsType<Polygon>(buffer);
        Assert.True(buffer.IsValid);
        var vertices = BoundaryVertices(buffer);
        var distances = await GeodSolveOracle.InverseAsync([.. vertices.Select(v => (center, v))]);
        var worst = distances.Max(x => Math.Abs((x.S12 / d) - 1.0));
        var (mean, min, max) = (distances.Average(x => x.S12 / d - 1.0), distances.Min(x => x.S12 / d - 1.0), distances.Max(x => x.S12 / d - 1.0));

        // Every half degree of azimuth, so probes fall both on vertices and between them.
        var azimuths = Enumerable.Range(0, 720).Select(i => (i * 0.5) - 180.0).ToList();
        var inner = await GeodSolveOracle.DirectAsync([.. azimuths.Select(a => (center, a, 0.99 * d))]);
        var outer = await GeodSolveOracle.DirectAsync([.. azimuths.Select(a => (center, a, 1.01 * d))]);
        var prepared = PreparedGeometryFactory.Prepare(buffer);
        var insideMissing = inner.Count(p => !prepared.Contains(buffer.Factory.CreatePoint(p.Position)));
        var outsideCaught = outer.Count(p => prepared.Contains(buffer.Factory.CreatePoint(p.Position)));

        output.WriteLine($"{label}: {vertices.Count} vertices, relative error min {min:E2} mean {mean:E2} max {max:E2}, worst |{worst:E2}|; " +
                         $"0.99 d inside {inner.Length - insideMissing}/{inner.Length}, 1.01 d outside {outer.Length - outsideCaught}/{outer.Length}");
        Assert.True(worst <= RequiredRelativeError, $"{label}: a vertex is {worst:P4} off d");
        Assert.True(worst <= DocumentedBound(distance), $"{label}: a vertex is {worst:P4} off d, beyond the documented bound");
        Assert.Equal(0, insideMissing);
        Assert.Equal(0, outsideCaught);
    }

    private async Task CheckLineBufferAsync(string label, IReadOnlyList<Coordinate[]> chains, Geometry source, Length distance, Geometry? buffer = null)
    {
        var d = distance.Meters;
        buffer ??= MetricBuffer.Buffer(source, distance);
        Assert.True(buffer.IsValid);
        Assert.Equal(4326, buffer.SRID);
        var vertices = BoundaryVertices(buffer);
        var measured = await GeodSolveOracle.DistancesToChainsAsync(vertices, chains);
        var relative = measured.Select(m => (m / d) - 1.0).ToArray();
        var worstIndex = Array.IndexOf(relative, relative.MaxBy(Math.Abs));
        var worst = Math.Abs(relative[worstIndex]);

        var prepared = PreparedGeometryFactory.Prepare(buffer);
        var sourcePrepared = source is Polygon ? PreparedGeometryFactory.Prepare(source) : null;

        // Probe stations on the source: every vertex, and points along each edge (its geodesic midpoint, and
        // every eighth of a long edge), each with the edge's azimuth there.
        var edges = chains.SelectMany(c => c.Zip(c.Skip(1))).Where(e => !e.First.Equals2D(e.Second)).ToList();
        var edgeInverse = await GeodSolveOracle.InverseAsync(edges);
        double[] eighths = [.. Enumerable.Range(1, 7).Select(k => k / 8.0)];
        double[] middle = [0.5];
        var stationProblems = edges.SelectMany((e, i) => (edgeInverse[i].S12 > 20_000.0 ? eighths : middle)
            .Select(share => (e.First, edgeInverse[i].Azi1, edgeInverse[i].S12 * share))).ToList();
        var stations = await GeodSolveOracle.DirectAsync(stationProblems);

        // Inside: 0.99 d from every source vertex in eight directions and either side of every station (the
        // distance of such a point to the source is at most 0.99 d).
        var sourceVertices = chains.SelectMany(c => c).ToList();
        var innerProblems = sourceVertices.SelectMany(v => Enumerable.Range(0, 8).Select(k => (From: v, Azimuth: (k * 45.0) - 180.0, Distance: 0.99 * d)))
            .Concat(stations.SelectMany(m => new[] { (From: m.Position, Azimuth: m.Azi2 - 90.0, Distance: 0.99 * d), (From: m.Position, Azimuth: m.Azi2 + 90.0, Distance: 0.99 * d) }))
            .ToList();
        var inner = await GeodSolveOracle.DirectAsync(innerProblems);
        var insideMissing = inner.Where(p => !prepared.Contains(buffer.Factory.CreatePoint(p.Position))).ToList();

        // Outside: 1.01 d either side of every station, kept when GeodSolve puts it ≥ 1.005 d from the whole
        // source (and, for a polygon, outside it).
        var probes = await GeodSolveOracle.DirectAsync([.. stations.SelectMany(m => new[] { (m.Position, m.Azi2 - 90.0, 1.01 * d), (m.Position, m.Azi2 + 90.0, 1.01 * d) })]);
        var probeDistances = await GeodSolveOracle.DistancesToChainsAsync([.. probes.Select(p => p.Position)], chains);
        var outerCandidates = probes.Select((p, i) => (p.Position, Distance: probeDistances[i]))
            .Where(p => p.Distance >= 1.005 * d && sourcePrepared?.Contains(buffer.Factory.CreatePoint(p.Position)) != true)
            .ToList();
        var outsideCaught = outerCandidates.Where(p => prepared.Contains(buffer.Factory.CreatePoint(p.Position))).ToList();

        output.WriteLine($"{label}: {vertices.Count} boundary vertices, relative error min {relative.Min():E2} mean {relative.Average():E2} max {relative.Max():E2}, " +
                         $"worst |{worst:E2}| at ({vertices[worstIndex].X:0.######}, {vertices[worstIndex].Y:0.######}); " +
                         $"0.99 d inside {inner.Length - insideMissing.Count}/{inner.Length}; ≥ 1.005 d outside {outerCandidates.Count - outsideCaught.Count}/{outerCandidates.Count} of {probes.Length} probes at 1.01 d");
        Assert.True(worst <= RequiredRelativeError, $"{label}: vertex ({vertices[worstIndex].X}, {vertices[worstIndex].Y}) is {relative[worstIndex]:P4} off d");
        Assert.True(worst <= DocumentedBound(distance), $"{label}: vertex ({vertices[worstIndex].X}, {vertices[worstIndex].Y}) is {relative[worstIndex]:P4} off d, beyond the documented bound");
        Assert.True(insideMissing.Count == 0, $"{label}: {insideMissing.Count} points at 0.99 d are outside, e.g. {insideMissing.FirstOrDefault().Position}");
        // A wiggly line leaves few probes clear of its other edges (1 % of 3.5 km is 35 m); demand enough to mean something.
        Assert.True(outerCandidates.Count >= Math.Min(50, probes.Length / 2), $"{label}: only {outerCandidates.Count} of {probes.Length} probes are clear of the source; the outside check would be vacuous");
        Assert.True(outsideCaught.Count == 0, $"{label}: {outsideCaught.Count} points ≥ 1.005 d away are inside, e.g. {outsideCaught.FirstOrDefault().Position}");
    }
}
