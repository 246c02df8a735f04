using GeoIncidents.Server.Tests.Support;
using GeoIncidents.Testing;

namespace GeoIncidents.Server.Tests.Endpoints;

/// <summary>GDAL (an independent reader) opens what the service serves.</summary>
public class GdalReadsServedGeoJsonTests
{
    [GdalFact]
    public async Task Ogrinfo_ListsServedRegionsWithTheirProperties()
    {
        ExternalServices.Gdal.EnsureAvailable();
        await using var server = await RunningServer.StartAsync();
        var url = new Uri(server.BaseAddress, "collections/regions/items?limit=200").ToString();
        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-so", "GeoJSON:" + url]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("Feature Count: 95", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Geometry: Multi Polygon", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("kind: String", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("iso_3166: String", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("WGS 84", run.StandardOutput, StringComparison.Ordinal);
    }

    [GdalFact]
    public async Task Ogrinfo_ReadsReferenceLineFeatureWithLicence()
    {
        ExternalServices.Gdal.EnsureAvailable();
        await using var server = await RunningServer.StartAsync();
        var url = new Uri(server.BaseAddress, "collections/reference-lines/items").ToString();
        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-geom=SUMMARY", "GeoJSON:" + url]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("Feature Count: 2", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("licence (String) = ODbL-1.0", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("left_country (String) = AM", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("MULTILINESTRING", run.StandardOutput, StringComparison.Ordinal);
    }
}
