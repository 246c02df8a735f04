using GeoIncidents.Storage.GeoPackage;
using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.Tests.GeoPackage;

/// <summary>A GeoPackage file in its own temporary folder, deleted on dispose (STYLE.md 15: each test owns its state).</summary>
internal sealed class TempGeoPackage : IDisposable
{
    private TempGeoPackage(string directory, string path)
    {
        DirectoryPath = directory;
        FilePath = path;
    }

    /// <summary>The folder holding the file (and its -wal/-shm companions).</summary>
    public string DirectoryPath { get; }

    /// <summary>The .gpkg path (not created yet).</summary>
    public string FilePath { get; }

    public static TempGeoPackage Create(string fileName = "test.gpkg")
    {
        var directory = Path.Combine(Path.GetTempPath(), "geoincidents-gpkg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        return new TempGeoPackage(directory, Path.Combine(directory, fileName));
    }

    /// <summary>Opens a connection with the ST_* functions registered.</summary>
    public SqliteConnection Open() => GpkgConnection.Open(FilePath);

    /// <summary>Opens a connection and initialises the GeoPackage core.</summary>
    public SqliteConnection OpenInitialized(GpkgJournalMode journalMode = GpkgJournalMode.Wal)
    {
        var connection = Open();
        GpkgFile.Initialize(connection, journalMode);
        return connection;
    }

    /// <summary>Creates the file with the given tables in one transaction.</summary>
    public void CreateWith(params GpkgTable[] tables)
    {
        using var connection = OpenInitialized();
        GpkgConnection.InWriteTransaction(connection, tx =>
        {
            foreach (var table in tables)
            {
                GpkgSchema.EnsureTable(connection, tx, table, TestClock.Now);
            }
        });
    }

    /// <summary>Closes pooled connections so another process (GDAL) sees a closed, checkpointed file.</summary>
    public static void ReleaseForExternalTool() => SqliteConnection.ClearAllPools();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never mask the test's own outcome.
        }
    }
}

/// <summary>The tests' fixed clock (time is injected, never read from the machine).</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
}
