using System.Text.Json;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Testing;
using NetTopologySuite.Features;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary><see cref="AnalysisGeoJson"/>: the HTTP contract's field names, the same numbers as the results, readable by GDAL.</summary>
public sealed class AnalysisGeoJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("analysis-geojson-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Locate_Feature_CarriesContractFieldsAndTheSameNumbers()
    {
        var result = LocateAnalysis.Locate(Data, PlacePosition("kapan"), Km(0.5));

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeature(result)));
        var root = doc.RootElement;
        Assert.Equal("Feature", root.GetProperty("type").GetString());
        Assert.Equal(result.Position.LongitudeDegrees, root.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        var p = root.GetProperty("properties");
        Assert.Equal("locate", p.GetProperty("kind").GetString());
        Assert.Equal("AM-SU", p.GetProperty("province").GetProperty("id").GetString());
        var lines = p.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(result.Lines.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            Assert.Equal(result.Lines[i].ReferenceLineId, l.GetProperty("reference_line").GetString());
            Assert.Equal(Math.Round(result.Lines[i].Distance.Meters, 3), l.GetProperty("distance_m").GetDouble());
            Assert.Equal(Math.Round(result.Lines[i].SignedDistance.Meters, 3), l.GetProperty("signed_distance_m").GetDouble());
            Assert.Equal(result.Lines[i].Side, l.GetProperty("side").GetString());
            Assert.Equal(2, l.GetProperty("nearest_point").GetArrayLength());
            var receipt = l.GetProperty("receipt");
            Assert.Equal(LocateAnalysis.LineMethodText, receipt.GetProperty("method").GetString());
            Assert.StartsWith("WGS84", receipt.GetProperty("ellipsoid").GetString(), StringComparison.Ordinal);
            var dataset = Assert.Single(receipt.GetProperty("datasets").EnumerateArray());
            Assert.Equal(result.Lines[i].ReferenceLineId, dataset.GetProperty("id").GetString());
            Assert.True(dataset.TryGetProperty("licence", out _));
            Assert.True(dataset.TryGetProperty("accuracy_p95_m", out _));
            Assert.True(dataset.TryGetProperty("assumed", out _));
            Assert.Equal(result.Lines[i].Receipt.Uncertainty!.Value.Meters, receipt.GetProperty("uncertainty_m").GetDouble(), 3);
            Assert.Equal(WireName(result.Lines[i].Receipt.Verdict), receipt.GetProperty("verdict").GetString());
        }
    }

    [Fact]
    public void Band_Collection_CarriesAreaKm2AndInterval()
    {
        var bands = BandAnalysis.Bands(Data, "AM-SU", Km(3.5));

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeatureCollection(bands)));
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);
        for (var i = 0; i < bands.Count; i++)
        {
            var p = features[i].GetProperty("properties");
            Assert.Equal("MultiPolygon", features[i].GetProperty("geometry").GetProperty("type").GetString());
            Assert.Equal(Math.Round(bands[i].Area.SquareKilometers, 6), p.GetProperty("area_km2").GetDouble());
            Assert.Equal(3500, p.GetProperty("depth_m").GetDouble());
            Assert.Equal(2, p.GetProperty("area_interval_km2").GetArrayLength());
            Assert.Null(p.GetProperty("receipt").GetProperty("verdict").GetString());
        }
    }

    [Fact]
    public void Displace_Feature_CarriesAzimuthDegAndThePath()
    {
        var result = DisplaceAnalysis.Displace(Data, PlacePosition("sev-lich"), Geodesy.Units.Angle.FromDegrees(-30), Km(3.5));

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeature(result)));
        var p = doc.RootElement.GetProperty("properties");
        Assert.Equal("LineString", doc.RootElement.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(-30, p.GetProperty("azimuth_deg").GetDouble());
        Assert.Equal(3500, p.GetProperty("distance_m").GetDouble());
        Assert.Equal("locate", p.GetProperty("destination_location").GetProperty("kind").GetString());
    }

    [Fact]
    public void Claims_Collection_HasComparisonClaimAndPairFeatures()
    {
        var result = ClaimComparisonAnalysis.CompareClaims(Data, "inc-2021-05-27-gegharkunik-kalbajar");

        var json = AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeatureCollection(result));
        var fc = JsonSerializer.Deserialize<FeatureCollection>(json, GeoJsonSerialization.Options)!;

        Assert.Equal(["comparison", "claim", "claim", "claim", "pair"], fc.Select(f => f.Attributes["kind"]?.ToString()));
        using var doc = JsonDocument.Parse(json);
        var pair = doc.RootElement.GetProperty("features")[4].GetProperty("properties");
        Assert.Equal(Math.Round(result.Pairs[0].CentroidDistance.Meters, 3), pair.GetProperty("centroid_distance_m").GetDouble());
        Assert.Equal(0, pair.GetProperty("min_distance_m").GetDouble());
    }

    [Fact]
    public void Corridor_Feature_WritesTheDerivation()
    {
        var corridor = DerivationAnalysis.DeriveCorridor(Data, "lachin-corridor");

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeature(corridor)));
        Assert.Equal("lachin-corridor", doc.RootElement.GetProperty("id").GetString());
        var d = doc.RootElement.GetProperty("properties").GetProperty("derivation");
        Assert.Equal("corridor", d.GetProperty("method").GetString());
        Assert.Equal(5000, d.GetProperty("width_m").GetDouble());
        Assert.Equal(3, d.GetProperty("centreline").GetArrayLength());
    }

    [Fact]
    public void Advance_Collection_HasSummaryBandsAndPerpendicularPaths()
    {
        var advance = AdvanceAnalysis.AdvanceFromPlace(Data, Km(3.5), "AM-SU", "sev-lich", stretchLength: Km(10));

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeatureCollection(advance)));
        var kinds = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("kind").GetString()).ToList();
        Assert.Equal(["advance", "band", "band", "perpendicular-advance", "perpendicular-advance"], kinds);
        Assert.Equal(3500, doc.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("distance_m").GetDouble());
    }

    [Fact]
    public void Control_Feature_CarriesThePartyAndItsSources()
    {
        var control = ControlAnalysis.ControlOn(Data, PlacePosition("kalbajar"), new DateOnly(2021, 5, 27));

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeature(control)));
        var p = doc.RootElement.GetProperty("properties");
        Assert.Equal("az-gov", p.GetProperty("controlled_by").GetString());
        Assert.Equal("2021-05-27", p.GetProperty("date").GetString());
        Assert.NotEqual(0, p.GetProperty("statements")[0].GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public void ClaimArea_Feature_WritesTheDerivationParameters()
    {
        var claim = Data.Incident("inc-2021-05-12-sev-lich").Claims.Single(c => c.Id == "clm-2021-05-12-am-mod");

        using var doc = JsonDocument.Parse(AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeature(DerivationAnalysis.DeriveClaimArea(Data, claim))));
        var p = doc.RootElement.GetProperty("properties");
        Assert.Equal("claim-area", p.GetProperty("kind").GetString());
        Assert.Equal(10_000, p.GetProperty("derivation").GetProperty("stretch_length_m").GetDouble());
        Assert.Equal("osm-2020", p.GetProperty("built_from").GetString());
        Assert.StartsWith("border-band:", p.GetProperty("method_description").GetString(), StringComparison.Ordinal);
    }

    [GdalFact]
    public async Task Claims_Collection_OpensInOgrInfo()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var path = Path.Combine(_dir, "claims.geojson");
        await File.WriteAllTextAsync(path, AnalysisGeoJson.ToJson(AnalysisGeoJson.ToFeatureCollection(ClaimComparisonAnalysis.CompareClaims(Data, "inc-2021-05-27-gegharkunik-kalbajar"))));

        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-so", path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Feature Count: 5", run.StandardOutput, StringComparison.Ordinal);
    }

    private static string? WireName(Verdict? v) => v is { } x ? Core.Model.WireNames.Of(x) : null;
}
