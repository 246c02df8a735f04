using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>
/// Every analysis result as GeoJSON (RFC 7946, written with <see cref="GeoJsonSerialization"/>), so that the map, the
/// HTTP answers, the CLI's <c>--json</c> and exports carry the same numbers. Properties follow DESIGN.md's HTTP
/// contract: names end in their unit (<c>distance_m</c>, <c>signed_distance_m</c>, <c>area_km2</c>,
/// <c>azimuth_deg</c>), positions are <c>[lon, lat]</c>, and every figure travels with its <c>receipt</c>
/// (<c>{method, ellipsoid, datasets: [{id, kind, source, licence, accuracy_median_m, accuracy_p95_m, assumed}],
/// uncertainty_m, uncertainty_basis, verdict, verdict_relative_to, notes}</c>). Every feature has a <c>kind</c>.
/// </summary>
/// <remarks>Rounding (written values only): metres to 1 mm, km² to 1 m², degrees to 1e-9°; positions are not rounded.</remarks>
public static class AnalysisGeoJson
{
    /// <summary>Locate as one Feature: the position (Point) with the country, province and per-line results.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The feature (<c>kind</c> = <c>locate</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static Feature ToFeature(LocateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Feature(GeodesicGeometry.ToPoint(result.Position), new AttributesTable(LocateProperties(result)));
    }

    /// <summary>Displace as one Feature: the path (LineString, or MultiLineString across the antimeridian).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The feature (<c>kind</c> = <c>displace</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static Feature ToFeature(DisplaceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Feature(result.Path, new AttributesTable(DisplaceProperties(result)));
    }

    /// <summary>A band as one Feature: the band (MultiPolygon).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The feature (<c>kind</c> = <c>band</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static Feature ToFeature(BandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Feature(result.Geometry, new AttributesTable(BandProperties(result)));
    }

    /// <summary>Bands (e.g. one per reference line) as a FeatureCollection of <see cref="ToFeature(BandResult)"/>.</summary>
    /// <param name="results">The bands.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    public static FeatureCollection ToFeatureCollection(IEnumerable<BandResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var fc = new FeatureCollection();
        foreach (var r in results)
        {
            fc.Add(ToFeature(r));
        }

        return fc;
    }

    /// <summary>
    /// An advance as a FeatureCollection: a summary feature (<c>kind</c> = <c>advance</c>, no geometry, with the
    /// receipt), then the displacement (<c>displace</c>), the bands (<c>band</c>) and the perpendicular advances
    /// (<c>perpendicular-advance</c>, their paths).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static FeatureCollection ToFeatureCollection(AdvanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fc = new FeatureCollection
        {
            new Feature(null, new AttributesTable(new Dictionary<string, object?>
            {
                ["kind"] = "advance",
                ["distance_m"] = M(result.Distance),
                ["into_region"] = result.IntoRegionId,
                ["from_reference_line"] = result.FromReferenceLineId,
                ["from_place"] = result.FromPlaceId,
                ["origin_radius_m"] = M(result.OriginRadius),
                ["azimuth_deg"] = Deg(result.Azimuth),
                ["destination_in_region"] = result.DestinationInRegion,
                ["receipt"] = Receipt(result.Receipt),
            })),
        };
        if (result.Displacement is { } d)
        {
            fc.Add(ToFeature(d));
        }

        foreach (var b in result.Bands)
        {
            fc.Add(ToFeature(b));
        }

        foreach (var p in result.Perpendicular)
        {
            fc.Add(new Feature(p.Path, new AttributesTable(new Dictionary<string, object?>
            {
                ["kind"] = "perpendicular-advance",
                ["reference_line"] = p.ReferenceLineId,
                ["foot"] = LonLat(p.Foot),
                ["foot_distance_m"] = M(p.FootDistance),
                ["azimuth_deg"] = Deg(p.Azimuth),
                ["distance_m"] = M(result.Distance),
                ["destination"] = LonLat(p.Destination),
                ["destination_location"] = LocateProperties(p.DestinationLocation),
            })));
        }

        return fc;
    }

    /// <summary>
    /// A claim comparison as a FeatureCollection: a summary feature (<c>kind</c> = <c>comparison</c>, no geometry,
    /// with the receipt), one feature per claim (<c>claim</c>: its located geometry or null, its sides per line) and
    /// one per pair (<c>pair</c>: the geodesic between the two centroids).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static FeatureCollection ToFeatureCollection(ClaimComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fc = new FeatureCollection
        {
            new Feature(null, new AttributesTable(new Dictionary<string, object?>
            {
                ["kind"] = "comparison",
                ["incident"] = result.IncidentId,
                ["title"] = result.Title,
                ["claims"] = result.Claims.Select(c => (object)c.ClaimId).ToArray(),
                ["receipt"] = Receipt(result.Receipt),
            })),
        };
        foreach (var c in result.Claims)
        {
            fc.Add(new Feature(c.Geometry, new AttributesTable(ClaimProperties(result.IncidentId, c))));
        }

        foreach (var p in result.Pairs)
        {
            fc.Add(new Feature(p.CentroidLink, new AttributesTable(new Dictionary<string, object?>
            {
                ["kind"] = "pair",
                ["incident"] = result.IncidentId,
                ["claim_a"] = p.ClaimA,
                ["claim_b"] = p.ClaimB,
                ["min_distance_m"] = M(p.MinimumDistance),
                ["centroid_distance_m"] = M(p.CentroidDistance),
                ["lines"] = p.Lines.Select(l => (object)new Dictionary<string, object?>
                {
                    ["reference_line"] = l.ReferenceLineId,
                    ["majority_side_a"] = l.MajoritySideA,
                    ["majority_side_b"] = l.MajoritySideB,
                    ["opposite_sides"] = l.OppositeSides,
                    ["opposite_beyond_uncertainty"] = l.OppositeBeyondUncertainty,
                }).ToArray(),
                ["receipt"] = Receipt(p.Receipt),
            })));
        }

        return fc;
    }

    /// <summary>Control on a date as one Feature: the position (Point).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The feature (<c>kind</c> = <c>control</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static Feature ToFeature(ControlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Feature(GeodesicGeometry.ToPoint(result.Position), new AttributesTable(new Dictionary<string, object?>
        {
            ["kind"] = "control",
            ["date"] = result.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["controlled_by"] = result.ControlledBy,
            ["known"] = result.Known,
            ["statements"] = result.Statements.Select(s => (object)new Dictionary<string, object?>
            {
                ["party"] = s.PartyId,
                ["party_name"] = s.PartyName,
                ["basis"] = s.Basis,
                ["subject"] = s.SubjectId,
                ["record"] = s.RecordId,
                ["since"] = Date(s.Since),
                ["until"] = Date(s.Until),
                ["explanation"] = s.Explanation,
                ["sources"] = s.Sources.Select(x => (object)SourceTable(x)).ToArray(),
            }).ToArray(),
            ["regions"] = result.RegionIds.Select(r => (object)r).ToArray(),
            ["zones"] = result.ZoneIds.Select(z => (object)z).ToArray(),
            ["receipt"] = Receipt(result.Receipt),
        }));
    }

    /// <summary>A derived corridor as one Feature: its outline (MultiPolygon), with the derivation written out.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The feature (<c>kind</c> = <c>corridor</c>, <c>id</c> = the zone's).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static Feature ToFeature(CorridorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Feature(result.Geometry, new AttributesTable(new Dictionary<string, object?>
        {
            [GeoJsonSerialization.IdAttribute] = result.ZoneId,
            ["kind"] = "corridor",
            ["zone"] = result.ZoneId,
            ["derivation"] = new Dictionary<string, object?>
            {
                ["method"] = CorridorDerivation.Method,
                ["description"] = result.Derivation.Description,
                ["centreline"] = result.Waypoints.Select(w => (object)LonLat(w)).ToArray(),
                ["width_m"] = M(result.Derivation.Width),
                ["legal_basis"] = result.Derivation.LegalBasis,
            },
            ["method_description"] = result.MethodDescription,
            ["centreline_length_m"] = M(result.CentrelineLength),
            ["area_km2"] = Km2(result.Area),
            ["receipt"] = Receipt(result.Receipt),
        }));
    }

    /// <summary>A derived claim area as one Feature: its geometry (MultiPolygon), with the derivation written out.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The feature (<c>kind</c> = <c>claim-area</c>, <c>id</c> = the claim's).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static Feature ToFeature(ClaimAreaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var properties = ClaimAreaProperties(result);
        properties[GeoJsonSerialization.IdAttribute] = result.ClaimId;
        properties["kind"] = "claim-area";
        return new Feature(result.Geometry, new AttributesTable(properties));
    }

    /// <summary>Serialises a feature or collection with the project's GeoJSON settings (RFC 7946).</summary>
    /// <param name="featureOrCollection">A <see cref="Feature"/> or <see cref="FeatureCollection"/>.</param>
    /// <param name="indented">True to indent.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException">The argument is null.</exception>
    public static string ToJson(object featureOrCollection, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(featureOrCollection);
        var options = indented ? new JsonSerializerOptions(GeoJsonSerialization.Options) { WriteIndented = true } : GeoJsonSerialization.Options;
        return featureOrCollection switch
        {
            IFeature f => JsonSerializer.Serialize(f, options),
            FeatureCollection fc => JsonSerializer.Serialize(fc, options),
            _ => throw new ArgumentException($"Expected a Feature or FeatureCollection, not {featureOrCollection.GetType().Name}.", nameof(featureOrCollection)),
        };
    }

    /// <summary>A receipt as a GeoJSON properties object.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <returns>The object (<c>method</c>, <c>ellipsoid</c>, <c>datasets</c>, <c>uncertainty_m</c>, <c>verdict</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="receipt"/> is null.</exception>
    public static Dictionary<string, object?> Receipt(MeasurementReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new Dictionary<string, object?>
        {
            ["method"] = receipt.Method,
            ["ellipsoid"] = receipt.Ellipsoid,
            ["datasets"] = receipt.Datasets.Select(d => (object)new Dictionary<string, object?>
            {
                ["id"] = d.Id,
                ["kind"] = d.Kind,
                ["source"] = d.Source,
                ["licence"] = d.Licence,
                ["accuracy_median_m"] = M(d.AccuracyMedian),
                ["accuracy_p95_m"] = M(d.AccuracyP95),
                ["assumed"] = d.Assumed,
            }).ToArray(),
            ["uncertainty_m"] = M(receipt.Uncertainty),
            ["uncertainty_basis"] = receipt.UncertaintyBasis,
            ["verdict"] = receipt.Verdict is { } v ? WireNames.Of(v) : null,
            ["verdict_relative_to"] = receipt.VerdictRelativeTo,
            ["notes"] = receipt.Notes.Select(n => (object)n).ToArray(),
        };
    }

    internal static Dictionary<string, object?> LocateProperties(LocateResult r) => new()
    {
        ["kind"] = "locate",
        ["position"] = LonLat(r.Position),
        ["precision_m"] = M(r.PrecisionRadius),
        ["country"] = Region(r.Country),
        ["province"] = Region(r.Subdivision),
        ["lines"] = r.Lines.Select(l => (object)new Dictionary<string, object?>
        {
            ["reference_line"] = l.ReferenceLineId,
            ["distance_m"] = M(l.Distance),
            ["signed_distance_m"] = M(l.SignedDistance),
            ["side"] = l.Side,
            ["nearest_point"] = LonLat(l.NearestPoint),
            ["part"] = l.PartIndex,
            ["part_kind"] = l.PartKind,
            ["edge"] = l.EdgeIndex,
            ["beyond_line_end"] = l.BeyondLineEnd,
            ["verdict"] = l.Receipt.Verdict is { } v ? WireNames.Of(v) : null,
            ["receipt"] = Receipt(l.Receipt),
        }).ToArray(),
        ["disagreement"] = r.Disagreement is not { } d ? null : new Dictionary<string, object?>
        {
            ["signed_distance_spread_m"] = M(d.SignedDistanceSpread),
            ["nearest_point_spread_m"] = M(d.NearestPointSpread),
            ["sides_differ"] = d.SidesDiffer,
            ["verdicts_differ"] = d.VerdictsDiffer,
        },
        ["verdict"] = r.Receipt.Verdict is { } verdict ? WireNames.Of(verdict) : null,
        ["receipt"] = Receipt(r.Receipt),
    };

    private static Dictionary<string, object?> DisplaceProperties(DisplaceResult r) => new()
    {
        ["kind"] = "displace",
        ["origin"] = LonLat(r.Origin),
        ["origin_radius_m"] = M(r.OriginRadius),
        ["origin_country"] = r.OriginCountryId,
        ["azimuth_deg"] = Deg(r.Azimuth),
        ["distance_m"] = M(r.Distance),
        ["destination"] = LonLat(r.Destination),
        ["final_azimuth_deg"] = Deg(r.FinalAzimuth),
        ["destination_location"] = LocateProperties(r.DestinationLocation),
        ["other_countries"] = r.OtherCountries.Select(o => (object)new Dictionary<string, object?>
        {
            ["country"] = o.CountryId,
            ["name"] = o.CountryName,
            ["length_m"] = M(o.Length),
        }).ToArray(),
        ["receipt"] = Receipt(r.Receipt),
    };

    private static Dictionary<string, object?> BandProperties(BandResult r) => new()
    {
        ["kind"] = "band",
        ["region"] = r.RegionId,
        ["region_name"] = r.RegionName,
        ["reference_line"] = r.ReferenceLineId,
        ["depth_m"] = M(r.Depth),
        ["area_km2"] = Km2(r.Area),
        ["depth_interval_m"] = new object?[] { M(r.DepthLow), M(r.DepthHigh) },
        ["area_interval_km2"] = new object?[] { Km2(r.AreaLow), Km2(r.AreaHigh) },
        ["places"] = r.Places.Select(p => (object)new Dictionary<string, object?>
        {
            ["id"] = p.PlaceId,
            ["name"] = p.Name,
            ["position"] = LonLat(p.Position),
        }).ToArray(),
        ["stretch"] = r.Stretch is not { } s ? null : new Dictionary<string, object?>
        {
            ["reference_line"] = s.ReferenceLineId,
            ["part"] = s.PartIndex,
            ["length_m"] = M(s.Length),
            ["requested_length_m"] = M(s.RequestedLength),
            ["clipped"] = s.Clipped,
            ["centre"] = LonLat(s.Centre),
            ["anchor_places"] = s.AnchorPlaceIds.Select(a => (object)a).ToArray(),
            ["anchor_nearest_points"] = s.AnchorNearestPoints.Select(p => (object)LonLat(p)).ToArray(),
            ["coordinates"] = s.Geometry.Coordinates.Select(c => (object)new[] { c.X, c.Y }).ToArray(),
        },
        ["receipt"] = Receipt(r.Receipt),
    };

    private static Dictionary<string, object?> ClaimProperties(string incidentId, ClaimLocation c) => new()
    {
        ["kind"] = "claim",
        ["incident"] = incidentId,
        ["claim"] = c.ClaimId,
        ["claimant"] = c.ClaimantId,
        ["claimant_name"] = c.ClaimantName,
        ["asserted"] = c.Asserted,
        ["geometry_source"] = WireNames.Of(c.Source),
        ["radius_m"] = M(c.Radius),
        ["centroid"] = c.Centroid is { } p ? LonLat(p) : null,
        ["unlocated_reason"] = c.UnlocatedReason,
        ["derivation"] = c.Derivation is { } d ? ClaimAreaProperties(d) : null,
        ["displacement"] = c.Displacement is { } x ? DisplaceProperties(x) : null,
        ["sides"] = c.Sides.Select(s => (object)SidesProperties(s)).ToArray(),
    };

    private static Dictionary<string, object?> ClaimAreaProperties(ClaimAreaResult r) => new()
    {
        ["claim"] = r.ClaimId,
        ["derivation"] = new Dictionary<string, object?>
        {
            ["method"] = BorderBandDerivation.Method,
            ["region"] = r.Derivation.RegionId,
            ["depth_m"] = M(r.Derivation.Depth),
            ["reference_lines"] = r.Derivation.ReferenceLineIds.Select(l => (object)l).ToArray(),
            ["stretch_length_m"] = M(r.Derivation.StretchLength),
            ["anchor_places"] = r.Derivation.AnchorPlaceIds.Select(a => (object)a).ToArray(),
            ["note"] = r.Derivation.Note,
        },
        ["method_description"] = r.MethodDescription,
        ["built_from"] = r.ReferenceLineId,
        ["area_km2"] = Km2(r.Area),
        ["bands"] = r.Bands.Select(b => (object)BandProperties(b)).ToArray(),
        ["sides"] = r.Sides.Select(s => (object)SidesProperties(s)).ToArray(),
        ["receipt"] = Receipt(r.Receipt),
    };

    private static Dictionary<string, object?> SidesProperties(AreaSides s) => new()
    {
        ["reference_line"] = s.ReferenceLineId,
        ["left_country"] = s.LeftCountry,
        ["right_country"] = s.RightCountry,
        ["min_signed_distance_m"] = M(s.MinSignedDistance),
        ["max_signed_distance_m"] = M(s.MaxSignedDistance),
        ["area_left_km2"] = s.AreaLeft is { } l ? Km2(l) : null,
        ["area_right_km2"] = s.AreaRight is { } r ? Km2(r) : null,
        ["fraction_left"] = s.FractionLeft is { } f ? Math.Round(f, 6) : null,
        ["majority_side"] = s.MajoritySide,
        ["verdict"] = s.Receipt.Verdict is { } v ? WireNames.Of(v) : null,
        ["receipt"] = Receipt(s.Receipt),
    };

    private static Dictionary<string, object?>? Region(RegionAssignment? a) => a is null ? null : new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["kind"] = WireNames.Of(a.Kind),
        ["distance_to_boundary_m"] = M(a.DistanceToBoundary),
        ["verdict"] = a.Receipt.Verdict is { } v ? WireNames.Of(v) : null,
        ["receipt"] = Receipt(a.Receipt),
    };

    private static Dictionary<string, object?> SourceTable(Source s) => new()
    {
        ["id"] = s.Id,
        ["publisher"] = s.Publisher,
        ["title"] = s.Title,
        ["url"] = s.Url?.ToString(),
        ["published"] = Date(s.Published),
    };

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static double[] LonLat(GeoPosition p) => [p.NormalizedLongitudeDegrees, p.LatitudeDegrees];

    private static double M(Length l) => Math.Round(l.Meters, 3);

    private static double? M(Length? l) => l is { } x ? M(x) : null;

    private static double Km2(Area a) => Math.Round(a.SquareKilometers, 6);

    private static double? Deg(Angle? a) => a is { } x ? Math.Round(x.Degrees, 9) : null;
}
