using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Tests.GeoPackage;

namespace GeoIncidents.Storage.Tests.Store;

/// <summary>The store specification on a GeoPackage file (a temp file per test).</summary>
public class GeoPackageStoreTests : StoreSpecification
{
    private readonly TempGeoPackage _file = TempGeoPackage.Create("store.gpkg");

    private protected string FilePath => _file.FilePath;

    private protected override async Task<IGeoIncidentStore> OpenStoreAsync(TimeProvider clock) =>
        await GeoPackageStore.OpenAsync(_file.FilePath, clock, create: true, actor: StoreFixtures.Tester);

    private protected override Task CleanUpAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}
