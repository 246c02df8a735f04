using System.Text.Json.Nodes;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;

namespace GeoIncidents.Core.Tests.Interchange;

public class ClaimFeatureMapperTests
{
    private static readonly SeedData Data = SeedData.Load();

    public static TheoryData<string> ClaimIds => [.. SeedData.Load().Claims.Select(c => c.Id)];

    private static string Feature(string properties, string geometry = "null") =>
        $$"""{"type":"Feature","id":"c1","geometry":{{geometry}},"properties":{{properties}}}""";

    [Theory]
    [MemberData(nameof(ClaimIds))]
    public void RoundTrip_SeedClaim_FeatureModelFeatureIsUnchanged(string id)
    {
        var claim = Data.Claims.Single(c => c.Id == id);
        var json = ModelFeatures.Claims.ToJson(claim);
        var model = ModelFeatures.Claims.ReadJsonOrThrow(json);

        Assert.Equal(claim, model);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(ModelFeatures.Claims.ToJson(model))));
    }

    [Fact]
    public void ToJson_DisplacementFollowsTheContract()
    {
        var node = JsonNode.Parse(ModelFeatures.Claims.ToJson(Data.Claims.Single(c => c.Id == "clm-2021-05-12-am-mod")))!;
        var p = node["properties"]!;
        Assert.Equal("inc-2021-05-12-sev-lich", (string?)p["incident"]);
        Assert.Equal("am-mod", (string?)p["claimant"]);
        var d = p["displacement"]!.AsObject();
        Assert.Equal("sev-lich", (string?)d["origin"]);
        Assert.True(d.ContainsKey("azimuth_deg"));
        Assert.Null(d["azimuth_deg"]); // bearing unknown
        Assert.Equal(3500, (double)d["distance_m"]!);
        Assert.Equal("AM-SU", (string?)d["toward_region"]);
        Assert.Equal("border-band", (string?)p["derivation"]!["method"]);
        Assert.Null(node["geometry"]);
    }

    [Fact]
    public void Read_OriginAsLonLat_IsAPositionAndWrittenBackAsLonLat()
    {
        var claim = ModelFeatures.Claims.ReadJsonOrThrow(Feature("""{"incident":"i","claimant":"am-mod","asserted":"a","displacement":{"origin":[46.22931,39.58752],"azimuth_deg":90,"distance_m":3500}}"""));
        var origin = claim.Displacement!.Origin;
        Assert.Null(origin.PlaceId);
        Assert.Equal(39.58752, origin.Position!.Value.LatitudeDegrees);
        Assert.Equal(90, claim.Displacement.Azimuth!.Value.Degrees);
        var written = JsonNode.Parse(ModelFeatures.Claims.ToJson(claim))!["properties"]!["displacement"]!["origin"]!.AsArray();
        Assert.Equal([46.22931, 39.58752], written.Select(n => (double)n!));
    }

    [Fact]
    public void Read_WithoutClaimant_ReportsPropertiesClaimant()
    {
        var result = ModelFeatures.Claims.ReadJson(Feature("""{"incident":"i","asserted":"a"}"""));
        Assert.Equal(["feature 1: properties.claimant: a claim needs a claimant (the id of the party that makes it)"], result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3500")]
    public void Read_DistanceNotPositive_ReportsTheDistanceField(string distance)
    {
        var result = ModelFeatures.Claims.ReadJson(Feature($$$"""{"incident":"i","claimant":"am-mod","asserted":"a","displacement":{"origin":"sev-lich","distance_m":{{{distance}}}}}"""));
        var error = Assert.Single(result.Errors);
        Assert.Equal("properties.displacement.distance_m", error.Field);
        Assert.Contains("greater than 0 m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DisplacementProblems_AreAllReported()
    {
        var result = ModelFeatures.Claims.ReadJson(Feature("""{"incident":"i","claimant":"am-mod","asserted":"a","displacement":{"origin":[46.2,99],"azimuth_deg":"east"}}"""));
        Assert.Equal(["properties.displacement.azimuth_deg", "properties.displacement.distance_m", "properties.displacement.origin"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_UnknownDerivationMethod_IsAnError()
    {
        var result = ModelFeatures.Claims.ReadJson(Feature("""{"incident":"i","claimant":"am-mod","asserted":"a","derivation":{"method":"guess","region":"AM-SU","depth_m":1}}"""));
        var error = Assert.Single(result.Errors);
        Assert.Equal("properties.derivation.method", error.Field);
        Assert.Contains("known: border-band", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DerivationWithoutReferenceLines_IsAnError()
    {
        var result = ModelFeatures.Claims.ReadJson(Feature("""{"incident":"i","claimant":"am-mod","asserted":"a","derivation":{"method":"border-band","region":"AM-SU","depth_m":3000,"reference_lines":[]}}"""));
        Assert.Equal("properties.derivation.reference_lines", Assert.Single(result.Errors).Field);
    }
}
