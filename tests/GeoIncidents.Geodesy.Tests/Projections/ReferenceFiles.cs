using System.Globalization;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Projections;

namespace GeoIncidents.Geodesy.Tests.Projections;

/// <summary>Reads the committed reference files of Projections/ReferenceData (see its README).</summary>
internal static class ReferenceFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Projections", "ReferenceData", name);

    /// <summary>The whitespace-separated fields of every line that is neither blank nor a # comment.</summary>
    public static IReadOnlyList<string[]> Rows(string name) =>
        File.ReadAllLines(PathOf(name))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    public static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The position of a row whose first two fields are lat lon.</summary>
    public static GeoPosition Position(string[] row) => GeoPosition.FromLatLon(D(row[0]), D(row[1]));

    /// <summary>A zone as GeoConvert writes it (<c>38n</c>, <c>01n</c>, <c>34s</c>).</summary>
    public static UtmZone GeoConvertZone(string text) => UtmZone.Create(
        int.Parse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture),
        char.ToLowerInvariant(text[^1]) == 'n' ? Hemisphere.North : Hemisphere.South);

    /// <summary>A number for GeographicLib and PROJ: fixed notation, never an exponent (GeodSolve reads a trailing E as East).</summary>
    public static string Fixed(double value) => value.ToString("0.0###############", CultureInfo.InvariantCulture);
}
