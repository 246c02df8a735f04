using GeoIncidents.Core.Validation;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Model;

/// <summary>
/// Something that happened (or is said to have happened): a stable id, title, type, status, when (with its
/// precision), optionally where (with its precision as a radius or an ACLED/UCDP code), the first-level region it is
/// assigned to, tags, a description, its sources and each party's claims about it. To create one, a title, a type and
/// an occurrence are enough.
/// </summary>
public sealed record Incident
{
    /// <summary>The longest title accepted, in characters.</summary>
    public const int MaxTitleLength = 300;

    private Incident(
        string id,
        string title,
        IncidentType type,
        IncidentStatus status,
        Occurrence occurred,
        Geometry? geometry,
        LocationPrecision? locationPrecision,
        string? admin1,
        string? description,
        ValueList<string> tags,
        ValueList<Source> sources,
        ValueList<Claim> claims,
        int revision,
        DateTimeOffset? updated,
        ValueList<ValidationIssue> warnings)
    {
        Id = id;
        Title = title;
        Type = type;
        Status = status;
        Occurred = occurred;
        Geometry = geometry;
        LocationPrecision = locationPrecision;
        Admin1 = admin1;
        Description = description;
        Tags = tags;
        Sources = sources;
        Claims = claims;
        Revision = revision;
        Updated = updated;
        Warnings = warnings;
    }

    /// <summary>The stable id (the GeoJSON Feature's <c>id</c>).</summary>
    public string Id { get; }

    /// <summary>A short title, at most <see cref="MaxTitleLength"/> characters.</summary>
    public string Title { get; }

    /// <summary>What kind of event it is.</summary>
    public IncidentType Type { get; }

    /// <summary>How established it is.</summary>
    public IncidentStatus Status { get; }

    /// <summary>When it happened, with its precision.</summary>
    public Occurrence Occurred { get; }

    /// <summary>Where, as an EPSG:4326 geometry, or null when unlocated.</summary>
    public Geometry? Geometry { get; }

    /// <summary>The precision of <see cref="Geometry"/>, or null.</summary>
    public LocationPrecision? LocationPrecision { get; }

    /// <summary>The first-level region it is assigned to (a region id such as <c>AM-SU</c>), or null.</summary>
    public string? Admin1 { get; }

    /// <summary>A description, at most 10,000 characters, or null.</summary>
    public string? Description { get; }

    /// <summary>Free tags (each 1–64 characters, no duplicates).</summary>
    public ValueList<string> Tags { get; }

    /// <summary>The sources reporting it.</summary>
    public ValueList<Source> Sources { get; }

    /// <summary>The claims about it (each with <see cref="Claim.IncidentId"/> equal to <see cref="Id"/>).</summary>
    public ValueList<Claim> Claims { get; }

    /// <summary>The stored revision number, 0 for a record never stored.</summary>
    public int Revision { get; }

    /// <summary>When the stored record last changed (UTC), or null.</summary>
    public DateTimeOffset? Updated { get; }

    /// <summary>Warnings found by validation (suspicious, not wrong), stored with the record.</summary>
    public ValueList<ValidationIssue> Warnings { get; }

    /// <summary>Creates an incident.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="title">A short title (required).</param>
    /// <param name="type">What kind of event.</param>
    /// <param name="occurred">When.</param>
    /// <param name="status">How established; <see cref="IncidentStatus.Reported"/> by default.</param>
    /// <param name="geometry">Where (EPSG:4326; any type but GeometryCollection), or null.</param>
    /// <param name="locationPrecision">The geometry's precision, or null.</param>
    /// <param name="admin1">The assigned first-level region id, or null.</param>
    /// <param name="description">A description, or null.</param>
    /// <param name="tags">Tags, or null.</param>
    /// <param name="sources">The sources, or null.</param>
    /// <param name="claims">The claims (all about this incident), or null.</param>
    /// <param name="revision">The stored revision, 0 or more.</param>
    /// <param name="updated">When last stored, or null.</param>
    /// <param name="warnings">Stored warnings (severity warning only), or null.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name every field concerned.</exception>
    public static Incident Create(
        string id,
        string title,
        IncidentType type,
        Occurrence occurred,
        IncidentStatus status = IncidentStatus.Reported,
        Geometry? geometry = null,
        LocationPrecision? locationPrecision = null,
        string? admin1 = null,
        string? description = null,
        IEnumerable<string>? tags = null,
        IEnumerable<Source>? sources = null,
        IEnumerable<Claim>? claims = null,
        int revision = 0,
        DateTimeOffset? updated = null,
        IEnumerable<ValidationIssue>? warnings = null)
    {
        var issues = new IssueCollector();
        var incidentId = issues.Id("id", id);
        var text = issues.Text("title", title, MaxTitleLength);
        issues.Defined("type", type);
        issues.Defined("status", status);
        issues.Geometry("geometry", geometry, required: false, typeof(Point), typeof(MultiPoint), typeof(LineString), typeof(MultiLineString), typeof(Polygon), typeof(MultiPolygon));
        var region = issues.OptionalId("admin1", admin1);
        var desc = issues.OptionalText("description", description, 10_000);
        var tagList = ValueList.From(tags);
        for (var i = 0; i < tagList.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tagList[i]) || tagList[i].Length > 64 || tagList[i] != tagList[i].Trim())
            {
                issues.Error(ValidationCodes.InvalidFormat, $"tags[{i}]", "a tag is 1–64 characters without leading or trailing spaces");
            }
        }

        if (RecordRules.HasRepeatedText(tagList))
        {
            issues.Error(ValidationCodes.DuplicateId, "tags", "a tag is listed twice");
        }

        var sourceList = ValueList.From(sources);
        RecordRules.CheckSources(issues, sourceList);
        var claimList = ValueList.From(claims);
        for (var i = 0; i < claimList.Count; i++)
        {
            if (claimList[i] is null)
            {
                issues.Error(ValidationCodes.Required, $"claims[{i}]", "a claim is null");
            }
            else if (claimList[i].IncidentId != incidentId)
            {
                issues.Error(ValidationCodes.Inconsistent, $"claims[{i}].incident", $"claim '{claimList[i].Id}' is about incident '{claimList[i].IncidentId}', not '{incidentId}'");
            }
        }

        if (RecordRules.FirstRepeatedId(claimList, c => c.Id) is { } duplicate)
        {
            issues.Error(ValidationCodes.DuplicateId, "claims", $"claim '{duplicate}' is listed twice");
        }

        RecordRules.CheckStorage(issues, revision, updated);
        var warningList = RecordRules.CheckWarnings(issues, warnings);
        issues.ThrowIfErrors("incident");
        return new Incident(incidentId, text, type, status, occurred, geometry, locationPrecision, region, desc, tagList, sourceList, claimList, revision, updated?.ToUniversalTime(), warningList);
    }

    /// <summary>The same incident with other claims.</summary>
    /// <param name="claims">Claims about this incident.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="RecordValidationException">A claim is about another incident, or ids repeat.</exception>
    public Incident WithClaims(IEnumerable<Claim> claims) => With(claims: claims);

    /// <summary>The same incident with other stored warnings.</summary>
    /// <param name="warnings">Warnings only.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="RecordValidationException">An issue is an error.</exception>
    public Incident WithWarnings(IEnumerable<ValidationIssue> warnings) => With(warnings: warnings);

    /// <summary>The same incident with another assigned region (computed by the analyses).</summary>
    /// <param name="admin1">The region id, or null.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="RecordValidationException">The id is not a stable id.</exception>
    public Incident WithAdmin1(string? admin1) =>
        Create(Id, Title, Type, Occurred, Status, Geometry, LocationPrecision, admin1, Description, Tags, Sources, Claims, Revision, Updated, Warnings);

    /// <summary>The same incident with another status (a delete retracts).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="RecordValidationException">The status is not defined.</exception>
    public Incident WithStatus(IncidentStatus status) =>
        Create(Id, Title, Type, Occurred, status, Geometry, LocationPrecision, Admin1, Description, Tags, Sources, Claims, Revision, Updated, Warnings);

    /// <summary>The same incident as stored under a revision.</summary>
    /// <param name="revision">The revision, 0 or more.</param>
    /// <param name="updated">When it was stored.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="RecordValidationException">The revision is negative.</exception>
    public Incident WithRevision(int revision, DateTimeOffset updated) =>
        Create(Id, Title, Type, Occurred, Status, Geometry, LocationPrecision, Admin1, Description, Tags, Sources, Claims, revision, updated, Warnings);

    private Incident With(IEnumerable<Claim>? claims = null, IEnumerable<ValidationIssue>? warnings = null) =>
        Create(Id, Title, Type, Occurred, Status, Geometry, LocationPrecision, Admin1, Description, Tags, Sources, claims ?? Claims, Revision, Updated, warnings ?? Warnings);
}
