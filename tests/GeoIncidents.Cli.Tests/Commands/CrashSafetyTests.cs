using System.Diagnostics;
using System.Globalization;
using GeoIncidents.Cli.Tests.Support;
using GeoIncidents.Testing;
using Microsoft.Data.Sqlite;

namespace GeoIncidents.Cli.Tests.Commands;

/// <summary>
/// An import killed with SIGKILL in the middle of writing leaves the GeoPackage intact (integrity_check ok,
/// validate_gpkg.py passes) holding none of the file's rows, with the revision log unchanged; importing the file again
/// then writes all of them as one batch revision.
/// </summary>
public class CrashSafetyTests
{
    private const int Rows = 300_000;

    /// <summary>
    /// The import has spilled this much of its one transaction to disk: it is writing. A batch from a large file writes
    /// through a rollback journal (the file grows while its <c>-journal</c> exists); otherwise into the write-ahead log.
    /// </summary>
    private const long SpilledBytesWhenWriting = 16L << 20;

    [GdalPythonFact]
    public async Task Import_KilledWithSigkillWhileWriting_LeavesAValidStoreWithAllOrNoneOfTheRows()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        using var folder = new TempFolder();
        var db = folder.File("store.gpkg");
        var csv = folder.File("large.csv");
        Assert.Equal(ExitCodes.Ok, (await CliProcess.RunAsync(["db", "init", "--db", db])).ExitCode);
        await WriteRowsAsync(csv, Rows);
        var (rowsBefore, revisionBefore) = Read(db);

        using var import = CliProcess.Start("import", csv, "--db", db);
        var killed = await KillWhenWritingAsync(import, db, new FileInfo(db).Length);

        Assert.True(killed, "the import ended before it was seen writing; nothing was tested");
        Assert.Equal(137, import.ExitCode);
        var (rows, revision) = Read(db);
        Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));
        Assert.Equal(0L, rows - rowsBefore);
        Assert.Equal(revisionBefore, revision);
        await AssertValidGeoPackageAsync(db);

        // The store takes the same file again, completely, as one batch revision.
        var again = await CliProcess.RunAsync(["import", csv, "--db", db]);
        Assert.True(again.ExitCode == ExitCodes.Ok, again.StandardError);
        var (rowsAfter, revisionAfter) = Read(db);
        Assert.Equal(Rows, rowsAfter - rowsBefore);
        Assert.Equal(revisionBefore + 1, revisionAfter);
        Assert.Equal(csv, Scalar(db, "SELECT batch_source FROM revisions ORDER BY fid DESC LIMIT 1"));
        Assert.Equal("wal", Scalar(db, "PRAGMA journal_mode"));
        Assert.False(File.Exists(db + "-journal"));
        await AssertValidGeoPackageAsync(db);
    }

    private static async Task<bool> KillWhenWritingAsync(Process process, string db, long bytesBefore)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            var inWal = File.Exists(db + "-wal") && new FileInfo(db + "-wal").Length >= SpilledBytesWhenWriting;
            var inFile = File.Exists(db + "-journal") && new FileInfo(db).Length - bytesBefore >= SpilledBytesWhenWriting;
            if (inWal || inFile)
            {
                process.Kill(); // SIGKILL on Linux: no handler runs, no rollback is attempted
                await process.WaitForExitAsync();
                return true;
            }

            await Task.Delay(20);
        }

        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        return false;
    }

    private static async Task AssertValidGeoPackageAsync(string db)
    {
        SqliteConnection.ClearAllPools();
        var validate = await ProcessRunner.RunAsync(ExternalServices.DebianPython, [ExternalServices.ValidateGpkgScript, db]);
        Assert.True(validate.ExitCode == 0, validate.StandardOutput + validate.StandardError);
    }

    private static (long Incidents, long LastRevision) Read(string db) =>
        (Convert.ToInt64(Scalar(db, "SELECT count(*) FROM incidents"), CultureInfo.InvariantCulture),
         Convert.ToInt64(Scalar(db, "SELECT coalesce(max(fid), 0) FROM revisions"), CultureInfo.InvariantCulture));

    private static object? Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Writes <paramref name="rows"/> ACLED-style rows (deterministic, synthetic) in Syunik.</summary>
    private static async Task WriteRowsAsync(string path, int rows)
    {
        var random = new Random(20201110);
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp");
        for (var i = 0; i < rows; i++)
        {
            var day = new DateOnly(2021, 1, 1).AddDays(random.Next(0, 1200));
            var lat = (39.2 + (random.NextDouble() * 0.5)).ToString("F4", CultureInfo.InvariantCulture);
            var lon = (46.2 + (random.NextDouble() * 0.3)).ToString("F4", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"CRA{i + 1},{day:yyyy-MM-dd},{day.Year},1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),,1,Military Forces of Azerbaijan (2003-),,1,11,,51,Caucasus and Central Asia,Armenia,Syunik,,,Place {i % 97},{lat},{lon},1,Azatutyun,National,\"Row {i}, generated for the crash test.\",0,,{1_600_000_000 + i}"));
        }
    }
}
