using GeoIncidents.Storage.GeoPackage;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgFileTests
{
    [Fact]
    public void Initialize_NewFile_WritesGeoPackage13CoreInWalMode()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.OpenInitialized();

        Assert.Equal(0x47504B47L, Scalar(connection, "PRAGMA application_id"));   // "GPKG"
        Assert.Equal(10300L, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        foreach (var table in new[] { "gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions" })
        {
            Assert.Equal(1, Count(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }

        Assert.Equal("NONE|-1|undefined;NONE|0|undefined;EPSG|4326|" + GpkgFile.Wgs84Definition,
            Scalar(connection, "SELECT group_concat(organization || '|' || organization_coordsys_id || '|' || definition, ';') FROM (SELECT * FROM gpkg_spatial_ref_sys ORDER BY srs_id)"));
        Assert.True(GpkgFile.IsGeoPackage(connection));
    }

    [Fact]
    public void Initialize_FileHeader_CarriesGpkgApplicationIdAndVersion()
    {
        using var file = TempGeoPackage.Create();
        using (file.OpenInitialized(GpkgJournalMode.Delete))
        {
        }

        TempGeoPackage.ReleaseForExternalTool();
        var header = File.ReadAllBytes(file.FilePath).AsSpan(0, 100).ToArray();

        // SQLite header: user_version at offset 60, application_id at 68, both big-endian (GeoPackage 1.3 Req 2).
        Assert.Equal("GPKG"u8.ToArray(), header[68..72]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x28, 0x3C }, header[60..64]);
    }

    [Fact]
    public void Initialize_Twice_KeepsTablesRowsAndVersion()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using (var connection = file.Open())
        {
            InsertPlace(connection, null, "Goris", PointAt(46.34, 39.51));
            Execute(connection, "PRAGMA user_version = 10200");   // as if another 1.2 writer made it
        }

        using (var again = file.OpenInitialized())
        {
            Assert.Equal(1, Count(again, "SELECT count(*) FROM places"));
            Assert.Equal(1, Count(again, "SELECT count(*) FROM rtree_places_geom"));
            Assert.Equal(3, Count(again, "SELECT count(*) FROM gpkg_spatial_ref_sys"));
            Assert.Equal(1, Count(again, "SELECT count(*) FROM gpkg_contents"));
            Assert.Equal(10200L, Scalar(again, "PRAGMA user_version"));
        }
    }

    [Fact]
    public void Initialize_DeleteJournalMode_LeavesASelfContainedFile()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.OpenInitialized(GpkgJournalMode.Delete);

        Assert.Equal("delete", Scalar(connection, "PRAGMA journal_mode"));
        Assert.False(File.Exists(file.FilePath + "-wal"));
    }

    [Fact]
    public void Initialize_PlainSqliteDatabaseWithTables_RefusesAndChangesNothing()
    {
        using var file = TempGeoPackage.Create("notes.gpkg");
        using (var plain = new SqliteConnection($"Data Source={file.FilePath};Pooling=False"))
        {
            plain.Open();
            Execute(plain, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        }

        using var connection = file.Open();
        var e = Assert.Throws<InvalidOperationException>(() => GpkgFile.Initialize(connection));

        Assert.Contains("no GeoPackage application_id", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(connection, "PRAGMA application_id"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'gpkg%'"));
        Assert.Equal("delete", Scalar(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Initialize_OtherApplicationsDatabase_Refuses()
    {
        using var file = TempGeoPackage.Create("mbtiles.gpkg");
        using var connection = file.Open();
        Execute(connection, "PRAGMA application_id = 1297105496");   // 'MPBX' (MBTiles)

        var e = Assert.Throws<InvalidOperationException>(() => GpkgFile.Initialize(connection));

        Assert.Contains("another application", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsGeoPackage_EmptyDatabase_False()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.Open();

        Assert.False(GpkgFile.IsGeoPackage(connection));
    }
}
