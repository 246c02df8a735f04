using System.Text.Json;
using GeoIncidents.Cli.Tests.Support;
using GeoIncidents.Testing;

namespace GeoIncidents.Cli.Tests.Commands;

/// <summary><c>geoincidents import</c> and <c>export</c> run as the built program, from <c>/</c>.</summary>
public class ImportExportCommandTests
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "TestData", "acled-sample.csv");

    private static string BadRows => Path.Combine(AppContext.BaseDirectory, "TestData", "acled-bad-rows.csv");

    [Fact]
    public async Task Import_AcledSample_ExitsZeroAndSummarisesOnStdout()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");

        var run = await CliProcess.RunAsync(["import", Sample, "--db", db]);
        var again = await CliProcess.RunAsync(["import", Sample, "--db", db]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.StandardError);
        Assert.StartsWith($"imported {Sample} into {db}: 7 records, 7 created, 0 updated, 0 unchanged, 1 with warnings; revision 2 (sha256 ", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.StandardError);
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains("0 created, 0 updated, 7 unchanged, 1 with warnings; nothing changed, no revision", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadRows_ExitsThreeNamesEveryBadLineAndWritesNothing()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        await CliProcess.RunAsync(["db", "init", "--db", db]);
        var before = await CliProcess.RunAsync(["db", "info", "--db", db, "--json"]);

        var run = await CliProcess.RunAsync(["import", BadRows, "--db", db]);

        Assert.Equal(ExitCodes.ImportRejected, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardOutput);
        var lines = run.StandardError.TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "line 4: latitude: 'forty' is not a number (decimal degrees with a '.')",
                "line 5: event_date: the event date is required",
                "line 6: latitude: 95 is out of range (-90 to 90 degrees)",
                "geoincidents: import rejected: 3 bad of 5 records (3 errors); nothing was written",
            ],
            lines);
        var after = await CliProcess.RunAsync(["db", "info", "--db", db, "--json"]);
        Assert.Equal(before.StandardOutput, after.StandardOutput);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--layer", "rivers")]
    [InlineData("--layer", "regions")]
    [InlineData("--source", "x")]
    public async Task Import_BadUsage_ExitsTwoWithOneLine(string option, string value)
    {
        using var folder = new TempFolder();

        var run = await CliProcess.RunAsync(["import", Sample, option, value, "--db", folder.File("store.gpkg")]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.StandardError.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Export_GeoJsonToStdout_IsOneFeatureCollectionWithAttribution()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        await CliProcess.RunAsync(["import", Sample, "--db", db]);

        var run = await CliProcess.RunAsync(["export", "--db", db, "--bbox", "45.5,39.5,46.0,40.5"]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.StandardError);
        using var doc = JsonDocument.Parse(run.StandardOutput);
        Assert.Contains("ODbL-1.0", doc.RootElement.GetProperty("license").GetString(), StringComparison.Ordinal);
        Assert.Equal(["ARM9002", "ARM9001"], doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Reverse());
        Assert.StartsWith("geoincidents: exported 2 incidents from ", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CsvToFile_WritesTheReadmeBesideIt()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        var csv = folder.File("out.csv");
        await CliProcess.RunAsync(["import", Sample, "--db", db]);

        var run = await CliProcess.RunAsync(["export", "--db", db, "--out", csv, "--datetime", "2021-05-01/2021-05-31"]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.StandardError);
        Assert.Equal(string.Empty, run.StandardOutput);
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.Equal([0xEF, 0xBB, 0xBF], (await File.ReadAllBytesAsync(csv))[..3]);
        Assert.StartsWith("event_id_cnty,event_date,year,", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("ARM9001,2021-05-12,2021,1,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("ARM9002,2021-05-12,2021,1,", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith("AZE9001,", StringComparison.Ordinal));
        var exported = int.Parse(run.StandardError.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        var readme = await File.ReadAllTextAsync(csv + ".txt");
        Assert.Contains($"out.csv: {exported} incidents exported by GeoIncidents", readme, StringComparison.Ordinal);
        Assert.Contains("© OpenStreetMap contributors", readme, StringComparison.Ordinal);
        Assert.Contains("formula-injection guard", readme, StringComparison.Ordinal);
    }

    [GdalPythonFact]
    public async Task Export_GeoPackageToFile_IsAValidGeoPackageGdalReads()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        var gpkg = folder.File("out.gpkg");
        await CliProcess.RunAsync(["import", Sample, "--db", db]);

        var run = await CliProcess.RunAsync(["export", "--db", db, "--out", gpkg, "--region", "AM-SU"]);
        var validate = await ProcessRunner.RunAsync(ExternalServices.DebianPython, [ExternalServices.ValidateGpkgScript, gpkg]);
        var info = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-q", gpkg]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.StandardError);
        Assert.True(validate.ExitCode == 0, validate.StandardOutput + validate.StandardError);
        Assert.Contains("id (String) = ARM9003", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("id (String) = ARM9005", info.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("id (String) = ARM9001", info.StandardOutput, StringComparison.Ordinal);
    }
}
