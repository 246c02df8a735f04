using System.Diagnostics;
using System.Text.Json;
using GeoIncidents.Cli.Tests.Support;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Seed;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;

namespace GeoIncidents.Cli.Tests.Commands;

/// <summary>
/// Runs the built <c>geoincidents measure</c> from the filesystem root: human-readable reports, exactly one JSON
/// document under <c>--json</c> with the same numbers as the analyses, exit 2 with one line on stderr for bad input.
/// </summary>
public class MeasureCommandTests
{
    private static readonly Lazy<AnalysisData> Data = new(() => AnalysisData.FromSeed(SeedData.Load()));

    [Fact]
    public async Task Locate_Text_GivesEveryFigureWithUnitUncertaintyAndVerdict()
    {
        var run = await RunFromRootAsync("measure", "locate", "--at", "39.58752,46.22931");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardError);
        Assert.Contains("Syunik (AM-SU)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ne-10m    442.9 m on the AM side (signed +442.9 m; ± 2.900 km p95 of ne-10m) -> indeterminate (relative to AM)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("osm-2020  1.550 km on the AM side (signed +1.550 km; ± 500.0 m p95 of osm-2020, assumed) -> inside (relative to AM)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Overall: indeterminate (relative to AM)", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("39.58752,46.22931")]
    [InlineData("39.58752N,46.22931E")]
    [InlineData("46.22931E 39.58752N")]
    public async Task Locate_Json_IsOneDocumentWithTheAnalysisNumbers(string at)
    {
        var run = await RunFromRootAsync("measure", "locate", "--at", at, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.StandardOutput); // throws on a second document or trailing text
        var expected = LocateAnalysis.Locate(Data.Value, GeoPosition.FromLatLon(39.58752, 46.22931));
        var lines = doc.RootElement.GetProperty("properties").GetProperty("lines");
        for (var i = 0; i < expected.Lines.Count; i++)
        {
            Assert.Equal(Math.Round(expected.Lines[i].SignedDistance.Meters, 3), lines[i].GetProperty("signed_distance_m").GetDouble());
            Assert.Equal(expected.Lines[i].Side, lines[i].GetProperty("side").GetString());
            Assert.Equal(expected.Lines[i].Receipt.Uncertainty!.Value.Meters, lines[i].GetProperty("receipt").GetProperty("uncertainty_m").GetDouble());
        }
    }

    [Fact]
    public async Task Locate_ReferenceLineAndPrecision_AreApplied()
    {
        var run = await RunFromRootAsync("measure", "locate", "--at", "39.58752,46.22931", "--reference-line", "osm-2020", "--precision", "1.5km", "--json");

        using var doc = JsonDocument.Parse(run.StandardOutput);
        var line = Assert.Single(doc.RootElement.GetProperty("properties").GetProperty("lines").EnumerateArray());
        Assert.Equal("osm-2020", line.GetProperty("reference_line").GetString());
        Assert.Equal(2000, line.GetProperty("receipt").GetProperty("uncertainty_m").GetDouble());
        Assert.Equal("indeterminate", line.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Displace_Json_GivesDestinationPathAndLocation()
    {
        var run = await RunFromRootAsync("measure", "displace", "--from", "39.58752,46.22931", "--azimuth", "0", "--distance", "3.5km", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.StandardOutput);
        var p = doc.RootElement.GetProperty("properties");
        var expected = DisplaceAnalysis.Displace(Data.Value, GeoPosition.FromLatLon(39.58752, 46.22931), Angle.FromDegrees(0), Length.FromKilometers(3.5));
        Assert.Equal(3500, p.GetProperty("distance_m").GetDouble());
        Assert.Equal(0, p.GetProperty("azimuth_deg").GetDouble());
        Assert.Equal(expected.Destination.LatitudeDegrees, p.GetProperty("destination")[1].GetDouble());
        Assert.Equal("AZ", p.GetProperty("other_countries")[0].GetProperty("country").GetString());
        Assert.Equal("LineString", doc.RootElement.GetProperty("geometry").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Displace_Text_ShowsDestinationWithItsUncertainty()
    {
        var run = await RunFromRootAsync("measure", "displace", "--from", "39.58752,46.22931", "--azimuth", "90", "--distance", "3500", "--origin-radius", "1.5km");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("± 1.500 km (the origin's radius", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Band_Json_IsOneFeaturePerLineWithAreaKm2()
    {
        var run = await RunFromRootAsync("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.StandardOutput);
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["ne-10m", "osm-2020"], features.Select(f => f.GetProperty("properties").GetProperty("reference_line").GetString()));
        var expected = BandAnalysis.Band(Data.Value, "AM-SU", Length.FromKilometers(3.5), "osm-2020");
        Assert.Equal(Math.Round(expected.Area.SquareKilometers, 6), features[1].GetProperty("properties").GetProperty("area_km2").GetDouble());
    }

    [Fact]
    public async Task Band_Text_ShowsAreaWithTheIntervalAtDepthPlusMinusP95()
    {
        var run = await RunFromRootAsync("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--reference-line", "osm-2020");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Band of Syunik (AM-SU) within 3.500 km of osm-2020", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("with the line 500.0 m nearer or farther (its p95, assumed)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Black Lake (Sev Lich) (sev-lich)", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claims_Json_ComparesTheCase4Claims()
    {
        var run = await RunFromRootAsync("measure", "claims", "--incident", "inc-2021-05-27-gegharkunik-kalbajar", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.StandardOutput);
        var kinds = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("kind").GetString()).ToList();
        Assert.Equal(["comparison", "claim", "claim", "claim", "pair"], kinds);
        var pair = doc.RootElement.GetProperty("features")[4].GetProperty("properties");
        var line = pair.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("reference_line").GetString() == "osm-2020");
        Assert.True(line.GetProperty("opposite_sides").GetBoolean());
    }

    [Fact]
    public async Task Claims_Text_SaysWhichSideAndWhetherBeyondTheUncertainty()
    {
        var run = await RunFromRootAsync("measure", "claims", "--incident", "inc-2021-05-27-gegharkunik-kalbajar");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("osm-2020: mostly AM vs mostly AZ: opposite sides, but not beyond the uncertainty", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("not located:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Band_FromAStore_GivesTheSameNumbersAsTheShippedData()
    {
        var dir = Directory.CreateTempSubdirectory("measure-db-").FullName;
        try
        {
            var db = Path.Combine(dir, "store.gpkg"); // created and seeded from the shipped data on first use
            var fromStore = await RunFromRootAsync("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--json", "--db", db);
            var shipped = await RunFromRootAsync("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--json");

            Assert.Equal(ExitCodes.Ok, fromStore.ExitCode);
            Assert.True(File.Exists(db));
            Assert.Equal(shipped.StandardOutput, fromStore.StandardOutput);
            var claims = await RunFromRootAsync("measure", "claims", "--incident", "inc-2021-05-27-gegharkunik-kalbajar", "--json", "--db", db);
            Assert.Equal(ExitCodes.Ok, claims.ExitCode);
            using var doc = JsonDocument.Parse(claims.StandardOutput);
            Assert.Equal(5, doc.RootElement.GetProperty("features").GetArrayLength());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--db", "")]
    [InlineData("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--db", "Host=;Database=")]
    [InlineData("measure", "displace", "--from", "39.5,46.2", "--azimuth", "0", "--distance", "-3.5km")]
    [InlineData("measure", "displace", "--from", "39.5,46.2", "--azimuth", "north", "--distance", "3.5km")]
    [InlineData("measure", "displace", "--from", "39.5,46.2", "--azimuth", "0", "--distance", "3.5 miles")]
    [InlineData("measure", "band", "--region", "AM-SU", "--depth", "-1km")]
    [InlineData("measure", "band", "--region", "AM-SU", "--depth", "0")]
    [InlineData("measure", "band", "--region", "XX-NONE", "--depth", "3.5km")]
    [InlineData("measure", "band", "--region", "AM-SU", "--depth", "3.5km", "--reference-line", "no-such-line")]
    [InlineData("measure", "locate", "--at", "91,46")]
    [InlineData("measure", "locate", "--at", "39.5")]
    [InlineData("measure", "locate", "--at", "39.5,46.2", "--precision", "-5m")]
    [InlineData("measure", "locate")]
    [InlineData("measure", "claims", "--incident", "inc-none")]
    public async Task BadInput_IsOneLineOnStderrAndExitCode2(params string[] args)
    {
        var run = await RunFromRootAsync(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardOutput);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("geoincidents: ", lines[0], StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI with the filesystem root as the working directory (the shipped data must travel with it).</summary>
    private static async Task<ProcessRunner.Result> RunFromRootAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliProcess.AssemblyPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return new ProcessRunner.Result(p.ExitCode, await stdout, await stderr);
    }
}
