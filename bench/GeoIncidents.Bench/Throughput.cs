using System.Diagnostics;
using System.Globalization;
using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Bench;

/// <summary>
/// <c>throughput inverse|direct FILE [repeats]</c>: loads a GeodSolve-order file into memory and times the in-process
/// solver over it, best of the repeats, in the same form as bench/karney-c/geod_bench (so the two compare directly).
/// An untimed warm-up pass over the first 100,000 problems comes first.
/// </summary>
internal static class Throughput
{
    public static int Run(string[] args)
    {
        if (args.Length < 3 || (args[1] != "inverse" && args[1] != "direct"))
        {
            Console.Error.WriteLine("usage: GeoIncidents.Bench throughput inverse|direct FILE [repeats]");
            return 2;
        }

        var inverse = args[1] == "inverse";
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        var lines = File.ReadAllLines(args[2]);
        var v = new double[lines.Length * 4];
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var k = 0; k < 4; k++)
            {
                v[(4 * i) + k] = double.Parse(f[k], CultureInfo.InvariantCulture);
            }
        }

        var g = Geodesic.Wgs84;
        // Warm-up (not timed): lets tiered compilation reach its optimised code, as in any long-running process.
        for (var i = 0; i < Math.Min(v.Length, 400_000); i += 4)
        {
            g.InverseDegrees(v[i], v[i + 1], Math.Clamp(v[i + 2], -90, 90), v[i + 3], out _, out _, out _);
            g.DirectDegrees(v[i], v[i + 1], v[i + 2], v[i + 3], out _, out _, out _);
        }

        var best = 0.0;
        var checksum = 0.0;
        for (var r = 0; r < repeats; r++)
        {
            var sum = 0.0;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < v.Length; i += 4)
            {
                double x, y, z;
                if (inverse)
                {
                    g.InverseDegrees(v[i], v[i + 1], v[i + 2], v[i + 3], out x, out y, out z);
                }
                else
                {
                    g.DirectDegrees(v[i], v[i + 1], v[i + 2], v[i + 3], out x, out y, out z);
                }

                sum += x + y + z;
            }

            best = Math.Max(best, lines.Length / watch.Elapsed.TotalSeconds);
            checksum = sum;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[1]} {lines.Length} problems x {repeats}: {best:F0} /s (best of {repeats}), checksum {checksum:F6}"));
        return 0;
    }
}
