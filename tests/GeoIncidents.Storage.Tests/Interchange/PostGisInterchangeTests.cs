using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.PostGis;
using GeoIncidents.Storage.Tests.PostGis;
using GeoIncidents.Testing;
using Npgsql;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Interchange;

/// <summary>
/// The import/export specification on PostGIS (a fresh database per store). Skips on a machine without PostGIS and
/// fails under CI=true.
/// </summary>
[RequiresService(ExternalService.PostGis)]
public class PostGisInterchangeTests : InterchangeSpecification
{
    private readonly List<PostGisTestDatabase> _databases = [];

    private protected override async Task<IGeoIncidentStore> OpenStoreAsync(TimeProvider clock, string name)
    {
        ExternalServices.PostGis.EnsureAvailable();
        var database = await PostGisTestDatabase.CreateAsync();
        _databases.Add(database);
        return await PostGisStore.OpenAsync(database.ConnectionString, clock, create: true, actor: Tester);
    }

    private protected override async Task CleanUpAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
