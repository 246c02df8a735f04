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

    [Fact]
    public async Task WriteBatchAsync_LargeSource_WritesThroughARollbackJournalAndLeavesTheFileInWal()
    {
        await Store.Incidents.CreateAsync(Incident("old"), Tester);

        var result = await Store.WriteBatchAsync(AsWrites(LargeBatch()), LargeSource(), Tester);

        Assert.Equal(LargeBatchRows, result.CreatedCount);
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(FilePath + "-journal"));
        using var connection = GpkgConnection.Open(FilePath, pooling: false);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal("ok", Scalar(connection, "SELECT rtreecheck('rtree_incidents_geom')"));
        Assert.Equal(LargeBatchRows + 1L, Scalar(connection, "SELECT count(*) FROM rtree_incidents_geom"));
        var indexes = Scalar(connection, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND name LIKE 'ix_%' ORDER BY name)");
        Assert.Equal("ix_incidents_admin1 ix_incidents_order ix_incidents_type ix_incidents_unadopted ix_incidents_updated", indexes);
        Assert.Equal((long)LargeBatchRows, Scalar(connection, "SELECT count(*) FROM json_each((SELECT batch_records FROM revisions WHERE action = 'batch' ORDER BY fid DESC LIMIT 1), '$.incidents.created')"));
        Assert.Equal(LargeBatchRows + 1, await Store.Incidents.CountAsync(new RecordQuery()));
    }

    [Fact]
    public async Task WriteBatchAsync_LargeSourceWithABadWriteAtTheEnd_WritesNothingAndLeavesTheFileInWal()
    {
        await Store.Incidents.CreateAsync(Incident("old"), Tester);
        var writes = LargeBatch().Append(RecordWrite.Update(Incident("old", title: "x"), expectedRevision: 7));

        await Assert.ThrowsAsync<RevisionConflictException>(() => Store.WriteBatchAsync(AsWrites(writes), LargeSource(), Tester));

        Assert.Equal(1, await Store.Incidents.CountAsync(new RecordQuery()));
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(FilePath + "-journal"));
        using var connection = GpkgConnection.Open(FilePath, pooling: false);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM rtree_incidents_geom"));
    }

    [Fact]
    public async Task WriteBatchAsync_LargeSourceWhileAnotherConnectionHasTheFileOpen_GoesThroughTheWalWithoutWaiting()
    {
        await Store.Incidents.CreateAsync(Incident("old"), Tester);
        using var other = GpkgConnection.Open(FilePath, pooling: false);
        Assert.Equal(1L, Scalar(other, "SELECT count(*) FROM incidents"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Store.WriteBatchAsync(AsWrites(LargeBatch()), LargeSource(), Tester);

        // The switch to a rollback journal is refused at once (no wait for the busy timeout); the other connection
        // reads the committed batch from the log.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(GpkgConnection.BusyTimeoutSeconds), $"the batch took {clock.Elapsed}");
        Assert.Equal(LargeBatchRows, result.CreatedCount);
        Assert.Equal("wal", Scalar(other, "PRAGMA journal_mode"));
        Assert.Equal(LargeBatchRows + 1L, Scalar(other, "SELECT count(*) FROM incidents"));
        Assert.Equal("ok", Scalar(other, "PRAGMA integrity_check"));
    }

    // More rows than GpkgRowInserter.MinimumRowsToDeferIndexes, so that the batch defers its indexes and packs its R-tree.
    private const int LargeBatchRows = (int)GpkgRowInserter.MinimumRowsToDeferIndexes + 500;

    private static IEnumerable<RecordWrite> LargeBatch() => Enumerable.Range(0, LargeBatchRows)
        .Select(i => RecordWrite.Put(Incident($"big-{i:D5}", lon: 44.0 + (i % 100 * 0.02), lat: 38.5 + (i / 100 * 0.02))));

    private static BatchSource LargeSource() => BatchSource.FromBytes("large.csv", "rows"u8) with { Bytes = GeoPackageStore.LargeBatchBytes };

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
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
