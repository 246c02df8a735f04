using System.Globalization;
using System.Text.Json;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Tests.Support;

/// <summary>The polygons of ReferenceData/planimeter-polygons.geojson and Planimeter's answers for their rings.</summary>
public static class PolygonFixtures
{
    /// <summary>Planimeter's answer for one ring (ReferenceData/planimeter-expected.txt).</summary>
    /// <param name="Name">Feature id.</param>
    /// <param name="Polygon">Polygon index within a MultiPolygon (0 for a Polygon).</param>
    /// <param name="Ring">0 for the shell, 1.. for holes.</param>
    /// <param name="PerimeterMeters">Planimeter's perimeter.</param>
    /// <param name="SignedAreaSquareMeters">Planimeter's signed area (counter-clockwise positive).</param>
    /// <param name="PolylineLengthMeters">Planimeter -l: the ring as an open polyline (closing vertex included).</param>
    public sealed record RingAnswer(string Name, int Polygon, int Ring, double PerimeterMeters, double SignedAreaSquareMeters, double PolylineLengthMeters);

    /// <summary>Every fixture geometry by feature id (SRID 4326).</summary>
    public static IReadOnlyDictionary<string, Geometry> Geometries { get; } = ReadGeometries();

    /// <summary>Planimeter's answers, one per ring.</summary>
    public static IReadOnlyList<RingAnswer> Answers { get; } = ReadAnswers();

    private static Dictionary<string, Geometry> ReadGeometries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.PathOf("planimeter-polygons.geojson")));
        var result = new Dictionary<string, Geometry>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            result[feature.GetProperty("id").GetString()!] = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => ToPolygon(coordinates),
                "MultiPolygon" => GeometryFactories.Wgs84.CreateMultiPolygon(coordinates.EnumerateArray().Select(ToPolygon).ToArray()),
                var t => throw new InvalidDataException($"unexpected geometry {t}"),
            };
        }

        return result;
    }

    /// <summary>A GeoJSON polygon's coordinates ([[[lon, lat], ...], ...]) as an NTS Polygon, vertex order kept.</summary>
    /// <param name="rings">The coordinates array.</param>
    /// <returns>The polygon.</returns>
    public static Polygon ToPolygon(JsonElement rings)
    {
        var linearRings = rings.EnumerateArray()
            .Select(r => GeometryFactories.Wgs84.CreateLinearRing(r.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray()))
            .ToArray();
        return GeometryFactories.Wgs84.CreatePolygon(linearRings[0], linearRings[1..]);
    }

    private static List<RingAnswer> ReadAnswers() =>
        File.ReadLines(ReferenceData.PathOf("planimeter-expected.txt"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new RingAnswer(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture),
                D(p[4]), D(p[5]), D(p[7])))
            .ToList();

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
