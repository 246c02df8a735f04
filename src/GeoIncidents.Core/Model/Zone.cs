using GeoIncidents.Core.Validation;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Model;

/// <summary>
/// An area with its own status (the Lachin corridor, a peacekeeping area): who controls it and when, its geometry or
/// the derivation it is computed from, and the positional uncertainty of that geometry with its reasoning.
/// </summary>
public sealed record Zone
{
    private Zone(string id, string name, ZoneKind kind, Geometry? geometry, string controlledBy, DateOnly validFrom, DateOnly? validTo, CorridorDerivation? derivation, PositionalUncertainty? uncertainty, ValueList<Source> sources, string? note)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Geometry = geometry;
        ControlledBy = controlledBy;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Derivation = derivation;
        Uncertainty = uncertainty;
        Sources = sources;
        Note = note;
    }

    /// <summary>The stable id (<c>lachin-corridor</c>).</summary>
    public string Id { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>What the zone is.</summary>
    public ZoneKind Kind { get; }

    /// <summary>The area (Polygon or MultiPolygon, EPSG:4326), or null until computed from <see cref="Derivation"/>.</summary>
    public Geometry? Geometry { get; }

    /// <summary>The party that controls it (a party id).</summary>
    public string ControlledBy { get; }

    /// <summary>The first day of validity (UTC calendar date).</summary>
    public DateOnly ValidFrom { get; }

    /// <summary>The last day of validity, or null (still valid).</summary>
    public DateOnly? ValidTo { get; }

    /// <summary>How the geometry is derived, or null for a geometry given directly.</summary>
    public CorridorDerivation? Derivation { get; }

    /// <summary>The positional uncertainty of the (derived) geometry, with its reasoning, or null.</summary>
    public PositionalUncertainty? Uncertainty { get; }

    /// <summary>The sources that define or report the zone.</summary>
    public ValueList<Source> Sources { get; }

    /// <summary>A note, or null.</summary>
    public string? Note { get; }

    /// <summary>Creates a zone. It needs a geometry or a derivation (or both).</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="name">The name (required).</param>
    /// <param name="kind">What the zone is.</param>
    /// <param name="controlledBy">The controlling party's id.</param>
    /// <param name="validFrom">The first valid day.</param>
    /// <param name="geometry">A Polygon or MultiPolygon in EPSG:4326, or null.</param>
    /// <param name="validTo">The last valid day, or null; not before <paramref name="validFrom"/>.</param>
    /// <param name="derivation">The derivation, or null.</param>
    /// <param name="uncertainty">The positional uncertainty, or null.</param>
    /// <param name="sources">The sources, or null.</param>
    /// <param name="note">A note, or null.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static Zone Create(
        string id,
        string name,
        ZoneKind kind,
        string controlledBy,
        DateOnly validFrom,
        Geometry? geometry = null,
        DateOnly? validTo = null,
        CorridorDerivation? derivation = null,
        PositionalUncertainty? uncertainty = null,
        IEnumerable<Source>? sources = null,
        string? note = null)
    {
        var issues = new IssueCollector();
        var zoneId = issues.Id("id", id);
        var n = issues.Text("name", name, 300);
        issues.Defined("kind", kind);
        var party = issues.Id("controlled_by", controlledBy);
        issues.Geometry("geometry", geometry, required: false, typeof(Polygon), typeof(MultiPolygon));
        if (geometry is null && derivation is null)
        {
            issues.Error(ValidationCodes.Required, "geometry", "a zone needs a geometry or a derivation to compute it from");
        }

        if (validTo is { } t && t < validFrom)
        {
            issues.Error(ValidationCodes.EndBeforeStart, "valid_to", $"valid_to {t:yyyy-MM-dd} is before valid_from {validFrom:yyyy-MM-dd}");
        }

        var text = issues.OptionalText("note", note, 2_000);
        issues.ThrowIfErrors("zone");
        return new Zone(zoneId, n, kind, geometry, party, validFrom, validTo, derivation, uncertainty, ValueList.From(sources), text);
    }

    /// <summary>The same zone with a (computed) geometry.</summary>
    /// <param name="geometry">A Polygon or MultiPolygon in EPSG:4326, or null.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="RecordValidationException">The geometry is invalid.</exception>
    public Zone WithGeometry(Geometry? geometry) => Create(Id, Name, Kind, ControlledBy, ValidFrom, geometry, ValidTo, Derivation, Uncertainty, Sources, Note);
}
