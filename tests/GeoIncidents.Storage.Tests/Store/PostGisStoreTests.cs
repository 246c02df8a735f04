using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.PostGis;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using GeoIncidents.Storage.Tests.PostGis;
using GeoIncidents.Testing;
using Npgsql;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Store;

/// <summary>
/// The store specification on PostGIS (a fresh database per test). Every test skips on a machine without PostGIS and
/// fails under CI=true (<see cref="RequiresServiceAttribute"/>).
/// </summary>
[RequiresService(ExternalService.PostGis)]
public class PostGisStoreTests : StoreSpecification
{
    private PostGisTestDatabase? _database;

    [ServiceFact]
    public async Task BboxQuery_Plan_UsesTheGistIndex()
    {
        // Enough rows for the planner to prefer the index (written in SQL: the plan, not the write path, is tested here).
        await using (var fill = _database!.DataSource.CreateCommand("""
            INSERT INTO incidents (id, geom, title, type, status, occurred, occurred_precision, revision, created, updated, retracted, time_start, time_end)
            SELECT 'bulk-' || g, ST_SetSRID(ST_MakePoint(40 + random() * 10, 35 + random() * 10), 4326), 'bulk', 'clash', 'reported', '2021-05-12', 'day',
                   1, now(), now(), false, '2021-05-12'::timestamptz, '2021-05-13'::timestamptz
            FROM generate_series(1, 100000) AS g;
            ANALYZE incidents;
            """))
        {
            await fill.ExecuteNonQueryAsync();
        }

        var set = (EfRecordSet<Incident, IncidentRow>)Store.Incidents;
        var plan = await set.ExplainFirstPageAsync(new RecordQuery { Bbox = BoundingBox.FromWestSouthEastNorth(45.0, 39.0, 45.05, 39.05), Limit = 100 }, "EXPLAIN");

        Assert.Contains(plan, l => l.Contains("ix_incidents_geom", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, l => l.Contains("Seq Scan on incidents", StringComparison.Ordinal));
        Assert.Contains(plan, l => l.Contains("st_intersects", StringComparison.OrdinalIgnoreCase) || l.Contains("&&", StringComparison.Ordinal));
    }

    [ServiceFact]
    public async Task Revisions_AreAppendOnlyInTheDatabase()
    {
        await Store.Parties.CreateAsync(Party("p1"), Tester);

        await using var update = _database!.DataSource.CreateCommand("UPDATE revisions SET actor = 'cli:mallory'");
        var e = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
    }

    [ServiceFact]
    public async Task OpenAsync_ExistingStore_RunsNoMigrationAndMigrateIsIdempotent()
    {
        await Store.Parties.CreateAsync(Party("p1"), Tester);

        await using var again = await PostGisStore.OpenAsync(_database!.ConnectionString, Clock, create: false);
        var (before, after, applied, _, _) = await PostGisStore.MigrateAsync(_database.ConnectionString, Clock, Tester);

        Assert.Equal("Party p1", (await again.Parties.GetAsync("p1"))!.Record.Name);
        Assert.Equal((EfStore.CurrentSchemaVersion, EfStore.CurrentSchemaVersion), (before, after));
        Assert.Empty(applied);
    }

    private protected override async Task<IGeoIncidentStore> OpenStoreAsync(TimeProvider clock)
    {
        ExternalServices.PostGis.EnsureAvailable();
        _database = await PostGisTestDatabase.CreateAsync();
        return await PostGisStore.OpenAsync(_database.ConnectionString, clock, create: true, actor: Tester);
    }

    private protected override async Task CleanUpAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
