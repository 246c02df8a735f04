using System.Text.Json;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Bench;

/// <summary>The shipped reference lines, read straight from the repository's data/ folder (bench only).</summary>
internal static class BorderData
{
    /// <summary>The Syunik box (lon 45.9–46.7 E, lat 38.85–39.8 N): the points of the point-to-border benchmark.</summary>
    public static (double West, double South, double East, double North) SyunikBox => (45.9, 38.85, 46.7, 39.8);

    /// <summary>Reads a reference line (<c>ne-10m</c>, <c>osm-2020</c>) as an EPSG:4326 MultiLineString.</summary>
    public static MultiLineString ReferenceLine(string id)
    {
        var path = Path.Combine(RepositoryRoot(), "data", "reference-lines", id, id + ".geojson");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var geometry = doc.RootElement.GetProperty("features")[0].GetProperty("geometry");
        var parts = geometry.GetProperty("coordinates").EnumerateArray()
            .Select(part => GeometryFactories.Wgs84.CreateLineString(part.EnumerateArray()
                .Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray()))
            .ToArray();
        return GeometryFactories.Wgs84.CreateMultiLineString(parts);
    }

    /// <summary>Deterministic uniform points in the Syunik box, lat,lon pairs.</summary>
    public static double[] SyunikPoints(int count, int seed)
    {
        var (w, s, e, n) = SyunikBox;
        var random = new Random(seed);
        var v = new double[count * 2];
        for (var i = 0; i < count; i++)
        {
            v[2 * i] = s + (random.NextDouble() * (n - s));
            v[(2 * i) + 1] = w + (random.NextDouble() * (e - w));
        }

        return v;
    }

    private static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("GEOINCIDENTS_REPO") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GeoIncidents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("set GEOINCIDENTS_REPO or run the benchmark from inside the repository (GeoIncidents.sln not found above " + AppContext.BaseDirectory + ")");
    }
}
