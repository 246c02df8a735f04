using GeoIncidents.Core.Validation;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Model;

/// <summary>
/// An administrative region: a country or a first-level unit (province, district, city), with its outline, names,
/// source, licence and the stated positional accuracy of that outline.
/// </summary>
public sealed record Region
{
    private Region(string id, RegionKind kind, string name, string? nameLocal, string? isoCode, string country, MultiPolygon geometry, string source, string licence, PositionalAccuracy accuracy)
    {
        Id = id;
        Kind = kind;
        Name = name;
        NameLocal = nameLocal;
        IsoCode = isoCode;
        Country = country;
        Geometry = geometry;
        Source = source;
        Licence = licence;
        Accuracy = accuracy;
    }

    /// <summary>The stable id: the ISO 3166 code (<c>AM</c>, <c>AM-SU</c>), or the source's code when ISO has none.</summary>
    public string Id { get; }

    /// <summary>What the region is.</summary>
    public RegionKind Kind { get; }

    /// <summary>The English name.</summary>
    public string Name { get; }

    /// <summary>The name in the local language and script, or null.</summary>
    public string? NameLocal { get; }

    /// <summary>The ISO 3166-1 alpha-2 or ISO 3166-2 code, or null when ISO has none (Shusha city).</summary>
    public string? IsoCode { get; }

    /// <summary>The country, ISO 3166-1 alpha-2.</summary>
    public string Country { get; }

    /// <summary>The outline, EPSG:4326.</summary>
    public MultiPolygon Geometry { get; }

    /// <summary>Where the outline comes from.</summary>
    public string Source { get; }

    /// <summary>The licence of the outline and names.</summary>
    public string Licence { get; }

    /// <summary>The stated positional accuracy of the outline.</summary>
    public PositionalAccuracy Accuracy { get; }

    /// <summary>Creates a region.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="kind">What the region is.</param>
    /// <param name="name">The English name (required).</param>
    /// <param name="country">ISO 3166-1 alpha-2.</param>
    /// <param name="geometry">A valid EPSG:4326 MultiPolygon.</param>
    /// <param name="source">Where the outline comes from (required).</param>
    /// <param name="licence">The licence (required).</param>
    /// <param name="accuracy">The stated positional accuracy.</param>
    /// <param name="nameLocal">The local name, or null.</param>
    /// <param name="isoCode">The ISO 3166 code, or null.</param>
    /// <returns>The region.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static Region Create(
        string id,
        RegionKind kind,
        string name,
        string country,
        MultiPolygon geometry,
        string source,
        string licence,
        PositionalAccuracy accuracy,
        string? nameLocal = null,
        string? isoCode = null)
    {
        var issues = new IssueCollector();
        var regionId = issues.Id("id", id);
        issues.Defined("kind", kind);
        var en = issues.Text("name", name, 200);
        var local = issues.OptionalText("name_local", nameLocal, 200);
        var iso = issues.OptionalText("iso_3166", isoCode, 10);
        if (!CountryCodes.IsAlpha2(country))
        {
            issues.Error(ValidationCodes.InvalidFormat, "country", $"'{country}' is not an ISO 3166-1 alpha-2 code");
        }

        issues.Geometry("geometry", geometry, required: true, typeof(MultiPolygon));
        var src = issues.Text("source", source, 500);
        var lic = issues.Text("licence", licence, 500);
        if (accuracy is null)
        {
            issues.Error(ValidationCodes.Required, "accuracy_p95_m", "a stated positional accuracy is required");
        }

        issues.ThrowIfErrors("region");
        return new Region(regionId, kind, en, local, iso, country, geometry, src, lic, accuracy!);
    }
}
