using GeoIncidents.Core.Validation;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Model;

/// <summary>One part of a reference line: what stretch of border it depicts.</summary>
/// <param name="Index">The part's index in the MultiLineString, from 0.</param>
/// <param name="Kind">What the part is (<c>main</c>, <c>nakhchivan</c>, <c>exclave</c>).</param>
/// <param name="Segment">A description of the stretch, or null.</param>
/// <param name="ExclaveOf">For an exclave ring, the country it belongs to (alpha-2), or null.</param>
public sealed record ReferenceLinePart(int Index, string Kind, string? Segment, string? ExclaveOf);

/// <summary>
/// A depiction of a border used to measure against (<c>ne-10m</c>, <c>osm-2020</c>): a MultiLineString every part of
/// which runs with <see cref="LeftCountry"/> on its left, with its validity, source, licence and stated accuracy.
/// Several lines coexist; measurements say which they used and how far the others disagree.
/// </summary>
/// <remarks>For measuring, each edge between two vertices is the WGS84 geodesic between them (DESIGN.md).</remarks>
public sealed record ReferenceLine
{
    private ReferenceLine(string id, string name, string leftCountry, string rightCountry, MultiLineString geometry, DateOnly? validFrom, DateOnly? validTo, string? asOf, string source, string licence, string? attribution, PositionalAccuracy accuracy, ValueList<ReferenceLinePart> parts)
    {
        Id = id;
        Name = name;
        LeftCountry = leftCountry;
        RightCountry = rightCountry;
        Geometry = geometry;
        ValidFrom = validFrom;
        ValidTo = validTo;
        AsOf = asOf;
        Source = source;
        Licence = licence;
        Attribution = attribution;
        Accuracy = accuracy;
        Parts = parts;
    }

    /// <summary>The stable id (<c>ne-10m</c>).</summary>
    public string Id { get; }

    /// <summary>A descriptive name.</summary>
    public string Name { get; }

    /// <summary>The country on the left of every part (alpha-2).</summary>
    public string LeftCountry { get; }

    /// <summary>The country on the right of every part (alpha-2).</summary>
    public string RightCountry { get; }

    /// <summary>The line, EPSG:4326.</summary>
    public MultiLineString Geometry { get; }

    /// <summary>The first day the line is valid, or null (always).</summary>
    public DateOnly? ValidFrom { get; }

    /// <summary>The last day the line is valid, or null (still valid).</summary>
    public DateOnly? ValidTo { get; }

    /// <summary>The date of the depiction as text (a release or export date), or null.</summary>
    public string? AsOf { get; }

    /// <summary>Where the line comes from.</summary>
    public string Source { get; }

    /// <summary>The licence (ODbL for OSM-derived lines).</summary>
    public string Licence { get; }

    /// <summary>The attribution to show, or null.</summary>
    public string? Attribution { get; }

    /// <summary>The stated positional accuracy.</summary>
    public PositionalAccuracy Accuracy { get; }

    /// <summary>What each part depicts (may be empty).</summary>
    public ValueList<ReferenceLinePart> Parts { get; }

    /// <summary>Creates a reference line.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="name">A descriptive name (required).</param>
    /// <param name="leftCountry">The country on the left (alpha-2).</param>
    /// <param name="rightCountry">The country on the right (alpha-2), different from the left.</param>
    /// <param name="geometry">An EPSG:4326 MultiLineString.</param>
    /// <param name="source">Where it comes from (required).</param>
    /// <param name="licence">The licence (required).</param>
    /// <param name="accuracy">The stated accuracy.</param>
    /// <param name="validFrom">The first valid day, or null.</param>
    /// <param name="validTo">The last valid day, or null; not before <paramref name="validFrom"/>.</param>
    /// <param name="asOf">The depiction's date as text, or null.</param>
    /// <param name="attribution">The attribution to show, or null.</param>
    /// <param name="parts">What each part depicts, or null.</param>
    /// <returns>The line.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static ReferenceLine Create(
        string id,
        string name,
        string leftCountry,
        string rightCountry,
        MultiLineString geometry,
        string source,
        string licence,
        PositionalAccuracy accuracy,
        DateOnly? validFrom = null,
        DateOnly? validTo = null,
        string? asOf = null,
        string? attribution = null,
        IEnumerable<ReferenceLinePart>? parts = null)
    {
        var issues = new IssueCollector();
        var lineId = issues.Id("id", id);
        var n = issues.Text("name", name, 500);
        foreach (var (field, code) in new[] { ("left_country", leftCountry), ("right_country", rightCountry) })
        {
            if (!CountryCodes.IsAlpha2(code))
            {
                issues.Error(ValidationCodes.InvalidFormat, field, $"'{code}' is not an ISO 3166-1 alpha-2 code");
            }
        }

        if (leftCountry == rightCountry)
        {
            issues.Error(ValidationCodes.Inconsistent, "right_country", "the left and right countries must differ");
        }

        issues.Geometry("geometry", geometry, required: true, typeof(MultiLineString));
        var src = issues.Text("source", source, 1_000);
        var lic = issues.Text("licence", licence, 500);
        if (accuracy is null)
        {
            issues.Error(ValidationCodes.Required, "accuracy_p95_m", "a stated positional accuracy is required");
        }

        if (validFrom is { } f && validTo is { } t && t < f)
        {
            issues.Error(ValidationCodes.EndBeforeStart, "valid_to", $"valid_to {t:yyyy-MM-dd} is before valid_from {f:yyyy-MM-dd}");
        }

        var partList = ValueList.From(parts);
        if (geometry is not null && partList.Any(p => p.Index < 0 || p.Index >= geometry.NumGeometries))
        {
            issues.Error(ValidationCodes.OutOfRange, "parts", $"a part index is outside 0–{geometry.NumGeometries - 1}");
        }

        issues.ThrowIfErrors("reference line");
        return new ReferenceLine(lineId, n, leftCountry, rightCountry, geometry!, validFrom, validTo, issues.OptionalText("as_of", asOf, 200), src, lic, issues.OptionalText("attribution", attribution, 500), accuracy!, partList);
    }
}
