using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// Zone ↔ Feature. Properties: <c>name</c>, <c>kind</c>, <c>controlled_by</c>, <c>valid_from</c>, <c>valid_to</c>,
/// <c>derivation</c> ({<c>method</c>: <c>corridor</c>, <c>description</c>, <c>centreline</c>: [{<c>place</c>} or
/// {<c>position</c>: [lon, lat], <c>label</c>}], <c>width_m</c>, <c>legal_basis</c>}), <c>uncertainty_m</c>,
/// <c>uncertainty_reasoning</c>, <c>sources</c>, <c>note</c>. Geometry: Polygon, MultiPolygon, or null until derived.
/// </summary>
public sealed class ZoneFeatureMapper : FeatureMapper<Zone>
{
    internal ZoneFeatureMapper()
        : base("zone")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Zone record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Dictionary<string, object?>? derivation = null;
        if (record.Derivation is { } d)
        {
            derivation = new Dictionary<string, object?>
            {
                { "method", CorridorDerivation.Method },
                { "description", d.Description },
                { "centreline", d.Centreline.Select(p => PointReferenceToJson(p, compact: false)).ToArray() },
                { "width_m", d.Width.Meters },
                { "legal_basis", d.LegalBasis },
            };
        }

        var a = new AttributesTable
        {
            { "id", record.Id },
            { "name", record.Name },
            { "kind", WireNames.Of(record.Kind) },
            { "controlled_by", record.ControlledBy },
            { "valid_from", Date(record.ValidFrom) },
            { "valid_to", Date(record.ValidTo) },
            { "derivation", derivation },
            { "uncertainty_m", Meters(record.Uncertainty?.Radius) },
            { "uncertainty_reasoning", record.Uncertainty?.Reasoning },
            { "sources", SourcesToJson(record.Sources) },
            { "note", record.Note },
        };
        return new Feature(record.Geometry, a);
    }

    private protected override Zone? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id(generate: true);
        var name = p.Text("name");
        var kind = p.Enum<ZoneKind>("kind");
        if (!p.Has("kind"))
        {
            context.Sink.Add("properties.kind", $"a zone kind is required ({string.Join(", ", WireNames.All<ZoneKind>())})", ValidationCodes.Required);
        }

        var controlledBy = p.Text("controlled_by");
        var validFrom = p.Date("valid_from");
        if (validFrom is null && !p.Has("valid_from"))
        {
            context.Sink.Add("properties.valid_from", "a zone needs valid_from (yyyy-MM-dd)", ValidationCodes.Required);
        }

        var validTo = p.Date("valid_to");
        var derivation = ReadDerivation(context);
        var uncertaintyMeters = p.Number("uncertainty_m");
        var reasoning = p.Text("uncertainty_reasoning");
        PositionalUncertainty? uncertainty = null;
        if (uncertaintyMeters is not null || reasoning is not null)
        {
            uncertainty = context.Guard(string.Empty, () => PositionalUncertainty.Create(Length.FromMeters(uncertaintyMeters ?? 0), reasoning ?? string.Empty));
        }

        var sources = context.Sources(p);
        var note = p.Text("note");
        try
        {
            return Zone.Create(id, name ?? string.Empty, kind ?? default, controlledBy ?? string.Empty, validFrom ?? default, context.Geometry, validTo, derivation, uncertainty, sources, note);
        }
        catch (RecordValidationException ex) when (derivation is null && p.Has("derivation"))
        {
            // A derivation was given but is invalid (already reported): "needs a geometry or a derivation" would mislead.
            var rest = ex.Issues.Where(i => i.Field != "geometry" || i.Code != ValidationCodes.Required).ToList();
            if (rest.Count > 0)
            {
                throw new RecordValidationException(ex.RecordKind, rest);
            }

            return null;
        }
    }

    private static CorridorDerivation? ReadDerivation(FeatureContext context)
    {
        if (context.Properties.Object("derivation") is not { } o)
        {
            return null;
        }

        var method = o.Text("method");
        if (method != CorridorDerivation.Method)
        {
            context.Sink.Add(o.FieldPath("method"), $"unknown derivation method '{method}' (known: {CorridorDerivation.Method})", method is null ? ValidationCodes.Required : ValidationCodes.UnknownValue);
            return null;
        }

        var description = o.Text("description");
        var items = o.Array("centreline");
        var points = new List<PointReference>();
        for (var i = 0; i < items.Count; i++)
        {
            if (context.Point(items[i], $"derivation.centreline[{i}]") is { } point)
            {
                points.Add(point);
            }
        }

        var width = o.Number("width_m");
        if (width is null && !o.Has("width_m"))
        {
            context.Sink.Add(o.FieldPath("width_m"), "a corridor derivation needs width_m (total width, metres)", ValidationCodes.Required);
        }

        var basis = o.Text("legal_basis");
        if (context.Sink.Errors.Any(e => e.Field.StartsWith(o.Path, StringComparison.Ordinal)))
        {
            return null;
        }

        return context.Guard("derivation", () => CorridorDerivation.Create(description ?? string.Empty, points, Length.FromMeters(width!.Value), basis));
    }
}

/// <summary>
/// ControlEvent ↔ Feature (geometry null). Properties: <c>subject</c> (region or zone id), <c>subject_kind</c>
/// (<c>region</c>, <c>zone</c>), <c>from_party</c> (null when no source names it), <c>to_party</c>, <c>effective</c>,
/// <c>planned</c> (the originally agreed date when moved), <c>note</c>, <c>sources</c>.
/// </summary>
public sealed class ControlEventFeatureMapper : FeatureMapper<ControlEvent>
{
    internal ControlEventFeatureMapper()
        : base("control event")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(ControlEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Feature(null, new AttributesTable
        {
            { "id", record.Id },
            { "subject", record.SubjectId },
            { "subject_kind", WireNames.Of(record.SubjectKind) },
            { "from_party", record.FromPartyId },
            { "to_party", record.ToPartyId },
            { "effective", Date(record.Effective) },
            { "planned", Date(record.Planned) },
            { "note", record.Note },
            { "sources", SourcesToJson(record.Sources) },
        });
    }

    private protected override ControlEvent? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id();
        var kind = p.Enum<ControlSubjectKind>("subject_kind");
        if (!p.Has("subject_kind"))
        {
            context.Sink.Add("properties.subject_kind", "subject_kind is required (region or zone)", ValidationCodes.Required);
        }

        var effective = p.Date("effective");
        if (effective is null && !p.Has("effective"))
        {
            context.Sink.Add("properties.effective", "the effective date is required (yyyy-MM-dd)", ValidationCodes.Required);
        }

        return ControlEvent.Create(
            id,
            kind ?? default,
            p.Text("subject") ?? string.Empty,
            p.Text("to_party") ?? string.Empty,
            effective ?? default,
            p.Text("from_party"),
            p.Date("planned"),
            p.Text("note"),
            context.Sources(p));
    }
}

/// <summary>Party ↔ Feature (geometry null). Properties: <c>name</c>, <c>country</c> (alpha-2 or null), <c>description</c>.</summary>
public sealed class PartyFeatureMapper : FeatureMapper<Party>
{
    internal PartyFeatureMapper()
        : base("party")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Party record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Feature(null, new AttributesTable
        {
            { "id", record.Id },
            { "name", record.Name },
            { "country", record.Country },
            { "description", record.Description },
        });
    }

    private protected override Party? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        return Party.Create(context.Id(), p.Text("name") ?? string.Empty, p.Text("country"), p.Text("description"));
    }
}

/// <summary>Source ↔ Feature (geometry null). Properties: <c>publisher</c>, <c>title</c>, <c>url</c>, <c>published</c>, <c>language</c>, <c>quote</c>.</summary>
public sealed class SourceFeatureMapper : FeatureMapper<Source>
{
    internal SourceFeatureMapper()
        : base("source")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Source record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Feature(null, new AttributesTable(SourceToTable(record)!));
    }

    private protected override Source? ReadCore(FeatureContext context) => context.SourceFields(context.Properties, context.Id());
}

/// <summary>
/// Place ↔ Feature (Point). Properties as in the shipped places file: <c>name</c>, <c>source_name</c>,
/// <c>name_hy</c>, <c>name_az</c>, <c>name_ru</c>, <c>alternates</c> ([{name, lang, note, source}]),
/// <c>feature_type</c>, <c>country</c> (written alpha-2; alpha-3 ARM/AZE... accepted), <c>ne_admin1_containing</c>,
/// <c>source</c>, <c>source_ref</c>, <c>geonames_id</c>, <c>wof_id</c>, <c>note</c>.
/// </summary>
public sealed class PlaceFeatureMapper : FeatureMapper<Place>
{
    internal PlaceFeatureMapper()
        : base("place")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Place record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var n = record.Names;
        return new Feature(record.ToPoint(), new AttributesTable
        {
            { "id", record.Id },
            { "name", n.English },
            { "source_name", n.SourceName },
            { "name_hy", n.Armenian },
            { "name_az", n.Azerbaijani },
            { "name_ru", n.Russian },
            {
                "alternates", n.Alternates.Select(x => (object)new Dictionary<string, object?>
                {
                    { "name", x.Name }, { "lang", x.Language }, { "note", x.Note }, { "source", x.Source },
                }).ToArray()
            },
            { "feature_type", record.FeatureType },
            { "country", record.Country },
            { "ne_admin1_containing", record.Admin1 },
            { "source", record.Source },
            { "source_ref", record.SourceRef },
            { "geonames_id", record.GeoNamesId },
            { "wof_id", record.WhosOnFirstId },
            { "note", record.Note },
        });
    }

    private protected override Place? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id();
        GeoPosition? position = null;
        if (context.Geometry is Point { IsEmpty: false } point)
        {
            position = context.GuardValue("geometry", () => GeoPosition.FromLonLat(point.X, point.Y));
        }
        else if (!context.Sink.Errors.Any(e => e.Field == "geometry"))
        {
            context.Sink.Add("geometry", "a place is a Point", context.Geometry is null ? ValidationCodes.Required : ValidationCodes.InvalidGeometry);
        }

        var countryText = p.Text("country");
        var country = string.Empty;
        if (countryText is not null && !CountryCodes.TryNormalize(countryText, out country))
        {
            context.Sink.Add("properties.country", $"'{countryText}' is not an ISO 3166-1 alpha-2 code");
        }

        var alternates = new List<AlternateName>();
        var items = p.Array("alternates");
        for (var i = 0; i < items.Count; i++)
        {
            var o = new JsonFields(items[i], $"properties.alternates[{i}]", context.Sink);
            if (context.Guard($"alternates[{i}]", () => AlternateName.Create(o.Text("name") ?? string.Empty, o.Text("lang"), o.Text("note"), o.Text("source"))) is { } alt)
            {
                alternates.Add(alt);
            }
        }

        var names = context.Guard(string.Empty, () => PlaceNames.Create(p.Text("name") ?? string.Empty, p.Text("name_hy"), p.Text("name_az"), p.Text("name_ru"), p.Text("source_name"), alternates));
        var admin1 = p.Text("ne_admin1_containing") ?? p.Text("admin1");
        if (position is null || names is null)
        {
            return null;
        }

        return Place.Create(id, names, position.Value, country, p.Text("source") ?? string.Empty, admin1, p.Text("feature_type"), p.Text("source_ref"), p.Integer("geonames_id"), p.Integer("wof_id"), p.Text("note"));
    }
}

/// <summary>
/// Region ↔ Feature (MultiPolygon; a Polygon is read as a one-part MultiPolygon). Properties: <c>kind</c>, <c>name</c>,
/// <c>name_local</c>, <c>iso_3166</c>, <c>country</c>, <c>source</c>, <c>licence</c>, <c>accuracy_median_m</c>,
/// <c>accuracy_p95_m</c>, <c>accuracy_max_m</c>, <c>accuracy_assumed</c>, <c>accuracy_note</c>.
/// </summary>
public sealed class RegionFeatureMapper : FeatureMapper<Region>
{
    internal RegionFeatureMapper()
        : base("region")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(Region record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var a = new AttributesTable
        {
            { "id", record.Id },
            { "kind", WireNames.Of(record.Kind) },
            { "name", record.Name },
            { "name_local", record.NameLocal },
            { "iso_3166", record.IsoCode },
            { "country", record.Country },
            { "source", record.Source },
            { "licence", record.Licence },
        };
        AddAccuracy(a, record.Accuracy);
        return new Feature(record.Geometry, a);
    }

    internal static void AddAccuracy(AttributesTable a, PositionalAccuracy accuracy)
    {
        a.Add("accuracy_median_m", Meters(accuracy.Median));
        a.Add("accuracy_p95_m", accuracy.P95.Meters);
        a.Add("accuracy_max_m", Meters(accuracy.Max));
        a.Add("accuracy_assumed", accuracy.Assumed);
        a.Add("accuracy_note", accuracy.Note);
    }

    internal static PositionalAccuracy? ReadAccuracy(FeatureContext context)
    {
        var p = context.Properties;
        var p95 = p.Number("accuracy_p95_m");
        if (p95 is null)
        {
            if (!p.Has("accuracy_p95_m"))
            {
                context.Sink.Add("properties.accuracy_p95_m", "a stated positional accuracy (accuracy_p95_m, metres) is required", ValidationCodes.Required);
            }

            return null;
        }

        var median = p.Number("accuracy_median_m");
        var max = p.Number("accuracy_max_m");
        var assumed = p.Bool("accuracy_assumed") ?? false;
        var note = p.Text("accuracy_note");
        return context.Guard(string.Empty, () => PositionalAccuracy.Create(
            Length.FromMeters(p95.Value), assumed, median is { } m ? Length.FromMeters(m) : null, max is { } x ? Length.FromMeters(x) : null, note));
    }

    private protected override Region? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id();
        var kind = p.Enum<RegionKind>("kind");
        var geometry = context.Geometry switch
        {
            MultiPolygon mp => mp,
            Polygon poly => poly.Factory.CreateMultiPolygon([poly]),
            _ => null,
        };
        if (geometry is null && !context.Sink.Errors.Any(e => e.Field == "geometry"))
        {
            context.Sink.Add("geometry", "a region is a Polygon or MultiPolygon", context.Geometry is null ? ValidationCodes.Required : ValidationCodes.InvalidGeometry);
        }

        var countryText = p.Text("country");
        var country = string.Empty;
        if (countryText is not null && !CountryCodes.TryNormalize(countryText, out country))
        {
            context.Sink.Add("properties.country", $"'{countryText}' is not an ISO 3166-1 alpha-2 code");
        }

        var accuracy = ReadAccuracy(context);
        if (geometry is null || accuracy is null)
        {
            return null;
        }

        return Region.Create(id, kind ?? default, p.Text("name") ?? string.Empty, country, geometry, p.Text("source") ?? string.Empty, p.Text("licence") ?? string.Empty, accuracy, p.Text("name_local"), p.Text("iso_3166"));
    }
}

/// <summary>
/// ReferenceLine ↔ Feature (MultiLineString). Properties as in the shipped files: <c>name</c>, <c>left_country</c>,
/// <c>right_country</c>, <c>valid_from</c>, <c>valid_to</c>, <c>as_of</c>, <c>source</c>, <c>licence</c>,
/// <c>attribution</c>, <c>accuracy_median_m</c>, <c>accuracy_p95_m</c>, <c>accuracy_max_m</c>, <c>accuracy_assumed</c>,
/// <c>accuracy_note</c>, <c>parts</c> ([{part, kind, segment, exclave_of}]).
/// </summary>
public sealed class ReferenceLineFeatureMapper : FeatureMapper<ReferenceLine>
{
    internal ReferenceLineFeatureMapper()
        : base("reference line")
    {
    }

    /// <inheritdoc />
    public override Feature ToFeature(ReferenceLine record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var a = new AttributesTable
        {
            { "id", record.Id },
            { "name", record.Name },
            { "left_country", record.LeftCountry },
            { "right_country", record.RightCountry },
            { "valid_from", Date(record.ValidFrom) },
            { "valid_to", Date(record.ValidTo) },
            { "as_of", record.AsOf },
            { "source", record.Source },
            { "licence", record.Licence },
            { "attribution", record.Attribution },
        };
        RegionFeatureMapper.AddAccuracy(a, record.Accuracy);
        a.Add("parts", record.Parts.Select(x => (object)new Dictionary<string, object?>
        {
            { "part", x.Index }, { "kind", x.Kind }, { "segment", x.Segment }, { "exclave_of", x.ExclaveOf },
        }).ToArray());
        return new Feature(record.Geometry, a);
    }

    private protected override ReferenceLine? ReadCore(FeatureContext context)
    {
        var p = context.Properties;
        var id = context.Id();
        var geometry = context.Geometry switch
        {
            MultiLineString ml => ml,
            LineString line => line.Factory.CreateMultiLineString([line]),
            _ => null,
        };
        if (geometry is null && !context.Sink.Errors.Any(e => e.Field == "geometry"))
        {
            context.Sink.Add("geometry", "a reference line is a LineString or MultiLineString", context.Geometry is null ? ValidationCodes.Required : ValidationCodes.InvalidGeometry);
        }

        var parts = new List<ReferenceLinePart>();
        var items = p.Array("parts");
        for (var i = 0; i < items.Count; i++)
        {
            var o = new JsonFields(items[i], $"properties.parts[{i}]", context.Sink);
            var index = o.Integer("part");
            var kind = o.Text("kind");
            if (index is null || kind is null)
            {
                context.Sink.Add(o.Path, "a part needs part (its index) and kind", ValidationCodes.Required);
                continue;
            }

            parts.Add(new ReferenceLinePart((int)Math.Clamp(index.Value, -1, int.MaxValue), kind, o.Text("segment"), o.Text("exclave_of")));
        }

        var accuracy = RegionFeatureMapper.ReadAccuracy(context);
        if (geometry is null || accuracy is null)
        {
            return null;
        }

        return ReferenceLine.Create(
            id,
            p.Text("name") ?? string.Empty,
            p.Text("left_country") ?? string.Empty,
            p.Text("right_country") ?? string.Empty,
            geometry,
            p.Text("source") ?? string.Empty,
            p.Text("licence") ?? string.Empty,
            accuracy,
            p.Date("valid_from"),
            p.Date("valid_to"),
            p.Text("as_of"),
            p.Text("attribution"),
            parts);
    }
}

/// <summary>The feature mappers of the model, one per record type.</summary>
public static class ModelFeatures
{
    /// <summary>Incidents (DESIGN.md "Incident as GeoJSON").</summary>
    public static IncidentFeatureMapper Incidents { get; } = new();

    /// <summary>Claims (DESIGN.md "HTTP contract").</summary>
    public static ClaimFeatureMapper Claims { get; } = new();

    /// <summary>Zones.</summary>
    public static ZoneFeatureMapper Zones { get; } = new();

    /// <summary>Control events.</summary>
    public static ControlEventFeatureMapper ControlEvents { get; } = new();

    /// <summary>Parties.</summary>
    public static PartyFeatureMapper Parties { get; } = new();

    /// <summary>Sources.</summary>
    public static SourceFeatureMapper Sources { get; } = new();

    /// <summary>Places.</summary>
    public static PlaceFeatureMapper Places { get; } = new();

    /// <summary>Regions.</summary>
    public static RegionFeatureMapper Regions { get; } = new();

    /// <summary>Reference lines.</summary>
    public static ReferenceLineFeatureMapper ReferenceLines { get; } = new();
}
