using System.Net;
using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Server.Hosting;
using GeoIncidents.Server.Tests.Support;
using GeoIncidents.Storage;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Server.Tests.Endpoints;

/// <summary>The collections come from the store named by <c>--db</c> (seeded on first use), through the Core interface.</summary>
public class StoreCollectionsTests
{
    [Fact]
    public async Task IncidentsClaimsAndZones_AreServedFromTheSeededStore()
    {
        await using var server = await RunningServer.StartAsync();

        using var incidents = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/incidents/items", UriKind.Relative)));
        using var claims = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/claims/items", UriKind.Relative)));
        using var zones = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/zones/items", UriKind.Relative)));

        Assert.Equal(5, incidents.RootElement.GetProperty("numberMatched").GetInt32());
        Assert.Equal(6, claims.RootElement.GetProperty("numberMatched").GetInt32());
        Assert.Equal(1, zones.RootElement.GetProperty("numberMatched").GetInt32());
        var first = incidents.RootElement.GetProperty("features")[0];
        Assert.Equal(1, first.GetProperty("properties").GetProperty("revision").GetInt32());
        var id = first.GetProperty("id").GetString()!;
        var item = await server.Client.GetAsync(new Uri($"collections/incidents/items/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal("MultiPolygon", zones.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("type").GetString()); // the corridor, derived on seeding
    }

    [Fact]
    public async Task Items_AWriteToTheStore_IsServedAndFilteredByDatetime()
    {
        var directory = Path.Combine(Path.GetTempPath(), "geoincidents-srv-" + Guid.NewGuid().ToString("N")[..12]);
        var db = Path.Combine(directory, "store.gpkg");
        try
        {
            var location = StoreFactory.Resolve(db);
            await using (var store = await StoreFactory.OpenAsync(location, TimeProvider.System))
            {
                var point = GeometryFactories.Wgs84.CreatePoint(new Coordinate(46.3, 39.5));
                await store.Incidents.CreateAsync(
                    Incident.Create("test-may-2030", "Added through the store", IncidentType.Shelling, Occurrence.InMonth(2030, 5), geometry: point),
                    StoreActor.CommandLine("tester"));
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var server = await RunningServer.StartAsync(new ServerOptions { Db = db });

            using var may = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/incidents/items?datetime=2030-05-31T12:00:00Z", UriKind.Relative)));
            using var june = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("collections/incidents/items?datetime=2030-06-01/..", UriKind.Relative)));
            var bad = await server.Client.GetAsync(new Uri("collections/incidents/items?datetime=yesterday", UriKind.Relative));
            var notTemporal = await server.Client.GetAsync(new Uri("collections/regions/items?datetime=2030-05-01", UriKind.Relative));

            Assert.Equal(["test-may-2030"], may.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
            Assert.Equal(0, june.RootElement.GetProperty("numberMatched").GetInt32());
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, notTemporal.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
