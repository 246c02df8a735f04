using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Analysis;

/// <summary>An advance of a distance perpendicular to a reference line, from the point of the line nearest an origin.</summary>
/// <param name="ReferenceLineId">The line.</param>
/// <param name="Foot">The point of the line nearest the origin, where the advance starts.</param>
/// <param name="FootDistance">The origin's geodesic distance to the line.</param>
/// <param name="Azimuth">The azimuth of the advance: perpendicular to the line at the foot, toward the region's side.</param>
/// <param name="Destination">Where the advance ends (the direct problem from the foot).</param>
/// <param name="Path">The geodesic from the foot to the destination, densified.</param>
/// <param name="DestinationLocation">Locate of the destination against this line (and country, province).</param>
public sealed record PerpendicularAdvance(
    string ReferenceLineId,
    GeoPosition Foot,
    Length FootDistance,
    Angle Azimuth,
    GeoPosition Destination,
    NetTopologySuite.Geometries.Geometry Path,
    LocateResult DestinationLocation);

/// <summary>
/// <c>Advance(distance, into region, from a reference line or a place)</c>: with a bearing, the displacement from the
/// place; without one, the band of the region reachable by an advance of the distance perpendicular to the border
/// (along the whole line, or along the stretch nearest the place), and from a place the perpendicular advance from
/// the border point nearest it.
/// </summary>
/// <param name="Distance">The distance advanced, greater than 0 m.</param>
/// <param name="IntoRegionId">The region advanced into.</param>
/// <param name="FromReferenceLineId">The line advanced from, or null (from a place).</param>
/// <param name="FromPlaceId">The place advanced from, or null (from a line).</param>
/// <param name="OriginRadius">The place's uncertainty radius, or null.</param>
/// <param name="Azimuth">The claimed bearing, or null (none claimed).</param>
/// <param name="Displacement">With a bearing, the displacement from the place; else null.</param>
/// <param name="DestinationInRegion">With a bearing, whether the destination lies in the region (topological); else null.</param>
/// <param name="Bands">Without a bearing, the band per reference line; else empty.</param>
/// <param name="Perpendicular">Without a bearing from a place, the perpendicular advance per line; else empty.</param>
/// <param name="Receipt">Method, datasets, uncertainty (the line's p95 and the origin's radius); no verdict (see the parts).</param>
public sealed record AdvanceResult(
    Length Distance,
    string IntoRegionId,
    string? FromReferenceLineId,
    string? FromPlaceId,
    Length? OriginRadius,
    Angle? Azimuth,
    DisplaceResult? Displacement,
    bool? DestinationInRegion,
    ValueList<BandResult> Bands,
    ValueList<PerpendicularAdvance> Perpendicular,
    MeasurementReceipt Receipt);

/// <summary>Advances into a region (see <see cref="AdvanceFromLine"/> and <see cref="AdvanceFromPlace"/>).</summary>
public static class AdvanceAnalysis
{
    /// <summary>
    /// An advance of <paramref name="distance"/> into a region from a reference line with no bearing: every point of
    /// the region within that distance of the line (<see cref="BandAnalysis.Band"/>).
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="distance">Greater than 0 m (see <see cref="BandAnalysis.Band"/> for the range).</param>
    /// <param name="intoRegionId">The region.</param>
    /// <param name="referenceLineId">The line.</param>
    /// <returns>The advance, its band and receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">An id is unknown, or the distance out of range.</exception>
    public static AdvanceResult AdvanceFromLine(AnalysisData data, Length distance, string intoRegionId, string referenceLineId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var band = BandAnalysis.Band(data, intoRegionId, distance, referenceLineId);
        var receipt = MeasurementReceipt.Create(
            "advance without a bearing: the points of the region reachable by an advance of the distance perpendicular to the line, i.e. its band; " + BandAnalysis.MethodText,
            band.Receipt.Datasets,
            band.Receipt.Uncertainty,
            band.Receipt.UncertaintyBasis,
            notes: band.Receipt.Notes);
        return new AdvanceResult(distance, intoRegionId, referenceLineId, null, null, null, null, null, ValueList.From([band]), ValueList<PerpendicularAdvance>.Empty, receipt);
    }

    /// <summary>
    /// An advance of <paramref name="distance"/> into a region from a place. With a bearing: the displacement from the
    /// place (<see cref="DisplaceAnalysis.Displace"/>) and whether it ends in the region. Without one: per reference
    /// line (or the one named), the band of the region within the distance of the stretch of line of
    /// <paramref name="stretchLength"/> nearest the place (the places reachable by an advance perpendicular to the
    /// border there), and the perpendicular advance from the border point nearest the place.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="distance">Greater than 0 m.</param>
    /// <param name="intoRegionId">The region; without a bearing it must lie in one of the line's two countries.</param>
    /// <param name="fromPlaceId">The place.</param>
    /// <param name="azimuth">The claimed bearing, or null.</param>
    /// <param name="originRadius">The place's uncertainty radius (how far from its point the advance may have started), or null.</param>
    /// <param name="stretchLength">Without a bearing, the length of border the band is kept along (required then).</param>
    /// <param name="referenceLineId">A line, or null for every line.</param>
    /// <returns>The advance with its receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">An id is unknown; a parameter is out of range; without a bearing, no stretch
    /// length is given or the region is in neither of the line's countries.</exception>
    public static AdvanceResult AdvanceFromPlace(
        AnalysisData data,
        Length distance,
        string intoRegionId,
        string fromPlaceId,
        Angle? azimuth = null,
        Length? originRadius = null,
        Length? stretchLength = null,
        string? referenceLineId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var region = data.Region(intoRegionId);
        var place = data.Place(fromPlaceId);
        if (azimuth is { } az)
        {
            var displaced = DisplaceAnalysis.Displace(data, place.Position, az, distance, originRadius, referenceLineId);
            var inRegion = data.RegionIndex.Contains(region.Id, GeoPosition.FromLatLon(displaced.Destination.LatitudeDegrees, displaced.Destination.NormalizedLongitudeDegrees));
            var datasets = displaced.Receipt.Datasets.Append(DatasetUse.Of(place, originRadius)).Append(DatasetUse.Of(region));
            var receipt = MeasurementReceipt.Create(
                "advance on a claimed bearing: " + DisplaceAnalysis.MethodText + "; the destination's region by point-in-polygon (topological)",
                datasets,
                displaced.Receipt.Uncertainty,
                displaced.Receipt.UncertaintyBasis,
                notes: displaced.Receipt.Notes);
            return new AdvanceResult(distance, region.Id, null, place.Id, originRadius, az.Normalized(), displaced, inRegion, ValueList<BandResult>.Empty, ValueList<PerpendicularAdvance>.Empty, receipt);
        }

        var length = stretchLength ?? throw new AnalysisException(AnalysisException.OutOfDomainCode,
            "an advance from a place without a bearing needs a stretch length: the length of border along which the band is kept");
        var bands = new List<BandResult>();
        var perpendicular = new List<PerpendicularAdvance>();
        var notes = new List<string>();
        foreach (var line in data.LinesOrAll(referenceLineId))
        {
            var toLeft = region.Country == line.LeftCountry;
            if (!toLeft && region.Country != line.RightCountry)
            {
                throw new AnalysisException(AnalysisException.OutOfDomainCode,
                    $"region {region.Id} ({region.Country}) lies in neither country of {line.Id} ({line.LeftCountry} left, {line.RightCountry} right)");
            }

            var stretch = LineStretchSelection.Select(data, line.Id, [place.Id], length);
            bands.Add(BandAnalysis.Compute(data, region, line, distance, stretch));
            var foot = data.IndexOf(line).Nearest(place.Position);
            if (foot.LineAzimuth is not { } along || foot.AtOpenEnd)
            {
                notes.Add($"{line.Id}: the point nearest {place.Id} is an end of the line; no perpendicular advance is drawn.");
                continue;
            }

            // Left of the line's direction is its azimuth − 90°.
            var normal = (along + Angle.FromDegrees(toLeft ? -90 : 90)).Normalized();
            var positions = Geodesic.Wgs84.Line(foot.Point, normal).Densify(distance, DisplaceAnalysis.PathStep);
            var destination = positions[^1];
            var located = LocateAnalysis.Locate(data, GeoPosition.FromLatLon(destination.LatitudeDegrees, Angle.NormalizeDegrees(destination.LongitudeDegrees)), (originRadius ?? Length.Zero) + line.Accuracy.P95, line.Id);
            perpendicular.Add(new PerpendicularAdvance(line.Id, foot.Point, foot.Distance, normal, located.Position, GeodesicGeometry.PathGeometry(positions), located));
        }

        notes.Add("Without a bearing the advance is the band: the places reachable by an advance of the distance perpendicular to the border along the stretch; the perpendicular advance from the border point nearest the place is one of them, drawn for orientation.");
        var allDatasets = bands.SelectMany(b => b.Receipt.Datasets).Append(DatasetUse.Of(place, originRadius));
        var maxP95 = data.LinesOrAll(referenceLineId).Max(l => l.Accuracy.P95);
        var result = MeasurementReceipt.Create(
            "advance without a bearing from a place: per line, the band of the region within the distance of the stretch of line nearest the place; "
            + "the perpendicular advance from the line's nearest point (geodesic direct problem, azimuth ±90° from the line's there); " + BandAnalysis.MethodText,
            allDatasets,
            maxP95 + (originRadius ?? Length.Zero),
            "the largest p95 of the lines used plus the place's radius, added (per line: bands[].receipt)",
            notes: notes);
        return new AdvanceResult(distance, region.Id, null, place.Id, originRadius, null, null, null, ValueList.From(bands), ValueList.From(perpendicular), result);
    }
}
