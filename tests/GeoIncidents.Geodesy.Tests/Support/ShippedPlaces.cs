using System.Text.Json;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Geodesy.Tests.Support;

/// <summary>The shipped places (data/places/places.geojson, copied beside the tests), read with System.Text.Json.</summary>
internal static class ShippedPlaces
{
    /// <summary>Every place: its id, its country (ISO alpha-3 as in the file: ARM, AZE) and its position.</summary>
    public static IReadOnlyList<(string Id, string Country, GeoPosition Position)> All()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "places", "places.geojson");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. doc.RootElement.GetProperty("features").EnumerateArray().Select(f =>
        {
            var c = f.GetProperty("geometry").GetProperty("coordinates");
            var p = f.GetProperty("properties");
            return (p.GetProperty("id").GetString()!, p.GetProperty("country").GetString()!,
                GeoPosition.FromLonLat(c[0].GetDouble(), c[1].GetDouble()));
        })];
    }

    /// <summary>One place's position.</summary>
    public static GeoPosition Get(string id) => All().Single(p => p.Id == id).Position;
}
