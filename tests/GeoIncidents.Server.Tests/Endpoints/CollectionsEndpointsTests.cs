using System.Net;
using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Server.Tests.Support;
using NetTopologySuite.Features;

namespace GeoIncidents.Server.Tests.Endpoints;

public class CollectionsEndpointsTests
{
    [Fact]
    public async Task Health_IsOkWithDataLoaded()
    {
        await using var server = await RunningServer.StartAsync();
        var response = await server.Client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(95, doc.RootElement.GetProperty("regions").GetInt32());
    }

    [Fact]
    public async Task RegionsItems_AreRfc7946FeaturesWithIds()
    {
        await using var server = await RunningServer.StartAsync();
        var response = await server.Client.GetAsync(new Uri("collections/regions/items?limit=200", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"crs\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bbox\":null", body, StringComparison.Ordinal);
        Assert.Contains("Սյունիք", body, StringComparison.Ordinal); // Unicode names readable, not \u-escaped

        var fc = JsonSerializer.Deserialize<FeatureCollection>(body, GeoJsonSerialization.Options)!;
        Assert.Equal(95, fc.Count);
        var syunik = fc.Single(f => GeoJsonSerialization.GetId(f) == "AM-SU");
        Assert.Equal("province", syunik.Attributes["kind"]?.ToString());
        Assert.Equal("MultiPolygon", syunik.Geometry.GeometryType);
        // lon,lat order: Syunik lies around 46E 39.5N.
        Assert.InRange(syunik.Geometry.Centroid.X, 45.5, 46.8);
        Assert.InRange(syunik.Geometry.Centroid.Y, 38.8, 40.0);
    }

    [Fact]
    public async Task Items_PagesWithNextLink()
    {
        await using var server = await RunningServer.StartAsync();
        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/regions/items?limit=40&offset=80", UriKind.Relative)));
        Assert.Equal(95, doc.RootElement.GetProperty("numberMatched").GetInt32());
        Assert.Equal(15, doc.RootElement.GetProperty("numberReturned").GetInt32());
        Assert.DoesNotContain(doc.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "next");

        using var first = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/regions/items?limit=40", UriKind.Relative)));
        var next = first.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next");
        Assert.Contains("offset=40", next.GetProperty("href").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferenceLines_BboxFiltersAndItemById()
    {
        await using var server = await RunningServer.StartAsync();
        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/reference-lines/items?bbox=46.0,39.4,46.5,39.7", UriKind.Relative)));
        Assert.Equal(2, doc.RootElement.GetProperty("numberMatched").GetInt32());
        using var none = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/reference-lines/items?bbox=10,10,11,11", UriKind.Relative)));
        Assert.Equal(0, none.RootElement.GetProperty("numberMatched").GetInt32());

        var item = await server.Client.GetAsync(new Uri("collections/reference-lines/items/osm-2020", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        using var line = JsonDocument.Parse(await item.Content.ReadAsStringAsync());
        Assert.Equal("osm-2020", line.RootElement.GetProperty("id").GetString());
        Assert.Equal("ODbL-1.0", line.RootElement.GetProperty("properties").GetProperty("licence").GetString());
    }

    [Theory]
    [InlineData("collections/nope/items", HttpStatusCode.NotFound)]
    [InlineData("collections/regions/items/XX-NOPE", HttpStatusCode.NotFound)]
    [InlineData("collections/regions/items?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("collections/regions/items?limit=abc", HttpStatusCode.BadRequest)]
    [InlineData("collections/regions/items?bbox=1,2,3", HttpStatusCode.BadRequest)]
    [InlineData("collections/regions/items?bbox=46,40,45,39", HttpStatusCode.BadRequest)]
    [InlineData("collections/regions/items?offset=-1", HttpStatusCode.BadRequest)]
    public async Task BadRequests_AreProblemDetails(string url, HttpStatusCode expected)
    {
        await using var server = await RunningServer.StartAsync();
        var response = await server.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Limit_AboveMaximum_IsClampedNotRefused()
    {
        await using var server = await RunningServer.StartAsync();
        var response = await server.Client.GetAsync(new Uri("collections/regions/items?limit=999999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
