using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Model;

/// <summary>
/// How a corridor zone's geometry is derived (method <c>corridor</c>): a band <see cref="Width"/> wide in total
/// (half on each side) around a centreline through <see cref="Centreline"/>, each leg being the WGS84 geodesic between
/// consecutive waypoints. The analyses execute it (a geodesic buffer); this record only states it.
/// </summary>
public sealed record CorridorDerivation
{
    /// <summary>The method name in GeoJSON (<c>derivation.method</c>).</summary>
    public const string Method = "corridor";

    private CorridorDerivation(string description, ValueList<PointReference> centreline, Length width, string? legalBasis)
    {
        Description = description;
        Centreline = centreline;
        Width = width;
        LegalBasis = legalBasis;
    }

    /// <summary>What the derivation does and why, at most 4,000 characters. GeoJSON <c>description</c>.</summary>
    public string Description { get; }

    /// <summary>The centreline's waypoints, at least two, in order. GeoJSON <c>centreline</c>: [{place} | {position, label}].</summary>
    public ValueList<PointReference> Centreline { get; }

    /// <summary>The total width (both sides together), greater than 0 m. GeoJSON <c>width_m</c>.</summary>
    public Length Width { get; }

    /// <summary>The text that defines the zone (e.g. "S2 point 6"), or null. GeoJSON <c>legal_basis</c>.</summary>
    public string? LegalBasis { get; }

    /// <summary>Creates the derivation.</summary>
    /// <param name="description">What the derivation does and why.</param>
    /// <param name="centreline">At least two waypoints.</param>
    /// <param name="width">The total width, greater than 0 m, at most 1,000 km.</param>
    /// <param name="legalBasis">The defining text, or null.</param>
    /// <returns>The derivation.</returns>
    /// <exception cref="RecordValidationException">A value is missing or out of range; the issues name the fields.</exception>
    public static CorridorDerivation Create(string description, IEnumerable<PointReference> centreline, Length width, string? legalBasis = null)
    {
        var issues = new IssueCollector();
        var text = issues.Text("description", description, 4_000);
        var points = ValueList.From(centreline);
        if (points.Count < 2)
        {
            issues.Error(ValidationCodes.Required, "centreline", $"a centreline needs at least two waypoints (has {points.Count})");
        }

        if (points.Any(p => p is null))
        {
            issues.Error(ValidationCodes.Required, "centreline", "a waypoint is null");
        }

        issues.Positive("width_m", width, "a corridor width");
        if (width.Meters > 1_000_000)
        {
            issues.Error(ValidationCodes.OutOfRange, "width_m", "a corridor width must be at most 1,000 km");
        }

        var basis = issues.OptionalText("legal_basis", legalBasis, 500);
        issues.ThrowIfErrors("corridor derivation");
        return new CorridorDerivation(text, points, width, basis);
    }
}
