using System.Text.Json;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Tests.Buffers;

/// <summary>
/// The shipped reference lines (data/reference-lines, copied beside the tests), read directly with
/// System.Text.Json: Geodesy's tests may not reach Core's GeoJSON reader.
/// </summary>
internal static class ShippedLines
{
    /// <summary>Northern limit of Syunik (AM-SU) in data/regions/provinces.geojson, degrees.</summary>
    public const double SyunikNorthernLatitudeDegrees = 39.85;

    /// <summary>Part <paramref name="part"/> of a reference line's MultiLineString, X = lon, Y = lat.</summary>
    public static Coordinate[] Part(string lineId, int part)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "reference-lines", lineId, lineId + ".geojson");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var coordinates = doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[part];
        return [.. coordinates.EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble()))];
    }

    /// <summary>Every part of a reference line's MultiLineString, X = lon, Y = lat, in file order.</summary>
    public static Coordinate[][] Parts(string lineId)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "reference-lines", lineId, lineId + ".geojson");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var parts = doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        return [.. parts.EnumerateArray().Select(p => p.EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray())];
    }

    /// <summary>A reference line as an EPSG:4326 MultiLineString (SRID 4326, X = lon, Y = lat).</summary>
    public static MultiLineString MultiLine(string lineId) => GeoIncidents.Geodesy.Geometries.GeometryFactories.Wgs84.CreateMultiLineString(
        [.. Parts(lineId).Select(p => GeoIncidents.Geodesy.Geometries.GeometryFactories.Wgs84.CreateLineString(p))]);

    /// <summary>
    /// The Syunik stretch of osm-2020: its main part (0) from the Iran tripoint north to the first vertex beyond
    /// Syunik's northern limit, about 280 km and 607 vertices.
    /// </summary>
    public static Coordinate[] SyunikStretchOfOsm2020()
    {
        var main = Part("osm-2020", 0);
        var end = Array.FindIndex(main, c => c.Y > SyunikNorthernLatitudeDegrees);
        return main[..(end + 1)];
    }
}
