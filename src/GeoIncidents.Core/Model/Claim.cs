using GeoIncidents.Core.Validation;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Model;

/// <summary>
/// What one party asserts about an incident: a short text, and where and when, as a geometry with its precision, a
/// displacement ("3.5 km into Syunik from Sev Lich"), or the parameters of an area derived from the border. Two claims
/// of one incident may contradict each other; the analyses measure each and compare them.
/// </summary>
/// <remarks>A vague claim is never turned into an invented point: it carries a <see cref="Derivation"/> (the analyses
/// compute its geometry from it) or a sourced place with a radius, and <see cref="Geometry"/> stays null until computed.</remarks>
public sealed record Claim
{
    private Claim(
        string id,
        string incidentId,
        string claimantId,
        string asserted,
        Occurrence? occurred,
        DateOnly? statedOn,
        Geometry? geometry,
        LocationPrecision? locationPrecision,
        Displacement? displacement,
        BorderBandDerivation? derivation,
        ValueList<Source> sources,
        int revision,
        DateTimeOffset? updated,
        ValueList<ValidationIssue> warnings)
    {
        Id = id;
        IncidentId = incidentId;
        ClaimantId = claimantId;
        Asserted = asserted;
        Occurred = occurred;
        StatedOn = statedOn;
        Geometry = geometry;
        LocationPrecision = locationPrecision;
        Displacement = displacement;
        Derivation = derivation;
        Sources = sources;
        Revision = revision;
        Updated = updated;
        Warnings = warnings;
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The incident the claim is about. GeoJSON <c>incident</c>.</summary>
    public string IncidentId { get; }

    /// <summary>The party making the claim. GeoJSON <c>claimant</c>.</summary>
    public string ClaimantId { get; }

    /// <summary>What is asserted, in short (at most 1,000 characters). GeoJSON <c>asserted</c>.</summary>
    public string Asserted { get; }

    /// <summary>When the claim says it happened, or null (the incident's time). GeoJSON <c>occurred</c>, <c>occurred_precision</c>.</summary>
    public Occurrence? Occurred { get; }

    /// <summary>When the claim was made (UTC calendar date), or null. GeoJSON <c>stated_on</c>.</summary>
    public DateOnly? StatedOn { get; }

    /// <summary>Where, as an EPSG:4326 geometry, or null (unlocated, or not yet derived).</summary>
    public Geometry? Geometry { get; }

    /// <summary>The precision of <see cref="Geometry"/>, or null. GeoJSON <c>location_precision_m</c> (+ scheme and code).</summary>
    public LocationPrecision? LocationPrecision { get; }

    /// <summary>A claimed movement, or null. GeoJSON <c>displacement</c>.</summary>
    public Displacement? Displacement { get; }

    /// <summary>The parameters of the claimed area, or null. GeoJSON <c>derivation</c>.</summary>
    public BorderBandDerivation? Derivation { get; }

    /// <summary>The sources reporting the claim.</summary>
    public ValueList<Source> Sources { get; }

    /// <summary>The stored revision number, 0 for a record never stored.</summary>
    public int Revision { get; }

    /// <summary>When the stored record last changed (UTC), or null.</summary>
    public DateTimeOffset? Updated { get; }

    /// <summary>Warnings found by validation (suspicious, not wrong), stored with the record. GeoJSON <c>warnings</c>.</summary>
    public ValueList<ValidationIssue> Warnings { get; }

    /// <summary>Creates a claim.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="claimantId">The claimant party's id (required: a claim without claimant is an error).</param>
    /// <param name="asserted">What is asserted (required).</param>
    /// <param name="occurred">When, or null.</param>
    /// <param name="statedOn">When the claim was made, or null.</param>
    /// <param name="geometry">Where (EPSG:4326; any type but GeometryCollection), or null.</param>
    /// <param name="locationPrecision">The geometry's precision, or null.</param>
    /// <param name="displacement">A claimed movement, or null.</param>
    /// <param name="derivation">Area derivation parameters, or null.</param>
    /// <param name="sources">The sources, or null.</param>
    /// <param name="revision">The stored revision, 0 or more.</param>
    /// <param name="updated">When last stored, or null.</param>
    /// <param name="warnings">Stored warnings (severity warning only), or null.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name every field concerned.</exception>
    public static Claim Create(
        string id,
        string incidentId,
        string claimantId,
        string asserted,
        Occurrence? occurred = null,
        DateOnly? statedOn = null,
        Geometry? geometry = null,
        LocationPrecision? locationPrecision = null,
        Displacement? displacement = null,
        BorderBandDerivation? derivation = null,
        IEnumerable<Source>? sources = null,
        int revision = 0,
        DateTimeOffset? updated = null,
        IEnumerable<ValidationIssue>? warnings = null)
    {
        var issues = new IssueCollector();
        var claimId = issues.Id("id", id);
        var incident = issues.Id("incident", incidentId);
        if (string.IsNullOrEmpty(claimantId))
        {
            issues.Error(ValidationCodes.Required, "claimant", "a claim needs a claimant (the id of the party that makes it)");
        }
        else
        {
            issues.Id("claimant", claimantId);
        }

        var text = issues.Text("asserted", asserted, 1_000);
        issues.Geometry("geometry", geometry, required: false, typeof(Point), typeof(MultiPoint), typeof(LineString), typeof(MultiLineString), typeof(Polygon), typeof(MultiPolygon));
        var sourceList = ValueList.From(sources);
        RecordRules.CheckSources(issues, sourceList);
        RecordRules.CheckStorage(issues, revision, updated);
        var warningList = RecordRules.CheckWarnings(issues, warnings);
        issues.ThrowIfErrors("claim");
        return new Claim(claimId, incident, claimantId, text, occurred, statedOn, geometry, locationPrecision, displacement, derivation, sourceList, revision, updated?.ToUniversalTime(), warningList);
    }

    /// <summary>The same claim with other stored warnings.</summary>
    /// <param name="warnings">Warnings only.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="RecordValidationException">An issue is an error.</exception>
    public Claim WithWarnings(IEnumerable<ValidationIssue> warnings) =>
        Create(Id, IncidentId, ClaimantId, Asserted, Occurred, StatedOn, Geometry, LocationPrecision, Displacement, Derivation, Sources, Revision, Updated, warnings);

    /// <summary>The same claim with a (computed) geometry and its precision.</summary>
    /// <param name="geometry">The geometry, or null.</param>
    /// <param name="locationPrecision">Its precision, or null.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="RecordValidationException">The geometry is invalid.</exception>
    public Claim WithGeometry(Geometry? geometry, LocationPrecision? locationPrecision) =>
        Create(Id, IncidentId, ClaimantId, Asserted, Occurred, StatedOn, geometry, locationPrecision, Displacement, Derivation, Sources, Revision, Updated, Warnings);

    /// <summary>The same claim as stored under a revision.</summary>
    /// <param name="revision">The revision, 0 or more.</param>
    /// <param name="updated">When it was stored.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="RecordValidationException">The revision is negative.</exception>
    public Claim WithRevision(int revision, DateTimeOffset updated) =>
        Create(Id, IncidentId, ClaimantId, Asserted, Occurred, StatedOn, Geometry, LocationPrecision, Displacement, Derivation, Sources, revision, updated, Warnings);
}
