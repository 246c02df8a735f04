using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GpkgStore;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Interchange;

/// <summary>The import/export specification on GeoPackage stores (temporary files).</summary>
public class GeoPackageInterchangeTests : InterchangeSpecification
{
    private protected override async Task<IGeoIncidentStore> OpenStoreAsync(TimeProvider clock, string name) =>
        await GeoPackageStore.OpenAsync(TempFile(name + ".gpkg"), clock, create: true, actor: Tester);

    private protected override Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
