using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Seed;
using GeoIncidents.Testing;
using NetTopologySuite.Features;

namespace GeoIncidents.Core.Tests.Interchange;

/// <summary>GDAL (an independent GeoJSON implementation) reads what we write, and we read what it writes.</summary>
public sealed class GdalInteropTests : IDisposable
{
    private static readonly SeedData Data = SeedData.Load();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("geoincidents-gdal-");

    public void Dispose() => _dir.Delete(recursive: true);

    [GdalFact]
    public async Task Ogrinfo_ReadsExportedIncidentsWithEmbeddedClaims()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var fc = new FeatureCollection();
        foreach (var incident in Data.Incidents)
        {
            fc.Add(ModelFeatures.Incidents.ToFeature(incident, embedClaims: true));
        }

        var path = Path.Combine(_dir.FullName, "incidents.geojson");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(fc, GeoJsonSerialization.Options));

        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-q", path, "-where", "id = 'inc-2021-05-12-sev-lich'"]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("type (String) = border-crossing", run.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"location_precision_m \((Integer|Real)\) = 1500", run.StandardOutput);
        Assert.Contains("POINT (46.22931 39.58752)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"claimant\": \"am-mod\"", run.StandardOutput, StringComparison.Ordinal); // claims as a JSON field

        var summary = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-so", "-al", path]);
        Assert.Contains("Feature Count: 5", summary.StandardOutput, StringComparison.Ordinal);
    }

    [GdalFact]
    public async Task ReadSequence_Ogr2ogrGeoJsonSeqOfTheSeedClaims_GivesTheSameClaims()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var output = Path.Combine(_dir.FullName, "claims.geojsons");
        var run = await ProcessRunner.RunAsync("ogr2ogr", ["-f", "GeoJSONSeq", output, Path.Combine(Data.Directory, "incidents", "claims.geojson")]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(0x1E, (await File.ReadAllBytesAsync(output))[0]); // RFC 8142 record separator

        await using var stream = File.OpenRead(output);
        var batch = await ModelFeatures.Claims.ReadBatchAsync(
            GeoJsonFeatureStreams.ReadSequenceAsync(stream),
            new GeoJsonReadOptions { Sources = Data.Sources.ToDictionary(s => s.Id) });

        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        Assert.Equal(Data.Claims.OrderBy(c => c.Id, StringComparer.Ordinal), batch.Values.OrderBy(c => c.Id, StringComparer.Ordinal));
    }
}
