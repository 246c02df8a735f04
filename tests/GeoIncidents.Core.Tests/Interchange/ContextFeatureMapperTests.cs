using System.Text.Json.Nodes;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;

namespace GeoIncidents.Core.Tests.Interchange;

/// <summary>Round trips record → Feature → record → Feature for the other record types.</summary>
public class ContextFeatureMapperTests
{
    private static readonly SeedData Data = SeedData.Load();

    private static void AssertRoundTrip<T>(FeatureMapper<T> mapper, T record)
        where T : class
    {
        var json = mapper.ToJson(record);
        var back = mapper.ReadJson(json);
        Assert.True(back.IsValid, string.Join("; ", back.Errors));
        Assert.Equal(record, back.Value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(mapper.ToJson(back.Value!))));
    }

    [Fact]
    public void RoundTrip_Zones() => Assert.All(Data.Zones, z => AssertRoundTrip(ModelFeatures.Zones, z));

    [Fact]
    public void RoundTrip_Places() => Assert.All(Data.Places, p => AssertRoundTrip(ModelFeatures.Places, p));

    [Fact]
    public void RoundTrip_Parties() => Assert.All(Data.Parties, p => AssertRoundTrip(ModelFeatures.Parties, p));

    [Fact]
    public void RoundTrip_Sources() => Assert.All(Data.Sources, s => AssertRoundTrip(ModelFeatures.Sources, s));

    [Fact]
    public void RoundTrip_ControlEvents() => Assert.All(Data.ControlEvents, e => AssertRoundTrip(ModelFeatures.ControlEvents, e));

    [Fact]
    public void RoundTrip_ReferenceLines() => Assert.All(Data.ReferenceLines, l => AssertRoundTrip(ModelFeatures.ReferenceLines, l));

    [Fact]
    public void RoundTrip_Regions() =>
        Assert.All(Data.Regions.Where(r => r.Id is "AM" or "AM-SU" or "AZ-LAC" or "AZE-5565"), r => AssertRoundTrip(ModelFeatures.Regions, r));

    [Fact]
    public void ToJson_ZoneCentrelineKeepsPlaceIdsAndPositions()
    {
        var centreline = JsonNode.Parse(ModelFeatures.Zones.ToJson(Data.Zones.Single()))!["properties"]!["derivation"]!["centreline"]!.AsArray();
        Assert.Equal([46.4499, 39.5768], centreline[0]!["position"]!.AsArray().Select(n => (double)n!));
        Assert.Equal("lachin", (string?)centreline[1]!["place"]);
        Assert.Equal("stepanakert", (string?)centreline[2]!["place"]);
    }

    [Fact]
    public void Read_PlaceWithAlpha3Country_IsNormalised()
    {
        const string json = """{"type":"Feature","id":"goris","geometry":{"type":"Point","coordinates":[46.34168,39.51111]},"properties":{"name":"Goris","country":"ARM","source":"GeoNames"}}""";
        Assert.Equal("AM", ModelFeatures.Places.ReadJsonOrThrow(json).Country);
    }

    [Fact]
    public void Read_PlaceWithoutPoint_IsAnError()
    {
        var result = ModelFeatures.Places.ReadJson("""{"type":"Feature","id":"x","geometry":null,"properties":{"name":"X","country":"AM","source":"s"}}""");
        Assert.Equal("geometry", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Read_RegionWithoutAccuracy_IsAnError()
    {
        var result = ModelFeatures.Regions.ReadJson("""{"type":"Feature","id":"X","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"kind":"country","name":"X","country":"XX","source":"s","licence":"l"}}""");
        Assert.Equal("properties.accuracy_p95_m", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Read_ZoneWithOneWaypoint_ReportsTheCentreline()
    {
        const string json = """{"type":"Feature","id":"z","geometry":null,"properties":{"name":"Z","kind":"corridor","controlled_by":"p","valid_from":"2020-12-01","derivation":{"method":"corridor","description":"d","centreline":["lachin"],"width_m":5000}}}""";
        Assert.Equal("properties.derivation.centreline", Assert.Single(ModelFeatures.Zones.ReadJson(json).Errors).Field);
    }

    [Fact]
    public void Read_ControlEventWithBadDate_ReportsIt()
    {
        const string json = """{"type":"Feature","id":"e","geometry":null,"properties":{"subject":"AZ-AGM","subject_kind":"region","to_party":"az-gov","effective":"20 Nov 2020"}}""";
        var error = Assert.Single(ModelFeatures.ControlEvents.ReadJson(json).Errors);
        Assert.Equal("properties.effective", error.Field);
        Assert.Contains("yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }
}
