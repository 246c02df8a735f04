using System.Globalization;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Buffers;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>A corridor zone's geometry computed from its <see cref="CorridorDerivation"/>.</summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="Derivation">The parameters it was computed from.</param>
/// <param name="MethodDescription">What was done, in words, with the parameters.</param>
/// <param name="Waypoints">The centreline's waypoints, resolved to positions.</param>
/// <param name="Centreline">The centreline: the geodesics between the waypoints, densified to 1 km for drawing.</param>
/// <param name="CentrelineLength">Its geodesic length.</param>
/// <param name="Geometry">The corridor (EPSG:4326 MultiPolygon): the points within half the width of the centreline.</param>
/// <param name="Area">Its geodesic area.</param>
/// <param name="DerivedZone">The zone with the computed geometry.</param>
/// <param name="Receipt">Method, datasets, uncertainty (the zone's own statement); no verdict.</param>
public sealed record CorridorResult(
    string ZoneId,
    CorridorDerivation Derivation,
    string MethodDescription,
    ValueList<GeoPosition> Waypoints,
    LineString Centreline,
    Length CentrelineLength,
    MultiPolygon Geometry,
    Area Area,
    Zone DerivedZone,
    MeasurementReceipt Receipt);

/// <summary>An area claim's geometry computed from its <see cref="BorderBandDerivation"/>.</summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="Derivation">The parameters it was computed from.</param>
/// <param name="MethodDescription">What was done, in words, with the parameters.</param>
/// <param name="ReferenceLineId">The line that built the geometry (the first one listed).</param>
/// <param name="Geometry">The claimed area (EPSG:4326 MultiPolygon), built from <paramref name="ReferenceLineId"/>.</param>
/// <param name="Area">Its geodesic area.</param>
/// <param name="Bands">The band built from each listed line, in the derivation's order (the first is <paramref name="Geometry"/>).</param>
/// <param name="Sides">What every listed line says about <paramref name="Geometry"/>: its signed distances, the area on each side, a verdict.</param>
/// <param name="DerivedClaim">The claim with the computed geometry (null geometry when the band is empty).</param>
/// <param name="Receipt">Method, datasets, uncertainty (the building line's p95); no verdict (see <paramref name="Sides"/>).</param>
public sealed record ClaimAreaResult(
    string ClaimId,
    BorderBandDerivation Derivation,
    string MethodDescription,
    string ReferenceLineId,
    MultiPolygon Geometry,
    Area Area,
    ValueList<BandResult> Bands,
    ValueList<AreaSides> Sides,
    Claim DerivedClaim,
    MeasurementReceipt Receipt);

/// <summary>Computes the geometries that records store as derivation parameters (a corridor zone, a border-band claim).</summary>
public static class DerivationAnalysis
{
    /// <summary>The method text of a corridor.</summary>
    public const string CorridorMethodText =
        "corridor: centreline of WGS84 geodesics through the waypoints; the points within half the width of it (MetricBuffer, boundary within 0.02 % of the half-width); area geodesic (Karney 2013)";

    /// <summary>
    /// The geometry of a corridor zone: the centreline through its waypoints (each leg the WGS84 geodesic) buffered
    /// geodesically by half the total width on each side (<see cref="MetricBuffer"/>). Computed once per data set.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="zoneId">The zone.</param>
    /// <returns>The corridor with its receipt and the derived zone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">The zone or a waypoint place is unknown (<c>unknown-record</c>), the zone has no
    /// corridor derivation (<c>not-derivable</c>), or the corridor is outside the buffer's domain (<c>out-of-domain</c>).</exception>
    public static CorridorResult DeriveCorridor(AnalysisData data, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var zone = data.Zone(zoneId);
        return data.Cached("corridor:" + zone.Id, () => Corridor(data, zone));
    }

    /// <summary>
    /// The geometry of a corridor zone given as a record (e.g. one being imported, not yet in <paramref name="data"/>):
    /// as <see cref="DeriveCorridor(AnalysisData, string)"/>, its waypoint places looked up in <paramref name="data"/>. Not cached.
    /// </summary>
    /// <param name="data">The records (places for the waypoints).</param>
    /// <param name="zone">The zone, with a corridor derivation.</param>
    /// <returns>The corridor with its receipt and the derived zone.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AnalysisException">A waypoint place is unknown (<c>unknown-record</c>), the zone has no corridor
    /// derivation (<c>not-derivable</c>), or the corridor is outside the buffer's domain (<c>out-of-domain</c>).</exception>
    public static CorridorResult DeriveCorridor(AnalysisData data, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(zone);
        return Corridor(data, zone);
    }

    /// <summary>
    /// The geometry of a border-band claim: for each line listed, the part of the region within the depth of the
    /// stretch of the line nearest the anchor places (<see cref="LineStretchSelection.Select"/>; the whole line without a
    /// stretch length); the first line builds the claim's geometry, and every listed line reports its sides of it.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="claim">The claim, with a derivation.</param>
    /// <returns>The area with its receipt and the derived claim.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AnalysisException">The claim has no derivation (<c>not-derivable</c>), an id is unknown, or a
    /// parameter is out of the method's domain.</exception>
    public static ClaimAreaResult DeriveClaimArea(AnalysisData data, Claim claim)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(claim);
        var d = claim.Derivation ?? throw new AnalysisException(AnalysisException.NotDerivableCode, $"claim '{claim.Id}' has no derivation to compute an area from");
        return ClaimArea(data, claim, d); // not cached: the claim passed in may differ from the data's record of the same id
    }

    private static CorridorResult Corridor(AnalysisData data, Zone zone)
    {
        var d = zone.Derivation ?? throw new AnalysisException(AnalysisException.NotDerivableCode, $"zone '{zone.Id}' has no corridor derivation");
        var waypoints = new List<GeoPosition>();
        var datasets = new List<DatasetUse>();
        foreach (var w in d.Centreline)
        {
            if (w.PlaceId is { } id)
            {
                var place = data.Place(id);
                waypoints.Add(place.Position);
                datasets.Add(DatasetUse.Of(place));
            }
            else
            {
                waypoints.Add(w.Position!.Value);
            }
        }

        var line = GeometryFactories.Wgs84.CreateLineString(waypoints.Select(p => new Coordinate(p.LongitudeDegrees, p.LatitudeDegrees)).ToArray());
        Geometry buffer;
        try
        {
            buffer = MetricBuffer.Buffer(line, d.Width / 2);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"zone '{zone.Id}': the corridor cannot be computed: {ex.Message}", ex);
        }

        var geometry = GeodesicGeometry.Polygonal(buffer);
        var centreline = (LineString)GeodesicGeometry.Densify(line, GeodesicGeometry.DensifyStep);
        var length = GeodesicMeasure.Length(line);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"corridor: the geodesics through {d.Centreline.Count} waypoints ({string.Join(" → ", d.Centreline.Select(w => w.PlaceId ?? w.Position!.Value.ToString()))}; {length}), buffered geodesically by {d.Width / 2} on each side ({d.Width} in total). {d.Description}");
        var derived = Zone.Create(zone.Id, zone.Name, zone.Kind, zone.ControlledBy, zone.ValidFrom, geometry, zone.ValidTo, zone.Derivation, zone.Uncertainty, zone.Sources, zone.Note);
        var receipt = MeasurementReceipt.Create(
            CorridorMethodText,
            datasets.Append(DatasetUse.Of(zone)),
            zone.Uncertainty?.Radius,
            zone.Uncertainty?.Reasoning ?? "the zone states no uncertainty",
            notes: ["The outline is a derivation from the zone's parameters, not a surveyed or published boundary."]);
        return new CorridorResult(zone.Id, d, description, ValueList.From(waypoints), centreline, length, geometry, GeodesicGeometry.Area(geometry), derived, receipt);
    }

    private static ClaimAreaResult ClaimArea(AnalysisData data, Claim claim, BorderBandDerivation d)
    {
        var region = data.Region(d.RegionId);
        var lines = d.ReferenceLineIds.Select(data.ReferenceLine).ToList();
        var bands = new List<BandResult>();
        foreach (var line in lines)
        {
            var stretch = d.StretchLength is { } length ? LineStretchSelection.Select(data, line.Id, d.AnchorPlaceIds, length) : null;
            bands.Add(BandAnalysis.Compute(data, region, line, d.Depth, stretch));
        }

        var first = bands[0];
        var radius = claim.LocationPrecision?.Radius;
        var sides = first.Geometry.IsEmpty
            ? []
            : lines.Select(l => AreaSideAnalysis.Sides(data, first.Geometry, l.Id, radius)).ToList();
        var stretchText = d.StretchLength is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"the {l} stretch of {first.ReferenceLineId} centred on {(d.AnchorPlaceIds.Count > 1 ? $"the mean position along the line of the points nearest {string.Join(" and ", d.AnchorPlaceIds)}" : $"the point of the line nearest {d.AnchorPlaceIds[0]}")} ({(first.Stretch!.Clipped ? $"clipped to {first.Stretch.Length} by the line's end" : "not clipped")})")
            : $"the whole of {first.ReferenceLineId}";
        var others = lines.Count > 1
            ? $"{string.Join(", ", lines.Skip(1).Select(x => x.Id))} built {(lines.Count > 2 ? "their own bands" : "its own band")} for comparison, and every listed line reports its sides of this area."
            : "no other line is listed.";
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{BorderBandDerivation.Method}: the part of {region.Id} ({region.Name}) within {d.Depth} (geodesic) of {stretchText}. Built from {first.ReferenceLineId}, the first line listed; {others}");
        var notes = new List<string> { $"Built from {first.ReferenceLineId}; see sides for what each listed line says about the area." };
        if (first.Geometry.IsEmpty)
        {
            notes.Add($"The band is empty: {first.ReferenceLineId} does not come within {d.Depth} of {region.Id} along the stretch.");
        }

        var datasets = new List<DatasetUse> { DatasetUse.Of(region) };
        datasets.AddRange(lines.Select(DatasetUse.Of));
        datasets.AddRange(d.AnchorPlaceIds.Select(id => DatasetUse.Of(data.Place(id))));
        var receipt = MeasurementReceipt.Create(
            BandAnalysis.MethodText + "; stretch: the sub-line centred on the anchors' nearest point, half the length each way measured geodesically along the line, clipped at its ends",
            datasets,
            lines[0].Accuracy.P95,
            $"the p95 positional accuracy of {first.ReferenceLineId}, which builds the area; the area at depth ± p95 is in bands[0]",
            notes: notes);
        var derived = claim.WithGeometry(first.Geometry.IsEmpty ? null : first.Geometry, claim.LocationPrecision);
        return new ClaimAreaResult(claim.Id, d, description, first.ReferenceLineId, first.Geometry, first.Area, ValueList.From(bands), ValueList.From(sides), derived, receipt);
    }
}
