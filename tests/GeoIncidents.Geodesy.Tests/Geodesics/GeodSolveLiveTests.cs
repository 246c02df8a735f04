using System.Globalization;
using System.Text;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Tests.Support;
using GeoIncidents.Testing;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

/// <summary>
/// Fresh random problems at every run, solved by the installed GeodSolve and by us, compared with the tolerances of
/// the committed reference sets. The seed is printed so that a failure can be replayed.
/// </summary>
public class GeodSolveLiveTests(ITestOutputHelper output)
{
    private const int Cases = 3000;

    [GeographicLibFact]
    public async Task Inverse_FreshRandomCases_AgreeWithGeodSolve()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var inputs = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var (lat1, lon1) = RandomPosition(random);
            var (lat2, lon2) = i % 3 == 0
                ? (lat1 + ((random.NextDouble() - 0.5) * 0.8), lon1 + ((random.NextDouble() - 0.5) * 0.8)) // short
                : RandomPosition(random);
            lat2 = Math.Clamp(lat2, -90, 90);
            inputs.Add($"{Fixed(lat1)} {Fixed(lon1)} {Fixed(lat2)} {Fixed(lon2)}");
        }

        var rows = await SolveAsync(["-i", "-p", "9", "-f"], inputs, [2, 5, 6, 7, 8, 9, 10, 11]);
        var table = GeodesicReferenceTests.InverseErrors(Geodesic.Wgs84, rows);
        output.WriteLine(table.ToString());
        Assert.Empty(table.Exceeding("s12 m", GeodesicReferenceTests.ToleranceMeters));
        Assert.Empty(table.Exceeding("azi s12 m", GeodesicReferenceTests.ToleranceMeters));
        Assert.Empty(table.Exceeding("azi |m12| m", GeodesicReferenceTests.ToleranceMeters));
        Assert.Empty(table.Exceeding("S12 m2", GeodesicReferenceTests.AreaToleranceSquareMeters));
    }

    [GeographicLibFact]
    public async Task Direct_FreshRandomCases_AgreeWithGeodSolve()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var inputs = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var (lat1, lon1) = RandomPosition(random);
            var azi1 = (random.NextDouble() * 360) - 180;
            var s12 = i % 3 == 0 ? random.NextDouble() * 50_000 : ((random.NextDouble() * 2) - 1) * 20_000_000;
            inputs.Add($"{Fixed(lat1)} {Fixed(lon1)} {Fixed(azi1)} {s12.ToString("0.######", CultureInfo.InvariantCulture)}");
        }

        var rows = await SolveAsync(["-p", "9", "-f"], inputs, [3, 4, 5, 7, 8, 9, 10, 11]);
        var table = GeodesicReferenceTests.DirectErrors(Geodesic.Wgs84, rows);
        output.WriteLine(table.ToString());
        Assert.Empty(table.Exceeding("position m", GeodesicReferenceTests.ToleranceMeters));
        Assert.Empty(table.Exceeding("azi s12 m", GeodesicReferenceTests.ToleranceMeters));
    }

    private static (double Lat, double Lon) RandomPosition(Random random) =>
        (Math.Asin((random.NextDouble() * 2) - 1) * 180 / Math.PI, (random.NextDouble() * 360) - 180);

    /// <summary>Fixed notation, 10 decimals: GeodSolve reads a trailing E as East, so never exponent notation.</summary>
    private static string Fixed(double degrees) => degrees.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>Runs GeodSolve and returns rows in the reference format: "live", the inputs, then the kept fields.</summary>
    private static async Task<IReadOnlyList<ReferenceData.Row>> SolveAsync(string[] arguments, List<string> inputs, int[] keep)
    {
        var run = await ProcessRunner.RunAsync("GeodSolve", arguments, string.Join('\n', inputs) + "\n");
        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inputs.Count, lines.Length);
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            text.Append("live ").Append(inputs[i]);
            foreach (var k in keep)
            {
                text.Append(' ').Append(fields[k]);
            }

            text.Append('\n');
        }

        return ReferenceData.Parse(new StringReader(text.ToString()));
    }
}
