using GeoIncidents.Core.Interchange;
using NetTopologySuite.Features;

namespace GeoIncidents.Core.ShippedData;

/// <summary>
/// The boundary and place data that ships with GeoIncidents (the repository's <c>data/</c> folder, copied
/// into the build output of every program that references Core), read with GeoJSON4STJ and mapped to the
/// project's collection schemas (README, "Schemas").
/// </summary>
public sealed class ShippedDataSet
{
    /// <summary>Environment variable that points at another data folder (same layout as <c>data/</c>).</summary>
    public const string DataDirectoryVariable = "GEOINCIDENTS_DATA_DIR";

    private const string NaturalEarthLicence = "Public domain (Natural Earth)";

    private ShippedDataSet(string directory, IReadOnlyList<IFeature> regions, IReadOnlyList<IFeature> referenceLines, IReadOnlyList<IFeature> places)
    {
        Directory = directory;
        Regions = regions;
        ReferenceLines = referenceLines;
        Places = places;
    }

    /// <summary>The folder the data was read from.</summary>
    public string Directory { get; }

    /// <summary>Countries (kind <c>country</c>) and their first-level units (<c>province</c>, <c>district</c>, <c>city</c>), MultiPolygons.</summary>
    public IReadOnlyList<IFeature> Regions { get; }

    /// <summary>Reference border lines (<c>ne-10m</c>, <c>osm-2020</c>), MultiLineStrings oriented with <c>left_country</c> on the left.</summary>
    public IReadOnlyList<IFeature> ReferenceLines { get; }

    /// <summary>Sourced places (GeoNames points), with alternate names.</summary>
    public IReadOnlyList<IFeature> Places { get; }

    /// <summary>
    /// Finds the data folder: <c>GEOINCIDENTS_DATA_DIR</c> when set, else <c>data/</c> beside the running program
    /// (<see cref="AppContext.BaseDirectory"/>), so every command works from any current directory.
    /// </summary>
    /// <returns>The absolute path of the data folder.</returns>
    /// <exception cref="DirectoryNotFoundException">No data folder is found.</exception>
    public static string LocateDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        var candidate = string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(AppContext.BaseDirectory, "data")
            : Path.GetFullPath(fromEnvironment);
        if (!System.IO.Directory.Exists(Path.Combine(candidate, "regions")))
        {
            throw new DirectoryNotFoundException(
                $"The shipped data folder was not found at '{candidate}' (expected regions/, reference-lines/, places/). " +
                $"Set {DataDirectoryVariable} to a copy of the repository's data/ folder.");
        }

        return candidate;
    }

    /// <summary>Reads the shipped data.</summary>
    /// <param name="directory">The data folder; <see cref="LocateDirectory"/> when null.</param>
    /// <returns>The data set, with every geometry in EPSG:4326.</returns>
    /// <exception cref="DirectoryNotFoundException">No data folder is found.</exception>
    /// <exception cref="InvalidDataException">A file is not valid GeoJSON.</exception>
    public static ShippedDataSet Load(string? directory = null)
    {
        var dir = directory ?? LocateDirectory();
        var regions = new List<IFeature>();
        regions.AddRange(GeoJsonSerialization.ReadFeatureCollection(Path.Combine(dir, "regions", "countries.geojson")).Select(MapCountry));
        regions.AddRange(GeoJsonSerialization.ReadFeatureCollection(Path.Combine(dir, "regions", "provinces.geojson")).Select(MapProvince));

        var lines = new List<IFeature>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(dir, "reference-lines"), "*.geojson", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            lines.AddRange(GeoJsonSerialization.ReadFeatureCollection(file).Select(f => Copy(f, f.Attributes.GetNames())));
        }

        var places = GeoJsonSerialization.ReadFeatureCollection(Path.Combine(dir, "places", "places.geojson"))
            .Select(f => Copy(f, f.Attributes.GetNames()))
            .ToList();
        return new ShippedDataSet(dir, regions, lines, places);
    }

    private static Feature MapCountry(IFeature f)
    {
        var a = f.Attributes;
        var code = Text(a, "iso_a2") ?? throw new InvalidDataException("A country lacks iso_a2.");
        var table = new AttributesTable
        {
            { "id", code },
            { "kind", "country" },
            { "name", Text(a, "name") },
            { "name_local", null },
            { "iso_3166", code },
            { "country", code },
            { "role", Text(a, "role") },
            { "clipped_to_bbox", a.Exists("clipped_to_bbox") && a["clipped_to_bbox"] is true },
            { "source", Text(a, "source") },
            { "licence", NaturalEarthLicence },
        };
        return new Feature(f.Geometry, table);
    }

    private static Feature MapProvince(IFeature f)
    {
        var a = f.Attributes;
        var iso = Text(a, "iso_3166_2");
        var country = Text(a, "country") switch
        {
            "ARM" => "AM",
            "AZE" => "AZ",
            var other => throw new InvalidDataException($"Unexpected province country '{other}'."),
        };
        var kind = Text(a, "type") switch
        {
            "Province" => "province",
            "District" => "district",
            "City" or "Municipality" => "city",
            var other => throw new InvalidDataException($"Unexpected province type '{other}'."),
        };
        var table = new AttributesTable
        {
            // Every unit but Shusha city has an ISO 3166-2 code (data/SOURCES.md); that one keeps NE's code.
            { "id", iso ?? Text(a, "ne_adm1_code") },
            { "kind", kind },
            { "name", Text(a, "name") },
            { "name_local", Text(a, "name_local") },
            { "iso_3166", iso },
            { "country", country },
            { "role", null },
            { "clipped_to_bbox", false },
            { "source", Text(a, "source") },
            {
                "licence", country == "AZ"
                    ? NaturalEarthLicence + "; name_local from Debian iso-codes (LGPL-2.1-or-later)"
                    : NaturalEarthLicence
            },
        };
        return new Feature(f.Geometry, table);
    }

    private static Feature Copy(IFeature f, IEnumerable<string> names)
    {
        var table = new AttributesTable();
        if (!f.Attributes.Exists(GeoJsonSerialization.IdAttribute) && f.GetOptionalId(GeoJsonSerialization.IdAttribute) is { } id)
        {
            table.Add(GeoJsonSerialization.IdAttribute, id);
        }

        foreach (var name in names)
        {
            table.Add(name, f.Attributes[name]);
        }

        return new Feature(f.Geometry, table);
    }

    private static string? Text(IAttributesTable a, string name) => a.Exists(name) ? a[name]?.ToString() : null;
}
