using System.Text.Json;
using System.Text.Json.Nodes;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Tests.Interchange;

public class IncidentFeatureMapperTests
{
    private static readonly SeedData Data = SeedData.Load();
    private static readonly GeoJsonReadOptions WithSources = new() { Sources = Data.Sources.ToDictionary(s => s.Id) };

    public static TheoryData<string> IncidentIds => [.. SeedData.Load().Incidents.Select(i => i.Id)];

    private static IReadOnlyList<string> Errors(string json, GeoJsonReadOptions? options = null)
    {
        var result = ModelFeatures.Incidents.ReadJson(json, options);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    [Theory]
    [MemberData(nameof(IncidentIds))]
    public void RoundTrip_SeedIncident_FeatureModelFeatureIsUnchanged(string id)
    {
        var incident = Data.Incidents.Single(i => i.Id == id);
        foreach (var embed in new[] { false, true })
        {
            var json = JsonSerializer.Serialize<NetTopologySuite.Features.IFeature>(ModelFeatures.Incidents.ToFeature(incident, embed), GeoJsonSerialization.Options);
            var model = ModelFeatures.Incidents.ReadJsonOrThrow(json);
            var again = JsonSerializer.Serialize<NetTopologySuite.Features.IFeature>(ModelFeatures.Incidents.ToFeature(model, embed), GeoJsonSerialization.Options);

            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(again)), $"{json}\n!=\n{again}");
            Assert.Equal(embed ? incident : incident.WithClaims([]), model);
        }
    }

    [Fact]
    public void RoundTrip_SeedFile_FileFeatureReadsToTheSameModelAsItsExport()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Data.Directory, "incidents", "incidents.geojson")));
        var first = doc.RootElement.GetProperty("features")[2];
        var fromFile = ModelFeatures.Incidents.Read(first, 3, WithSources).Value!;
        var exported = ModelFeatures.Incidents.ReadJsonOrThrow(ModelFeatures.Incidents.ToJson(fromFile));
        Assert.Equal(fromFile, exported);
    }

    [Fact]
    public void ToJson_FollowsTheContract()
    {
        var incident = Data.Incidents.Single(i => i.Id == "inc-2021-05-12-sev-lich");
        var node = JsonNode.Parse(ModelFeatures.Incidents.ToJson(incident))!.AsObject();

        Assert.Equal("Feature", (string?)node["type"]);
        Assert.Equal("inc-2021-05-12-sev-lich", (string?)node["id"]);
        Assert.False(node.ContainsKey("crs"));
        Assert.False(node.ContainsKey("bbox"));
        var p = node["properties"]!.AsObject();
        Assert.False(p.ContainsKey("id"));
        foreach (var name in new[] { "title", "type", "status", "occurred", "occurred_precision", "description", "location_precision_m", "admin1", "tags", "sources", "revision", "updated", "warnings" })
        {
            Assert.True(p.ContainsKey(name), name);
        }

        Assert.False(p.ContainsKey("claims")); // only when embedding is asked
        Assert.Equal("border-crossing", (string?)p["type"]);
        Assert.Equal(1500, (double)p["location_precision_m"]!);
        var source = p["sources"]![0]!.AsObject();
        Assert.Equal(["id", "language", "published", "publisher", "quote", "title", "url"], source.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal([46.22931, 39.58752], node["geometry"]!["coordinates"]!.AsArray().Select(n => (double)n!));
    }

    [Fact]
    public void ToJson_UnlocatedIncident_WritesGeometryNull()
    {
        var node = JsonNode.Parse(ModelFeatures.Incidents.ToJson(Data.Incidents.Single(i => i.Id == "inc-2021-06-17-ru-mfa-statement")))!.AsObject();
        Assert.True(node.ContainsKey("geometry"));
        Assert.Null(node["geometry"]);
    }

    [Fact]
    public void Read_TitleTypeOccurred_AreEnoughToCreate()
    {
        const string json = """{"type":"Feature","geometry":null,"properties":{"title":"Shooting reported","type":"clash","occurred":"2021-05"}}""";
        var incident = ModelFeatures.Incidents.ReadJsonOrThrow(json, new GeoJsonReadOptions { NewId = () => "new-1" });

        Assert.Equal("new-1", incident.Id);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
        Assert.Equal(OccurrencePrecision.Month, incident.Occurred.Precision);
        Assert.Null(incident.Geometry);
        Assert.Empty(incident.Sources);
    }

    [Fact]
    public void Read_NoIdAndNoGenerator_FailsNamingId()
    {
        Assert.Equal(["feature 1: id: a stable id is required (or read with GeoJsonReadOptions.NewId to assign one)"],
            Errors("""{"type":"Feature","geometry":null,"properties":{"title":"t","type":"clash","occurred":"2021"}}"""));
    }

    [Fact]
    public void Read_BadFeature_ReportsEveryFieldWithTheFeatureNumber()
    {
        const string json = """
            {"type":"Feature","id":"x1","geometry":{"type":"Point","coordinates":[46.3,95]},
             "properties":{"title":"","type":"skirmish","status":"rumoured","occurred":"May 2021","tags":["ok",3],
                           "location_precision_m":-5}}
            """;
        var errors = Errors(json);

        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.occurred: 'May 2021' is not an ISO 8601 date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.type: unknown value 'skirmish' (known: clash, shelling, border-crossing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.status: unknown value 'rumoured'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.tags[1]: expected a string", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.location_precision_m: A location precision radius must be greater than 0 m", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.title: a non-empty text is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: geometry: latitude 95", StringComparison.Ordinal));
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void Read_EndBeforeStart_ReportsOccurred()
    {
        var result = ModelFeatures.Incidents.ReadJson("""{"type":"Feature","id":"a","geometry":null,"properties":{"title":"t","type":"clash","occurred":"2021-05-12/2021-05-01"}}""");
        var error = Assert.Single(result.Errors);
        Assert.Equal("properties.occurred", error.Field);
        Assert.Equal(ValidationCodes.EndBeforeStart, error.Code);
    }

    [Fact]
    public void Read_MissingTypeAndOccurred_AreRequired()
    {
        var errors = Errors("""{"type":"Feature","id":"a","geometry":null,"properties":{"title":"t"}}""");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.type: an incident type is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("feature 1: properties.occurred: a date is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NotAFeature_ReportsType()
    {
        Assert.Contains("feature 1: type: a GeoJSON Feature has \"type\": \"Feature\"", Errors("""{"type":"Point","coordinates":[1,2]}"""));
    }

    [Fact]
    public void Read_GeometryCollection_IsRejected()
    {
        var errors = Errors("""{"type":"Feature","id":"a","geometry":{"type":"GeometryCollection","geometries":[]},"properties":{"title":"t","type":"clash","occurred":"2021"}}""");
        Assert.Contains(errors, e => e.StartsWith("feature 1: geometry: a GeometryCollection is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SourceIds_NeedTheCatalogue()
    {
        const string json = """{"type":"Feature","id":"a","geometry":null,"properties":{"title":"t","type":"statement","occurred":"2021-06-17","sources":["s1","s9"]}}""";
        Assert.Contains(Errors(json), e => e.StartsWith("feature 1: properties.sources[0]: 's1' is a source id, but no sources are loaded", StringComparison.Ordinal));
        Assert.Equal(["feature 1: properties.sources[1]: unknown source 's9'"], Errors(json, WithSources));
    }

    [Fact]
    public void Read_EmbeddedSourceWithoutId_GetsAStableDerivedId()
    {
        const string json = """{"type":"Feature","id":"a","geometry":null,"properties":{"title":"t","type":"statement","occurred":"2021-06-17","sources":[{"publisher":"TASS","title":"T","url":"https://tass.com/politics/1304191","published":"2021-06-17"}]}}""";
        var source = Assert.Single(ModelFeatures.Incidents.ReadJsonOrThrow(json).Sources);
        Assert.Equal(Source.DeriveId("TASS", "T", new Uri("https://tass.com/politics/1304191"), new DateOnly(2021, 6, 17)), source.Id);
    }

    [Theory]
    [InlineData("acled-geo-precision", 2, 25_000.0)]
    [InlineData("ucdp-where-prec", 4, 65_000.0)]
    public void Read_PrecisionCode_IsConvertedToARadius(string scheme, int code, double expectedMeters)
    {
        // location_precision_m is derived from the code: a stale value on input is ignored.
        var json = $$$"""{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[46.34168,39.51111]},"properties":{"title":"t","type":"clash","occurred":"2021","location_precision_scheme":"{{{scheme}}}","location_precision_code":{{{code}}},"location_precision_m":1}}""";
        var precision = ModelFeatures.Incidents.ReadJsonOrThrow(json).LocationPrecision!.Value;
        Assert.Equal(code, precision.Code);
        Assert.Equal(expectedMeters, precision.Radius!.Value.Meters);
    }

    [Fact]
    public void Read_PrecisionCodeOutOfRange_ReportsTheCode()
    {
        var errors = Errors("""{"type":"Feature","id":"a","geometry":null,"properties":{"title":"t","type":"clash","occurred":"2021","location_precision_scheme":"acled-geo-precision","location_precision_code":4}}""");
        Assert.Equal(["feature 1: properties.location_precision_code: ACLED geo_precision is 1, 2 or 3"], errors);
    }

    [Fact]
    public void Read_EmbeddedClaims_TakeTheIncidentIdAndReportNestedPaths()
    {
        const string json = """
            {"type":"Feature","id":"inc-x","geometry":null,"properties":{"title":"t","type":"clash","occurred":"2021",
             "claims":[{"type":"Feature","id":"c1","geometry":null,"properties":{"claimant":"am-mod","asserted":"a"}},
                       {"type":"Feature","id":"c2","geometry":null,"properties":{"asserted":"b"}}]}}
            """;
        Assert.Equal(["feature 1: properties.claims[1].properties.claimant: a claim needs a claimant (the id of the party that makes it)"], Errors(json));

        var ok = ModelFeatures.Incidents.ReadJsonOrThrow(json.Replace("""{"asserted":"b"}""", """{"claimant":"az-mod","asserted":"b"}""", StringComparison.Ordinal));
        Assert.All(ok.Claims, c => Assert.Equal("inc-x", c.IncidentId));
    }
}
