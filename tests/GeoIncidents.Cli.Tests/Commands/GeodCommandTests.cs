using System.Globalization;
using GeoIncidents.Cli.Tests.Support;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Testing;

namespace GeoIncidents.Cli.Tests.Commands;

/// <summary>Runs the built <c>geoincidents geod</c> on files and stdin, against GeodSolve when it is installed.</summary>
public sealed class GeodCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("geod-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double[] Numbers(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();

    private static List<string> RandomInverseLines(int seed, int count)
    {
        var random = new Random(seed);
        var lines = new List<string> { "0 0 0 180", "90 0 -90 0", "39.51 46.34 39.51 46.34", "0 0 0 0.00001", "-41.3 174.8 41.3 -5.2" };
        while (lines.Count < count)
        {
            double Lat() => Math.Asin((random.NextDouble() * 2) - 1) * 180 / Math.PI;
            double Lon() => (random.NextDouble() * 360) - 180;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{Lat():0.##########} {Lon():0.##########} {Lat():0.##########} {Lon():0.##########}"));
        }

        return lines;
    }

    [GeographicLibFact]
    public async Task Inverse_File_MatchesGeodSolve()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var lines = RandomInverseLines(Environment.TickCount, 5000);
        var input = Path.Combine(_dir, "in.txt");
        var output = Path.Combine(_dir, "out.txt");
        await File.WriteAllLinesAsync(input, lines);

        var run = await CliProcess.RunAsync(["geod", "inverse", "--input", input, "--output", output]);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardError);
        var ours = await File.ReadAllLinesAsync(output);
        var reference = (await ProcessRunner.RunAsync("GeodSolve", ["-i", "-p", "9"], string.Join('\n', lines) + "\n"))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count, ours.Length);
        Assert.Equal(lines.Count, reference.Length);
        for (var i = 0; i < lines.Count; i++)
        {
            var (o, r) = (Numbers(ours[i]), Numbers(reference[i]));
            Assert.True(Math.Abs(o[2] - r[2]) < 1e-7, $"line {i + 1} '{lines[i]}': s12 {o[2]} vs {r[2]}");
            // Azimuths are compared where they are unique (not coincident, not within 1000 km of antipodal).
            if (r[2] is > 1e-3 and < 19_000_000)
            {
                Assert.True(AngleError(o[0], r[0]) * r[2] < 1e-7, $"line {i + 1} '{lines[i]}': azi1 {o[0]} vs {r[0]}");
                Assert.True(AngleError(o[1], r[1]) * r[2] < 1e-7, $"line {i + 1} '{lines[i]}': azi2 {o[1]} vs {r[1]}");
            }
        }
    }

    [GeographicLibFact]
    public async Task Direct_Stdin_MatchesGeodSolve()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var random = new Random(Environment.TickCount);
        var lines = Enumerable.Range(0, 3000).Select(_ => string.Create(CultureInfo.InvariantCulture,
            $"{(random.NextDouble() * 180) - 90:0.##########} {(random.NextDouble() * 360) - 180:0.##########} {(random.NextDouble() * 360) - 180:0.##########} {random.NextDouble() * 2e7:0.###}")).ToList();
        lines.Add("0 0 90 0.001"); // a tiny longitude: must not come out as 8.98E-09

        var run = await CliProcess.RunAsync(["geod", "direct"], string.Join('\n', lines) + "\n");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain("E", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
        var ours = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var reference = (await ProcessRunner.RunAsync("GeodSolve", ["-p", "9"], string.Join('\n', lines) + "\n"))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count, ours.Length);
        for (var i = 0; i < lines.Count; i++)
        {
            var (o, r) = (Numbers(ours[i]), Numbers(reference[i]));
            var metres = Math.Sqrt(Math.Pow((o[0] - r[0]) * 111_000, 2) + Math.Pow(AngleError(o[1], r[1]) * 180 / Math.PI * 111_000 * Math.Cos(r[0] * Math.PI / 180), 2));
            Assert.True(metres < 1e-7, $"line {i + 1} '{lines[i]}': {ours[i]} vs {reference[i]}");
        }
    }

    [Fact]
    public async Task Output_IsTheLibrarysAnswer_ToTheLastBit()
    {
        var lines = RandomInverseLines(7, 500);
        var run = await CliProcess.RunAsync(["geod", "inverse"], string.Join('\n', lines));
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var ours = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count, ours.Length); // the last line had no newline
        for (var i = 0; i < lines.Count; i++)
        {
            var v = Numbers(lines[i]);
            Geodesic.Wgs84.InverseDegrees(v[0], v[1], v[2], v[3], out var s12, out var azi1, out var azi2);
            Assert.Equal([azi1, azi2, s12], Numbers(ours[i]));
        }
    }

    [Fact]
    public async Task BadLines_GiveNanAndAnError_KeepLinesAligned_AndExit2()
    {
        string[] lines =
        [
            "10 20 30 40",
            "",
            "abc 1 2 3",
            "91 0 0 0",
            "10 20 30",
            "10 20 30 40 50",
            "10N 20E 30S 40W",
            "10E 20 30 40",
            "0 600 0 0",
            "1e-5 0 0 0",
            "10 20 30 40",
        ];
        var input = Path.Combine(_dir, "bad.txt");
        await File.WriteAllLinesAsync(input, lines);
        var run = await CliProcess.RunAsync(["geod", "inverse", "--input", input]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var output = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, output.Length);
        int[] bad = [2, 3, 4, 5, 6, 8, 9, 10];
        for (var i = 1; i <= lines.Length; i++)
        {
            Assert.Equal(bad.Contains(i), output[i - 1] == "nan nan nan");
        }

        var errors = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(bad.Select(n => $"ERROR: line {n}:"), errors.Select(e => e[..(e.IndexOf(':', 7) + 1)]));
        Assert.Contains("outside [-90, 90]", errors[2], StringComparison.Ordinal);
        Assert.Equal(output[0], output[^1]);
        // Hemisphere letters: 10N 20E 30S 40W is 10 20 -30 -40.
        Geodesic.Wgs84.InverseDegrees(10, 20, -30, -40, out var s12, out var azi1, out var azi2);
        Assert.Equal([azi1, azi2, s12], Numbers(output[6]));
    }

    [Fact]
    public async Task GoodInput_Exit0_NothingOnStderr()
    {
        var run = await CliProcess.RunAsync(["geod", "direct"], "39.51 46.34 45 3500\n-33.9 18.4 -120 -1000000\n");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardError);
        Assert.Equal(2, run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task MissingInputFile_IsBadInput()
    {
        var run = await CliProcess.RunAsync(["geod", "inverse", "--input", Path.Combine(_dir, "nope.txt")]);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("does not exist", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.StandardOutput);
    }

    [Fact]
    public async Task MissingSubcommand_IsUsageError()
    {
        var run = await CliProcess.RunAsync(["geod"]);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    private static double AngleError(double a, double b) => Math.Abs(Math.IEEERemainder(a - b, 360)) * Math.PI / 180;
}
