using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using GeoIncidents.Storage.Tests.GeoPackage;
using GeoIncidents.Testing;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Store;

/// <summary>The store specification on a GeoPackage file (a temp file per test), plus what only a file must do.</summary>
public class GeoPackageStoreTests : StoreSpecification
{
    private readonly TempGeoPackage _file = TempGeoPackage.Create("store.gpkg");

    private string FilePath => _file.FilePath;

    [Fact]
    public async Task BboxQuery_Plan_IsDrivenByTheRTreeNotATableScan()
    {
        var set = (EfRecordSet<Incident, IncidentRow>)Store.Incidents;

        var plan = await set.ExplainFirstPageAsync(new RecordQuery { Bbox = BoundingBox.FromWestSouthEastNorth(45.0, 39.0, 45.1, 39.1), Limit = 100 }, "EXPLAIN QUERY PLAN");

        // e.g. "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)", "LIST SUBQUERY 1", "SCAN r VIRTUAL TABLE INDEX 2:D0B1D2B3", "USE TEMP B-TREE FOR ORDER BY"
        var text = string.Join(" | ", plan);
        Assert.Contains(plan, l => l.Contains("VIRTUAL TABLE INDEX", StringComparison.Ordinal) && !l.EndsWith("INDEX 0:", StringComparison.Ordinal));
        Assert.Contains(plan, l => l.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, l => l.StartsWith("SCAN i", StringComparison.Ordinal) || l.StartsWith("SCAN incidents", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(text));
    }

    [Fact]
    public async Task Writes_KeepTheLayerExtentCurrent()
    {
        await Store.Incidents.CreateAsync(Incident("a", lon: 45.0, lat: 39.0), Tester);
        await Store.Incidents.CreateAsync(Incident("b", lon: 46.5, lat: 40.25), Tester);

        using var connection = GpkgConnection.Open(FilePath, readOnly: true, pooling: false);
        var (extent, lastChange) = GpkgContents.Read(connection, null, "incidents");

        Assert.Equal(new GpkgEnvelope(45.0, 39.0, 46.5, 40.25), extent);
        Assert.Equal(T0, lastChange);
    }

    [Fact]
    public async Task Revisions_AreAppendOnlyInTheFile()
    {
        await Store.Parties.CreateAsync(Party("p1"), Tester);

        using var connection = GpkgConnection.Open(FilePath, pooling: false);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE revisions SET actor = 'cli:mallory'";
        var e = Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
        Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewerOrOlderSchema_IsRefusedAndMigrateUpgradesTheOlder()
    {
        await Store.Parties.CreateAsync(Party("p1"), Tester);
        await Store.DisposeAsync();
        SetVersion("2");
        var newer = await Assert.ThrowsAsync<StoreSchemaException>(() => GeoPackageStore.OpenAsync(FilePath, Clock));
        Assert.Contains("version 2", newer.Message, StringComparison.Ordinal);

        SetVersion("0");
        var older = await Assert.ThrowsAsync<StoreSchemaException>(() => GeoPackageStore.OpenAsync(FilePath, Clock));
        Assert.Contains("db migrate", older.Message, StringComparison.Ordinal);

        var (before, after, _, _) = await GeoPackageStore.MigrateAsync(FilePath, Clock, Tester);
        Assert.Equal((0, EfStore.CurrentSchemaVersion), (before, after));
        await using var reopened = await GeoPackageStore.OpenAsync(FilePath, Clock, create: false);
        Assert.Equal("Party p1", (await reopened.Parties.GetAsync("p1"))!.Record.Name);
        await Assert.ThrowsAsync<FileNotFoundException>(() => GeoPackageStore.OpenAsync(FilePath + ".missing", Clock, create: false));
    }

    [GdalPythonFact]
    public async Task SeededFile_PassesValidateGpkg()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        await StoreSeeder.SeedIfEmptyAsync(Store, () => SeedData.Load(clock: Clock), Tester);
        await Store.Incidents.RetractAsync(SeedData.Load(clock: Clock).Incidents[0].Id, null, Tester);
        await Store.DisposeAsync();
        TempGeoPackage.ReleaseForExternalTool();

        var run = await ProcessRunner.RunAsync(ExternalServices.DebianPython, [ExternalServices.ValidateGpkgScript, FilePath]);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
    }

    [GdalFact]
    public async Task Ogrinfo_ListsEveryLayerWithItsFieldsAndCount()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var seed = SeedData.Load(clock: Clock);
        await StoreSeeder.SeedIfEmptyAsync(Store, () => seed, Tester);
        await Store.DisposeAsync();
        TempGeoPackage.ReleaseForExternalTool();

        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-so", "-al", FilePath]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var output = run.StandardOutput;
        foreach (var (layer, count) in new (string, int)[]
        {
            ("incidents", seed.Incidents.Count), ("claims", seed.Claims.Count()), ("regions", seed.Regions.Count), ("reference_lines", seed.ReferenceLines.Count),
            ("zones", seed.Zones.Count), ("places", seed.Places.Count), ("parties", seed.Parties.Count), ("sources", seed.Sources.Count),
            ("control_events", seed.ControlEvents.Count), ("api_keys", 0), ("revisions", 1),
        })
        {
            var block = output[output.IndexOf($"Layer name: {layer}\n", StringComparison.Ordinal)..];
            Assert.Contains($"Feature Count: {count}\n", block[..block.IndexOf("FID Column", StringComparison.Ordinal)], StringComparison.Ordinal);
        }

        Assert.Contains("title: String", output, StringComparison.Ordinal);
        Assert.Contains("occurred: String", output, StringComparison.Ordinal);
        Assert.Contains("sources: String(JSON)", output, StringComparison.Ordinal);
        Assert.Contains("updated: DateTime", output, StringComparison.Ordinal);
        Assert.Contains("accuracy_p95_m: Real", output, StringComparison.Ordinal);
        Assert.Contains("Geometry: Multi Polygon", output, StringComparison.Ordinal);
        Assert.Contains("Geometry: Point", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", run.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [GdalFact]
    public async Task Ogr2ogrAppend_RowsWithTheSamePropertyNames_AreAdoptedAndRead()
    {
        ExternalServices.Gdal.EnsureAvailable();
        await Store.Incidents.CreateAsync(Incident("ours"), Tester);
        await Store.DisposeAsync();
        TempGeoPackage.ReleaseForExternalTool();
        var more = Path.Combine(_file.DirectoryPath, "more.geojson");
        await File.WriteAllTextAsync(more, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"gdal-1","geometry":{"type":"Point","coordinates":[45.5,40.1]},
              "properties":{"title":"Appended by GDAL","type":"shelling","status":"reported","occurred":"2021-05","occurred_precision":"month",
                            "location_precision_m":2000,"sources":[{"publisher":"P","title":"T"}]}},
             {"type":"Feature","id":"gdal-bad","geometry":{"type":"Point","coordinates":[45.6,40.2]},
              "properties":{"title":"No type and no date"}}]}
            """);

        var run = await ProcessRunner.RunAsync("ogr2ogr", ["-update", "-append", FilePath, more, "-nln", "incidents"]);
        Assert.True(run.ExitCode == 0, run.StandardError);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await using var store = await GeoPackageStore.OpenAsync(FilePath, Clock, create: false, actor: Tester);
        var adopted = await store.Incidents.GetAsync("gdal-1");
        Assert.NotNull(adopted);
        Assert.Equal(1, adopted.Revision);
        Assert.Equal(IncidentType.Shelling, adopted.Record.Type);
        Assert.Equal(Occurrence.InMonth(2021, 5), adopted.Record.Occurred);
        Assert.Equal(2000, adopted.Record.LocationPrecision!.Value.Radius!.Value.Meters);
        Assert.Equal("P", adopted.Record.Sources.Single().Publisher);
        Assert.Equal(["gdal-1"], await Ids(store.Incidents, new RecordQuery { Bbox = BoundingBox.FromWestSouthEastNorth(45.4, 40.0, 45.55, 40.15) }));
        Assert.Contains("gdal-1", await Ids(store.Incidents, new RecordQuery { DateTime = DateTimeFilter.At(new DateTimeOffset(2021, 5, 30, 0, 0, 0, TimeSpan.Zero)) }));
        Assert.Null(await store.Incidents.GetAsync("gdal-bad"));
        Assert.Equal(RevisionAction.Adopted, (await store.HistoryAsync("gdal-1")).Single().Action);
        var updated = await store.Incidents.UpdateAsync(adopted.Record.WithStatus(IncidentStatus.Confirmed), 1, Tester);
        Assert.Equal(2, updated.Revision);
    }

    private protected override async Task<IGeoIncidentStore> OpenStoreAsync(TimeProvider clock) =>
        await GeoPackageStore.OpenAsync(_file.FilePath, clock, create: true, actor: Tester);

    private protected override Task CleanUpAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    private void SetVersion(string version)
    {
        SqliteConnection.ClearAllPools();
        using var connection = GpkgConnection.Open(FilePath, pooling: false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE geoincidents_meta SET value = $v WHERE key = 'schema_version'";
        command.Parameters.AddWithValue("$v", version);
        command.ExecuteNonQuery();
    }
}
