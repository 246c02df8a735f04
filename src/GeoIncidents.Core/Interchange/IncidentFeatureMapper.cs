using GeoIncidents.Core.Model;
using GeoIncidents.Core.Validation;
using NetTopologySuite.Features;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// Incident ↔ GeoJSON Feature, per DESIGN.md "Incident as GeoJSON": Feature <c>id</c> = the incident's id, geometry
/// optional (null when unlocated), properties <c>title</c>, <c>type</c>, <c>status</c>, <c>occurred</c> (ISO 8601
/// date, date-time or interval <c>start/end</c>), <c>occurred_precision</c> (day, month, year), <c>description</c>,
/// <c>location_precision_m</c> (with <c>location_precision_scheme</c> and <c>location_precision_code</c> for ACLED/UCDP
/// codes), <c>admin1</c>, <c>tags</c>, <c>sources</c> ([{id, publisher, title, url, published, language, quote}]),
/// <c>claims</c> (claim Features, when embedded), <c>revision</c>, <c>updated</c> and <c>warnings</c> ([{code, field, message}]).
/// </summary>
/// <remarks>To create an incident, <c>title</c>, <c>type</c> and <c>occurred</c> are enough (with
/// <see cref="GeoJsonReadOptions.NewId"/> to assign the id); <c>status</c> defaults to <c>reported</c>.</remarks>
public sealed class IncidentFeatureMapper : FeatureMapper<Incident>
{
    internal IncidentFeatureMapper()
        : base("incident")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Incident record) => ToFeature(record, embedClaims: false);

    /// <summary>Maps an incident to a Feature, with its claims embedded as claim Features when asked.</summary>
    /// <param name="record">The incident.</param>
    /// <param name="embedClaims">True to write the <c>claims</c> property.</param>
    /// <returns>The feature.</returns>
    public Feature ToFeature(Incident record, bool embedClaims)
    {
        ArgumentNullException.ThrowIfNull(record);
        var a = new AttributesTable
        {
            { "id", record.Id },
            { "title", record.Title },
            { "type", WireNames.Of(record.Type) },
            { "status", WireNames.Of(record.Status) },
            { "occurred", record.Occurred.ToIsoString() },
            { "occurred_precision", WireNames.Of(record.Occurred.Precision) },
            { "description", record.Description },
        };
        AddLocationPrecision(a, record.LocationPrecision);
        a.Add("admin1", record.Admin1);
        a.Add("tags", record.Tags.ToArray());
        a.Add("sources", SourcesToJson(record.Sources));
        if (embedClaims)
        {
            a.Add("claims", record.Claims.Select(c => (object)ModelFeatures.Claims.ToFeature(c)).ToArray());
        }

        a.Add("revision", record.Revision);
        a.Add("updated", Instant(record.Updated));
        a.Add("warnings", WarningsToJson(record.Warnings));
        return new Feature(record.Geometry, a);
    }

    private protected override Incident? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id();
        var title = p.Text("title");
        if (!p.Has("type"))
        {
            context.Sink.Add("properties.type", $"an incident type is required ({string.Join(", ", WireNames.All<IncidentType>())})", ValidationCodes.Required);
        }

        var type = p.Enum<IncidentType>("type");
        var status = p.Enum<IncidentStatus>("status");
        var occurred = context.Occurred(p, "occurred", "occurred_precision", required: true);
        var description = p.Text("description");
        var precision = context.LocationPrecision(p);
        var admin1 = p.Text("admin1");
        var tags = p.TextList("tags");
        var sources = context.Sources(p);
        var claims = ReadClaims(context, id);
        var revision = p.Integer("revision");
        var updated = p.Instant("updated");
        var warnings = context.Warnings(p);
        return Incident.Create(
            id,
            title ?? string.Empty,
            type ?? default,
            occurred ?? default,
            status ?? IncidentStatus.Reported,
            context.Geometry,
            precision,
            admin1,
            description,
            tags,
            sources,
            claims,
            (int)Math.Clamp(revision ?? 0, int.MinValue, int.MaxValue),
            updated,
            warnings);
    }

    private static List<Claim> ReadClaims(FeatureContext context, string incidentId)
    {
        var items = context.Properties.Array("claims");
        var claims = new List<Claim>(items.Count);
        var options = context.Options.ForClaimsOf(incidentId);
        for (var i = 0; i < items.Count; i++)
        {
            var result = ModelFeatures.Claims.Read(items[i], context.Sink.Number, options);
            if (result.IsValid)
            {
                claims.Add(result.Value!);
                continue;
            }

            foreach (var e in result.Errors)
            {
                context.Sink.Add($"properties.claims[{i}]" + (e.Field.Length == 0 ? string.Empty : "." + e.Field), e.Message, e.Code);
            }
        }

        return claims;
    }
}

/// <summary>
/// Claim ↔ GeoJSON Feature, per DESIGN.md "HTTP contract": Feature <c>id</c> = the claim's id; properties
/// <c>incident</c>, <c>claimant</c>, <c>asserted</c>, <c>occurred</c> (+ <c>occurred_precision</c>), <c>stated_on</c>,
/// <c>location_precision_m</c> (+ scheme, code), <c>displacement</c> ({<c>origin</c>: [lon, lat] or a place id,
/// <c>origin_radius_m</c>, <c>azimuth_deg</c> (null when unknown), <c>distance_m</c>, <c>toward_region</c>}),
/// <c>derivation</c> ({<c>method</c>: <c>border-band</c>, <c>region</c>, <c>depth_m</c>, <c>reference_lines</c>,
/// <c>stretch_length_m</c>, <c>anchor_places</c>, <c>note</c>}), <c>sources</c>, <c>revision</c>, <c>updated</c>, <c>warnings</c>.
/// </summary>
public sealed class ClaimFeatureMapper : FeatureMapper<Claim>
{
    internal ClaimFeatureMapper()
        : base("claim")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Claim record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var a = new AttributesTable
        {
            { "id", record.Id },
            { "incident", record.IncidentId },
            { "claimant", record.ClaimantId },
            { "asserted", record.Asserted },
            { "occurred", record.Occurred?.ToIsoString() },
            { "occurred_precision", record.Occurred is { } o ? WireNames.Of(o.Precision) : null },
            { "stated_on", Date(record.StatedOn) },
        };
        AddLocationPrecision(a, record.LocationPrecision);
        a.Add("displacement", record.Displacement is { } d ? DisplacementToTable(d) : null);
        a.Add("derivation", record.Derivation is { } b ? DerivationToTable(b) : null);
        a.Add("sources", SourcesToJson(record.Sources));
        a.Add("revision", record.Revision);
        a.Add("updated", Instant(record.Updated));
        a.Add("warnings", WarningsToJson(record.Warnings));
        return new Feature(record.Geometry, a);
    }

    private protected override Claim? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id();
        var incident = p.Text("incident") ?? context.Options.ParentIncidentId;
        var claimant = p.Text("claimant");
        var asserted = p.Text("asserted");
        var occurred = context.Occurred(p, "occurred", "occurred_precision", required: false);
        var statedOn = p.Date("stated_on");
        var precision = context.LocationPrecision(p);
        var displacement = ReadDisplacement(context);
        var derivation = ReadDerivation(context);
        var sources = context.Sources(p);
        var revision = p.Integer("revision");
        var updated = p.Instant("updated");
        var warnings = context.Warnings(p);
        return Claim.Create(
            id,
            incident ?? string.Empty,
            claimant ?? string.Empty,
            asserted ?? string.Empty,
            occurred,
            statedOn,
            context.Geometry,
            precision,
            displacement,
            derivation,
            sources,
            (int)Math.Clamp(revision ?? 0, int.MinValue, int.MaxValue),
            updated,
            warnings);
    }

    private static Dictionary<string, object?> DisplacementToTable(Displacement d) => new()
    {
        { "origin", PointReferenceToJson(d.Origin, compact: true) },
        { "origin_radius_m", Meters(d.OriginRadius) },
        { "azimuth_deg", d.Azimuth?.Degrees },
        { "distance_m", d.Distance.Meters },
        { "toward_region", d.TowardRegionId },
    };

    private static Dictionary<string, object?> DerivationToTable(BorderBandDerivation b) => new()
    {
        { "method", BorderBandDerivation.Method },
        { "region", b.RegionId },
        { "depth_m", b.Depth.Meters },
        { "reference_lines", b.ReferenceLineIds.ToArray() },
        { "stretch_length_m", Meters(b.StretchLength) },
        { "anchor_places", b.AnchorPlaceIds.ToArray() },
        { "note", b.Note },
    };

    private static Displacement? ReadDisplacement(FeatureContext context)
    {
        if (context.Properties.Object("displacement") is not { } o)
        {
            return null;
        }

        var origin = context.Point(o.Raw("origin"), "displacement.origin");
        var azimuth = o.Number("azimuth_deg");
        var distance = o.Number("distance_m");
        var radius = o.Number("origin_radius_m");
        var toward = o.Text("toward_region");
        if (distance is null && !o.Has("distance_m"))
        {
            context.Sink.Add(o.FieldPath("distance_m"), "a displacement needs distance_m (metres, greater than 0)", ValidationCodes.Required);
        }

        if (context.Sink.Errors.Any(e => e.Field.StartsWith(o.Path, StringComparison.Ordinal)))
        {
            return null;
        }

        return context.Guard("displacement", () => Displacement.Create(
            origin!,
            Geodesy.Units.Length.FromMeters(distance!.Value),
            azimuth is { } az ? Geodesy.Units.Angle.FromDegrees(az) : null,
            toward,
            radius is { } r ? Geodesy.Units.Length.FromMeters(r) : null));
    }

    private static BorderBandDerivation? ReadDerivation(FeatureContext context)
    {
        if (context.Properties.Object("derivation") is not { } o)
        {
            return null;
        }

        var method = o.Text("method");
        if (method != BorderBandDerivation.Method)
        {
            context.Sink.Add(o.FieldPath("method"), $"unknown derivation method '{method}' (known: {BorderBandDerivation.Method})", method is null ? ValidationCodes.Required : ValidationCodes.UnknownValue);
            return null;
        }

        var region = o.Text("region");
        var depth = o.Number("depth_m");
        var lines = o.TextList("reference_lines");
        var stretch = o.Number("stretch_length_m");
        var anchors = o.TextList("anchor_places");
        var note = o.Text("note");
        if (depth is null && !o.Has("depth_m"))
        {
            context.Sink.Add(o.FieldPath("depth_m"), "a border-band derivation needs depth_m (metres, greater than 0)", ValidationCodes.Required);
        }

        if (context.Sink.Errors.Any(e => e.Field.StartsWith(o.Path, StringComparison.Ordinal)))
        {
            return null;
        }

        return context.Guard("derivation", () => BorderBandDerivation.Create(
            region ?? string.Empty,
            Geodesy.Units.Length.FromMeters(depth!.Value),
            lines,
            stretch is { } s ? Geodesy.Units.Length.FromMeters(s) : null,
            anchors,
            note));
    }
}
