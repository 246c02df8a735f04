using System.Globalization;
using System.Text;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Tests.Support;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

/// <summary>
/// Geodesic areas and lengths against GeographicLib's Planimeter: committed answers (ReferenceData/README.md) and,
/// when Planimeter is installed, the same rings and fresh random polygons solved live.
/// </summary>
public class GeodesicMeasureTests(ITestOutputHelper output)
{
    private static readonly Geodesic G = Geodesic.Wgs84;

    /// <summary>The task's target for areas: 1e-9 relative or 0.1 m², whichever is larger.</summary>
    private static double AreaTolerance(double areaSquareMeters) => Math.Max(0.1, 1e-9 * Math.Abs(areaSquareMeters));

    /// <summary>Perimeters: 1 µm per km (1e-9 relative), and never below 1 nm.</summary>
    private static double LengthTolerance(double meters) => Math.Max(1e-9, 1e-9 * meters);

    private static LinearRing RingOf(Geometry geometry, int polygon, int ring)
    {
        var p = geometry is MultiPolygon mp ? (Polygon)mp.GetGeometryN(polygon) : (Polygon)geometry;
        return ring == 0 ? p.Shell : p.Holes[ring - 1];
    }

    [Fact]
    public void Ring_EveryFixtureRing_MatchesPlanimeter()
    {
        Assert.NotEmpty(PolygonFixtures.Answers);
        foreach (var answer in PolygonFixtures.Answers)
        {
            var ring = RingOf(PolygonFixtures.Geometries[answer.Name], answer.Polygon, answer.Ring);
            var (area, perimeter) = GeodesicMeasure.Ring(ring, G);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{answer.Name}/{answer.Polygon}/{answer.Ring}: area {area.SquareMeters:F5} vs {answer.SignedAreaSquareMeters:F5} (Δ {area.SquareMeters - answer.SignedAreaSquareMeters:E2} m²), perimeter Δ {perimeter.Meters - answer.PerimeterMeters:E2} m"));
            Assert.True(Math.Abs(area.SquareMeters - answer.SignedAreaSquareMeters) <= AreaTolerance(answer.SignedAreaSquareMeters),
                $"{answer.Name}: area {area.SquareMeters} vs Planimeter {answer.SignedAreaSquareMeters}");
            Assert.True(Math.Abs(perimeter.Meters - answer.PerimeterMeters) <= LengthTolerance(answer.PerimeterMeters),
                $"{answer.Name}: perimeter {perimeter.Meters} vs Planimeter {answer.PerimeterMeters}");
            // The ring as an open line has the same length (Planimeter -l).
            Assert.True(Math.Abs(GeodesicMeasure.Length(ring).Meters - answer.PolylineLengthMeters) <= LengthTolerance(answer.PolylineLengthMeters));
        }
    }

    [Fact]
    public void Area_Syunik_IsTheShellFromPlanimeter()
    {
        var syunik = (MultiPolygon)PolygonFixtures.Geometries["syunik"];
        var answer = PolygonFixtures.Answers.Single(a => a.Name == "syunik");
        Assert.Equal(Math.Abs(answer.SignedAreaSquareMeters), GeodesicMeasure.Area(syunik).SquareMeters, AreaTolerance(answer.SignedAreaSquareMeters));
        Assert.Equal(answer.PerimeterMeters, GeodesicMeasure.Perimeter(syunik).Meters, LengthTolerance(answer.PerimeterMeters));
        Assert.InRange(GeodesicMeasure.Area(syunik).SquareKilometers, 4000, 5000); // Syunik is about 4500 km²
    }

    [Fact]
    public void Area_PolygonWithHole_IsShellLessHole()
    {
        var polygon = (Polygon)PolygonFixtures.Geometries["square-with-hole"];
        var shell = PolygonFixtures.Answers.Single(a => a.Name == "square-with-hole" && a.Ring == 0);
        var hole = PolygonFixtures.Answers.Single(a => a.Name == "square-with-hole" && a.Ring == 1);
        var expected = Math.Abs(shell.SignedAreaSquareMeters) - Math.Abs(hole.SignedAreaSquareMeters);
        Assert.Equal(expected, GeodesicMeasure.Area(polygon).SquareMeters, AreaTolerance(expected));
        Assert.Equal(expected, GeodesicMeasure.SignedArea(polygon).SquareMeters, AreaTolerance(expected)); // shell is counter-clockwise
        Assert.Equal(shell.PerimeterMeters + hole.PerimeterMeters, GeodesicMeasure.Perimeter(polygon).Meters, LengthTolerance(shell.PerimeterMeters));
    }

    [Fact]
    public void SignedArea_ClockwiseShell_IsNegative_AreaIsNot()
    {
        var triangle = (Polygon)PolygonFixtures.Geometries["clockwise-triangle"];
        Assert.True(GeodesicMeasure.SignedArea(triangle).SquareMeters < 0);
        Assert.Equal(-GeodesicMeasure.SignedArea(triangle).SquareMeters, GeodesicMeasure.Area(triangle).SquareMeters);
        var reversed = (Polygon)triangle.Reverse();
        Assert.Equal(GeodesicMeasure.Area(triangle).SquareMeters, GeodesicMeasure.SignedArea(reversed).SquareMeters, 1e-3);
    }

    [Fact]
    public void Area_AntimeridianBox_IsTheSameWrittenEitherWay()
    {
        var a = GeodesicMeasure.Area((Polygon)PolygonFixtures.Geometries["antimeridian"]).SquareMeters;
        var b = GeodesicMeasure.Area((Polygon)PolygonFixtures.Geometries["antimeridian-540"]).SquareMeters;
        Assert.Equal(a, b, 1e-3);
        Assert.InRange(a / 1e6, 290_000, 300_000); // 5° x 5° near 17.5°S: about 294,000 km²
    }

    [Fact]
    public void Area_RingsAroundPoles_AreThePolarCaps()
    {
        // A cap north of ~80° is about 3.7 million km², far from the complementary 510 million.
        var north = GeodesicMeasure.Area((Polygon)PolygonFixtures.Geometries["north-pole-ring"]);
        var south = GeodesicMeasure.Area((Polygon)PolygonFixtures.Geometries["south-pole-ring"]);
        Assert.InRange(north.SquareKilometers, 3.5e6, 4.0e6);
        Assert.InRange(south.SquareKilometers, 7.5e6, 8.5e6);
    }

    [Fact]
    public void Length_MultiLineString_IsTheSumOfItsParts()
    {
        var f = GeometryFactories.Wgs84;
        var a = f.CreateLineString([new Coordinate(46.0, 39.0), new Coordinate(46.5, 39.5), new Coordinate(47.0, 39.2)]);
        var b = f.CreateLineString([new Coordinate(179.5, 0), new Coordinate(-179.5, 0)]);
        var both = f.CreateMultiLineString([a, b]);
        var expectedB = 6378137.0 * Math.PI / 180;
        Assert.Equal(expectedB, GeodesicMeasure.Length(b).Meters, 1e-8);
        Assert.Equal(GeodesicMeasure.Length(a).Meters + expectedB, GeodesicMeasure.Length(both).Meters, 1e-8);
        Assert.Equal(0, GeodesicMeasure.Length(f.CreateLineString()).Meters);
    }

    [Fact]
    public void Measures_RejectWrongSridAndBadVertices()
    {
        var planar = new GeometryFactory(new PrecisionModel(), 32638).CreateLineString([new Coordinate(615197, 4374231), new Coordinate(615297, 4374231)]);
        var ex = Assert.Throws<ArgumentException>(() => GeodesicMeasure.Length(planar));
        Assert.Contains("4326", ex.Message, StringComparison.Ordinal);
        var latLonSwapped = GeometryFactories.Wgs84.CreatePolygon([new Coordinate(39, 46), new Coordinate(39, 147), new Coordinate(40, 46), new Coordinate(39, 46)]);
        Assert.Throws<ArgumentException>(() => GeodesicMeasure.Area(latLonSwapped)); // Y = 147 is not a latitude
        Assert.Throws<ArgumentNullException>(() => GeodesicMeasure.Area((Polygon)null!));
    }

    /// <summary>The fixture rings and fresh random polygons, solved live by the installed Planimeter.</summary>
    [GeographicLibFact]
    public async Task Ring_FreshRandomPolygons_MatchPlanimeterLive()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var rings = new List<LinearRing>();
        foreach (var answer in PolygonFixtures.Answers)
        {
            rings.Add(RingOf(PolygonFixtures.Geometries[answer.Name], answer.Polygon, answer.Ring));
        }

        for (var i = 0; i < 200; i++)
        {
            // Star-shaped around a random centre (simple polygons), small in the Caucasus or up to continental size.
            var small = i % 2 == 0;
            var (clat, clon) = small ? (38 + (4 * random.NextDouble()), 43 + (7.5 * random.NextDouble())) : ((random.NextDouble() * 140) - 70, (random.NextDouble() * 360) - 180);
            var radius = small ? 0.01 + (0.5 * random.NextDouble()) : 1 + (19 * random.NextDouble());
            var n = 3 + random.Next(30);
            var angles = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 * Math.PI).Order().ToArray();
            if (random.Next(2) == 0)
            {
                Array.Reverse(angles); // clockwise as well
            }

            var coordinates = angles.Select(a =>
            {
                var r = radius * (0.3 + (0.7 * random.NextDouble()));
                return new Coordinate(clon + (r * Math.Cos(a) / Math.Cos(clat * Math.PI / 180)), Math.Clamp(clat + (r * Math.Sin(a)), -89.9, 89.9));
            }).ToList();
            coordinates.Add(coordinates[0].Copy());
            rings.Add(GeometryFactories.Wgs84.CreateLinearRing([.. coordinates]));
        }

        var input = new StringBuilder();
        foreach (var ring in rings)
        {
            foreach (var c in ring.Coordinates)
            {
                input.Append(c.Y.ToString("R", CultureInfo.InvariantCulture)).Append(' ').Append(c.X.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            input.Append('\n');
        }

        var run = await ProcessRunner.RunAsync("Planimeter", ["-p", "10"], input.ToString());
        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rings.Count, lines.Length);
        double worstArea = 0, worstPerimeter = 0;
        for (var i = 0; i < rings.Count; i++)
        {
            var f = lines[i].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var (area, perimeter) = GeodesicMeasure.Ring(rings[i], G);
            Assert.True(Math.Abs(area.SquareMeters - f[2]) <= AreaTolerance(f[2]), $"ring {i}: {area.SquareMeters} vs {f[2]}");
            Assert.True(Math.Abs(perimeter.Meters - f[1]) <= LengthTolerance(f[1]), $"ring {i}: {perimeter.Meters} vs {f[1]}");
            worstArea = Math.Max(worstArea, Math.Abs(area.SquareMeters - f[2]) / Math.Max(1, Math.Abs(f[2])));
            worstPerimeter = Math.Max(worstPerimeter, Math.Abs(perimeter.Meters - f[1]) / f[1]);
        }

        output.WriteLine($"worst relative: area {worstArea:E2}, perimeter {worstPerimeter:E2}");
    }
}
