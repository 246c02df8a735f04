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

    [Fact]
    public async Task Migrate_FileWithTheFormerSearchTextColumn_DropsItAndTheTextFilterWorksBeforeAndAfter()
    {
        // Files written before the text filter folded text in SQL have a stored search_text column on incidents and claims.
        await Store.Incidents.CreateAsync(Incident("i-1", title: "Shelling of Sotk"), Tester);
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        using (var connection = GpkgConnection.Open(FilePath, pooling: false))
        {
            foreach (var sql in new[]
            {
                "ALTER TABLE incidents ADD COLUMN search_text TEXT", "ALTER TABLE claims ADD COLUMN search_text TEXT",
                "UPDATE incidents SET search_text = 'stale text'",
                "INSERT INTO gpkg_data_columns (table_name, column_name, name, description) VALUES ('incidents', 'search_text', 'search_text', 'derived')",
            })
            {
                Execute(connection, sql);
            }
        }

        await using (var old = await GeoPackageStore.OpenAsync(FilePath, Clock, create: false, actor: Tester))
        {
            await old.Incidents.CreateAsync(Incident("i-2", title: "Detention near Jermuk"), Tester);
            Assert.Equal(["i-1"], await Ids(old.Incidents, new RecordQuery { Text = "sotk" }));
            Assert.Equal(["i-2"], await Ids(old.Incidents, new RecordQuery { Text = "JERMUK" }));
            Assert.Empty(await Ids(old.Incidents, new RecordQuery { Text = "stale" }));
        }

        GeoPackageStore.Migrate(FilePath, Clock);

        SqliteConnection.ClearAllPools();
        using (var connection = GpkgConnection.Open(FilePath, pooling: false))
        {
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM pragma_table_info('incidents') WHERE name = 'search_text'"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM pragma_table_info('claims') WHERE name = 'search_text'"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM gpkg_data_columns WHERE column_name = 'search_text'"));
            Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        }

        await using var migrated = await GeoPackageStore.OpenAsync(FilePath, Clock, create: false, actor: Tester);
        Assert.Equal(["i-1", "i-2"], await Ids(migrated.Incidents, new RecordQuery { Text = "e" }));
        Assert.Equal(["i-2"], await Ids(migrated.Incidents, new RecordQuery { Text = "jermuk" }));
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

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1000)]
    public async Task WriteBatchAsync_RowMovedLaterInTheBatch_IndexesItsLastGeometryAndListsItsLastRevision(int entriesInMemory)
    {
        // 1000 entries in memory: the batch's deferred R-tree entries move to a temporary table part way (the path of
        // imports above GpkgRowInserter.PendingInMemoryLimit rows); int.MaxValue: they stay in memory.
        ((GeoPackageStore)Store).PendingRTreeEntriesInMemory = entriesInMemory;
        await Store.Incidents.CreateAsync(Incident("old"), Tester);
        var moved = Incident("big-00007", lon: 46.25, lat: 39.75);
        var writes = LargeBatch().Append(RecordWrite.Put(moved)).Append(RecordWrite.Put(Incident("late", lon: 45.1, lat: 40.1)));

        var result = await Store.WriteBatchAsync(AsWrites(writes), LargeSource(), Tester);

        Assert.Equal(LargeBatchRows + 1, result.CreatedCount);
        Assert.Equal(2, (await Store.Incidents.GetAsync("big-00007"))!.Revision);
        SqliteConnection.ClearAllPools();
        using var connection = GpkgConnection.Open(FilePath, pooling: false);
        Assert.Equal("ok", Scalar(connection, "SELECT rtreecheck('rtree_incidents_geom')"));
        Assert.Equal(LargeBatchRows + 2L, Scalar(connection, "SELECT count(*) FROM rtree_incidents_geom"));

        // Every row's entry holds its geometry (the moved row's new position, not the one it was inserted with).
        Assert.Equal(LargeBatchRows + 2L, Scalar(connection,
            "SELECT count(*) FROM incidents i JOIN rtree_incidents_geom r ON r.id = i.fid " +
            "WHERE r.minx <= ST_MinX(i.geom) AND r.maxx >= ST_MaxX(i.geom) AND r.miny <= ST_MinY(i.geom) AND r.maxy >= ST_MaxY(i.geom) " +
            "AND r.maxx - r.minx < 1e-4 AND r.maxy - r.miny < 1e-4"));
        Assert.Equal(["big-00007"], await Ids(Store.Incidents, new RecordQuery { Bbox = BoundingBox.FromWestSouthEastNorth(46.2, 39.7, 46.3, 39.8) }));

        // The batch revision lists the rows it created in fid order with their last revision: the text SQLite's
        // json_group_object gives for the same rows.
        var expected = Scalar(connection, "SELECT json_group_object(id, revision) FROM (SELECT id, revision FROM incidents WHERE fid > (SELECT fid FROM incidents WHERE id = 'old') ORDER BY fid)");
        Assert.Equal(expected, Scalar(connection, "SELECT json_extract(batch_records, '$.incidents.created') FROM revisions WHERE action = 'batch' ORDER BY fid DESC LIMIT 1"));
        Assert.Contains("\"big-00007\":2", (string)expected!, StringComparison.Ordinal);
    }

    // More rows than GpkgRowInserter.MinimumRowsToDeferIndexes, so that the batch defers its indexes and packs its R-tree.
    private const int LargeBatchRows = (int)GpkgRowInserter.MinimumRowsToDeferIndexes + 500;

    private static IEnumerable<RecordWrite> LargeBatch() => Enumerable.Range(0, LargeBatchRows)
        .Select(i => RecordWrite.Put(Incident($"big-{i:D5}", lon: 44.0 + (i % 100 * 0.02), lat: 38.5 + (i / 100 * 0.02))));

    private static BatchSource LargeSource() => BatchSource.FromBytes("large.csv", "rows"u8) with { Bytes = GeoPackageStore.LargeBatchBytes };

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

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
