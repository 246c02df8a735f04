using System.Globalization;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Tests.Support;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

public class GeodesicLineTests
{
    private const double ToleranceMeters = 1e-7;
    private static readonly Geodesic G = Geodesic.Wgs84;

    private static double Apart(GeoPosition a, GeoPosition b) =>
        ErrorMetrics.PositionErrorMeters(G.Ellipsoid, a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees);

    [Fact]
    public void Position_EqualsTheDirectSolution()
    {
        var origin = GeoPosition.FromLatLon(39.51, 46.34);
        var line = G.Line(origin, Angle.FromDegrees(123.4));
        foreach (var km in new[] { -5000.0, -1, 0, 0.001, 3.5, 250, 12000, 45000 })
        {
            var expected = G.Direct(origin, Angle.FromDegrees(123.4), Length.FromKilometers(km));
            Assert.Equal(expected, line.Position(Length.FromKilometers(km)));
        }
    }

    [Fact]
    public void LineFromTwoPoints_HasTheInverseLength_AndReachesTheSecondPoint()
    {
        var a = GeoPosition.FromLatLon(39.2, 46.4);
        var b = GeoPosition.FromLatLon(40.1, 44.5);
        var line = G.Line(a, b);
        Assert.Equal(G.Inverse(a, b).Distance, line.Length);
        Assert.True(Apart(line.Position(line.Length!.Value).Destination, b) < ToleranceMeters);
    }

    [Fact]
    public void Densify_KeepsEndsAndStepLength_AndStaysOnTheGeodesic()
    {
        var a = GeoPosition.FromLatLon(38.9, 46.1);
        var b = GeoPosition.FromLatLon(41.7, 44.8);
        var inverse = G.Inverse(a, b);
        var max = Length.FromKilometers(7);
        var points = G.Densify(a, b, max);

        var segments = (int)Math.Ceiling(inverse.Distance.Meters / max.Meters);
        Assert.Equal(segments + 1, points.Count);
        Assert.Equal(a, points[0]);
        Assert.True(Apart(points[^1], b) < ToleranceMeters);
        for (var i = 1; i < points.Count; i++)
        {
            var step = G.Inverse(points[i - 1], points[i]).Distance.Meters;
            Assert.Equal(inverse.Distance.Meters / segments, step, 1e-6);
            // Every point lies on the line from a: same initial azimuth, distance i s / n.
            var fromA = G.Inverse(a, points[i]);
            Assert.Equal(inverse.InitialAzimuth.Degrees, fromA.InitialAzimuth.Degrees, 1e-9);
            Assert.Equal(inverse.Distance.Meters * i / segments, fromA.Distance.Meters, 1e-6);
        }
    }

    [Fact]
    public void DensifyToLineString_AcrossTheAntimeridian_IsContinuousInEpsg4326()
    {
        var line = G.DensifyToLineString(GeoPosition.FromLatLon(10, 179), GeoPosition.FromLatLon(-5, -170), Length.FromKilometers(50));
        Assert.Equal(GeometryFactories.Wgs84Srid, line.SRID);
        Assert.Equal(179, line.Coordinates[0].X);       // X is longitude
        Assert.Equal(10, line.Coordinates[0].Y);        // Y is latitude
        Assert.Equal(190, line.Coordinates[^1].X, 1e-9); // continues past 180 rather than jumping to -170
        for (var i = 1; i < line.NumPoints; i++)
        {
            Assert.True(Math.Abs(line.Coordinates[i].X - line.Coordinates[i - 1].X) < 1);
        }
    }

    [Fact]
    public void Displace_IsTheDirectDestination()
    {
        var p = GeoPosition.FromLatLon(39.51, 46.34);
        Assert.Equal(G.Direct(p, Angle.FromDegrees(200), Length.FromKilometers(3.5)).Destination,
            G.Displace(p, Angle.FromDegrees(200), Length.FromKilometers(3.5)));
    }

    [Fact]
    public void Densify_BadSegmentLength_Throws()
    {
        var a = GeoPosition.FromLatLon(0, 0);
        var b = GeoPosition.FromLatLon(10, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => G.Densify(a, b, Length.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => G.Densify(a, b, Length.FromMeters(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => G.Densify(a, b, Length.FromMeters(0.1))); // > 1e6 points
        Assert.Throws<InvalidOperationException>(() => G.Line(a, Angle.FromDegrees(10)).Densify(Length.FromKilometers(1)));
        // More than one circuit eastward: continuous longitudes would pass 540.
        Assert.Throws<ArgumentOutOfRangeException>(() => G.Line(a, Angle.FromDegrees(90)).Densify(Length.FromKilometers(80_000), Length.FromKilometers(1000)));
    }

    /// <summary>Positions and unrolled longitudes along long lines (several circuits) against GeodSolve -L -u.</summary>
    [GeographicLibFact]
    public async Task PositionUnrolled_LongLines_MatchGeodSolveLineModeUnrolled()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        foreach (var (lat, lon, azi) in new[] { (10.0, 179.0, 80.0), (-33.3, 20.1, -135.0), (89.9, 0.0, 10.0), (0.0, -60.0, 90.0), (45, 45, 0) })
        {
            var origin = GeoPosition.FromLatLon(lat, lon);
            var line = G.Line(origin, Angle.FromDegrees(azi));
            var distances = Enumerable.Range(0, 101).Select(i => -10_000_000 + (1_000_000.0 * i)).ToArray(); // -10000 .. 90000 km
            var input = string.Join('\n', distances.Select(d => d.ToString("0.######", CultureInfo.InvariantCulture)));
            var run = await ProcessRunner.RunAsync("GeodSolve", ["-L", Fixed(lat), Fixed(lon), Fixed(azi), "-u", "-p", "9"], input + "\n");
            Assert.Equal(0, run.ExitCode);
            var rows = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(distances.Length, rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                var f = rows[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                line.PositionUnrolledDegrees(distances[i], out var lat2, out var lon2, out var azi2);
                // Same unrolled longitude (not just modulo 360), the same place and the same azimuth.
                Assert.True(Math.Abs(f[1] - lon2) < 1e-9, $"line {lat},{lon},{azi} at {distances[i]} m: lon {lon2} vs {f[1]}");
                Assert.True(ErrorMetrics.PositionErrorMeters(G.Ellipsoid, lat2, lon2, f[0], f[1]) < 1e-7);
                Assert.True(ErrorMetrics.AngleDifferenceDegrees(azi2, f[2]) < 1e-11);
            }

            // Densify uses the same unrolled longitudes within one circuit.
            var points = line.Densify(Length.FromKilometers(30_000), Length.FromKilometers(1000));
            for (var i = 0; i < points.Count; i++)
            {
                line.PositionUnrolledDegrees(30_000_000.0 * i / (points.Count - 1), out _, out var lon2, out _);
                Assert.Equal(lon2, points[i].LongitudeDegrees, 1e-9);
            }
        }
    }

    private static string Fixed(double v) => v.ToString("0.##########", CultureInfo.InvariantCulture);
}
