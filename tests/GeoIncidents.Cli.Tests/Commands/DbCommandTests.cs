using System.Text.Json;
using GeoIncidents.Cli.Tests.Support;
using GeoIncidents.Testing;
using Npgsql;

namespace GeoIncidents.Cli.Tests.Commands;

public class DbCommandTests
{
    [Fact]
    public async Task DbInit_Twice_CreatesAndSeedsOnceThenWritesNothing()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");

        var first = await CliProcess.RunAsync(["db", "init", "--db", db]);
        var second = await CliProcess.RunAsync(["db", "init", "--db", db]);

        Assert.Equal((ExitCodes.Ok, string.Empty), (first.ExitCode, first.StandardError));
        Assert.Equal($"geopackage {db}: created, seeded 144 records (revision 1)\n", first.StandardOutput);
        Assert.Equal((ExitCodes.Ok, $"geopackage {db}: already initialised, nothing written\n"), (second.ExitCode, second.StandardOutput));
    }

    [Fact]
    public async Task DbInfo_SeededStore_PrintsBackendVersionCountsAndLastRevision()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        await CliProcess.RunAsync(["db", "init", "--db", db]);

        var text = await CliProcess.RunAsync(["db", "info", "--db", db]);
        var json = await CliProcess.RunAsync(["db", "info", "--db", db, "--json"]);

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("backend: geopackage\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("schema version: 1\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("regions: 95 (0 retracted)\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("incidents: 5 (0 retracted)\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("last revision: #1 ", text.StandardOutput, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal("geopackage", doc.RootElement.GetProperty("backend").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(6, doc.RootElement.GetProperty("counts").GetProperty("claims").GetProperty("active").GetInt32());
        Assert.Equal("batch", doc.RootElement.GetProperty("lastRevision").GetProperty("action").GetString());
    }

    [Fact]
    public async Task DbInfo_MissingStore_FailsWithOneLineAndCreatesNothing()
    {
        using var folder = new TempFolder();
        var db = folder.File("missing.gpkg");

        var run = await CliProcess.RunAsync(["db", "info", "--db", db]);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardOutput);
        Assert.Single(run.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Contains("db init", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Db_MalformedPostgresUri_IsBadInput()
    {
        var run = await CliProcess.RunAsync(["db", "info", "--db", "postgresql://nobody@"]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("geoincidents: not a PostgreSQL URI (postgresql://user:password@host:port/database)\n", run.StandardError);
    }

    [Fact]
    public async Task DbMigrate_CurrentStore_ReportsTheVersion()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");

        var run = await CliProcess.RunAsync(["db", "migrate", "--db", db]);

        Assert.Equal((ExitCodes.Ok, $"geopackage {db}: schema version 0 -> 1\n"), (run.ExitCode, run.StandardOutput));
    }

    [Fact]
    public async Task History_SeededRecord_ListsTheSeedBatchAndJsonIsOneDocument()
    {
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        await CliProcess.RunAsync(["db", "init", "--db", db]);

        var text = await CliProcess.RunAsync(["history", "AM-SU", "--db", db]);
        var json = await CliProcess.RunAsync(["history", "AM-SU", "--db", db, "--json"]);
        var unknown = await CliProcess.RunAsync(["history", "no-such-id", "--db", db]);

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        var line = Assert.Single(text.StandardOutput.TrimEnd('\n').Split('\n'));
        Assert.Matches(@"^#1  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  rev 1  batch  cli:\S+  regions/AM-SU  from seed: ", line);
        using var doc = JsonDocument.Parse(json.StandardOutput);
        var entry = Assert.Single(doc.RootElement.GetProperty("revisions").EnumerateArray());
        Assert.Equal("regions", entry.GetProperty("collection").GetString());
        Assert.Equal(64, entry.GetProperty("batch").GetProperty("sha256").GetString()!.Length);
        Assert.Equal((ExitCodes.Failure, string.Empty), (unknown.ExitCode, unknown.StandardOutput));
        Assert.StartsWith("geoincidents: no record 'no-such-id'", unknown.StandardError, StringComparison.Ordinal);
    }

    [PostGisFact]
    public async Task DbInitAndInfo_PostGis_CreateSeedAndDescribeTheDatabase()
    {
        ExternalServices.PostGis.EnsureAvailable();
        var admin = Environment.GetEnvironmentVariable(ExternalServices.PostGisVariable)!;
        var name = "gi_cli_" + Guid.NewGuid().ToString("N")[..12];
        var db = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            var init = await CliProcess.RunAsync(["db", "init", "--db", db]);
            var info = await CliProcess.RunAsync(["db", "info", "--db", db, "--json"]);

            Assert.True(init.ExitCode == ExitCodes.Ok, init.StandardError);
            Assert.EndsWith($"/{name}: created, seeded 144 records (revision 1)\n", init.StandardOutput, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(info.StandardOutput);
            Assert.Equal("postgis", doc.RootElement.GetProperty("backend").GetString());
            Assert.Equal(95, doc.RootElement.GetProperty("counts").GetProperty("regions").GetProperty("active").GetInt32());
            Assert.DoesNotContain("Password", info.StandardOutput, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await using var source = NpgsqlDataSource.Create(admin);
            await using var drop = source.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
