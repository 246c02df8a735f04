using GeoIncidents.Storage.GeoPackage;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgMetadataTests
{
    private const string DublinCore = "http://purl.org/dc/terms/";

    [Fact]
    public void Add_ForFileAndTable_ReadsBackWithReferences()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        const string licence = """{"license":"ODbL-1.0","attribution":"© OpenStreetMap contributors"}""";

        var fileDoc = GpkgMetadata.AddForGeoPackage(connection, null, GpkgMetadataScope.Dataset, DublinCore, "application/json", licence, TestClock.Now);
        var tableDoc = GpkgMetadata.AddForTable(connection, null, Places(), GpkgMetadataScope.FeatureType, DublinCore, "text/plain",
            "Place coordinates: GeoNames (geonames.org), CC BY 4.0", TestClock.Now);

        var documents = GpkgMetadata.ReadAll(connection, null);
        Assert.Equal(
            new[]
            {
                new GpkgMetadataDocument(fileDoc, GpkgMetadataScope.Dataset, DublinCore, "application/json", licence, GpkgMetadataTarget.GeoPackage, null, TestClock.Now),
                new GpkgMetadataDocument(tableDoc, GpkgMetadataScope.FeatureType, DublinCore, "text/plain", "Place coordinates: GeoNames (geonames.org), CC BY 4.0",
                    GpkgMetadataTarget.Table, "places", TestClock.Now),
            },
            documents);
        Assert.Equal(2, Count(connection, "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_metadata' AND scope = 'read-write'"));
    }

    [Fact]
    public void ReadAll_WithoutExtension_Empty()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.OpenInitialized();

        Assert.Empty(GpkgMetadata.ReadAll(connection, null));
    }

    [Fact]
    public void AddForTable_UnregisteredTable_Throws()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.OpenInitialized();

        Assert.Throws<InvalidOperationException>(() =>
            GpkgMetadata.AddForTable(connection, null, Places(), GpkgMetadataScope.FeatureType, DublinCore, "text/plain", "x", TestClock.Now));
        Assert.Empty(GpkgMetadata.ReadAll(connection, null));
    }
}
