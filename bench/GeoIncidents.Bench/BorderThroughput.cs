using System.Diagnostics;
using System.Globalization;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Bench;

/// <summary>
/// <c>border LINE_ID FILE [threads] [repeats]</c>: reads "lat lon" lines, and times the signed geodesic distance of every
/// point to the reference line (best of the repeats), printing points/s and the sum of distances (a checksum that
/// ../compare-border.sh compares with PostGIS's). An untimed warm-up pass over the first 100,000 points comes first.
/// </summary>
internal static class BorderThroughput
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: GeoIncidents.Bench border ne-10m|osm-2020 FILE [threads] [repeats]");
            return 2;
        }

        var line = GeodesicPolyline.FromGeometry(BorderData.ReferenceLine(args[1]));
        var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var repeats = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        var points = File.ReadLines(args[2])
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => GeoPosition.FromLatLon(double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture)))
            .ToArray();

        foreach (var p in points.AsSpan(0, Math.Min(points.Length, 100_000)))
        {
            line.DistanceTo(p); // warm-up: tiered compilation reaches its optimised code
        }

        var best = double.MaxValue;
        var sum = 0.0;
        for (var r = 0; r < repeats; r++)
        {
            var partial = new double[threads];
            var watch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var s = 0.0;
                for (var i = t; i < points.Length; i += threads)
                {
                    s += line.DistanceTo(points[i]).Meters;
                }

                partial[t] = s;
            });
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            sum = partial.Sum();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"geoincidents {args[1]} threads={threads} points={points.Length} seconds={best:F3} per_second={points.Length / best:F0} sum_m={sum:F3}"));
        return 0;
    }
}
