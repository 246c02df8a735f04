using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Buffers;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GeoIncidents.Core.Analysis;

/// <summary>A place of the places layer that lies inside an analysed area.</summary>
/// <param name="PlaceId">The place id.</param>
/// <param name="Name">Its English name.</param>
/// <param name="Position">Its reference point.</param>
public sealed record PlaceInArea(string PlaceId, string Name, GeoPosition Position);

/// <summary>
/// The part of a region within a depth of a reference line (or of a stretch of it), with its geodesic area, the areas
/// at depth ± the line's p95 as a sensitivity interval, and the places inside it.
/// </summary>
/// <param name="RegionId">The region (e.g. <c>AM-SU</c>).</param>
/// <param name="RegionName">The region's English name.</param>
/// <param name="ReferenceLineId">The line measured from.</param>
/// <param name="Depth">The depth from the line, greater than 0 m.</param>
/// <param name="Geometry">The band (EPSG:4326 MultiPolygon; empty when the line never comes within the depth of the region).</param>
/// <param name="Area">Its geodesic area on WGS84.</param>
/// <param name="DepthLow">The depth minus the line's p95 (0 m when the p95 exceeds the depth).</param>
/// <param name="AreaLow">The band's area at <paramref name="DepthLow"/> (zero at 0 m).</param>
/// <param name="DepthHigh">The depth plus the line's p95.</param>
/// <param name="AreaHigh">The band's area at <paramref name="DepthHigh"/>.</param>
/// <param name="Places">The places of the places layer inside the band.</param>
/// <param name="Stretch">The stretch of line the band is built from, or null for the whole line.</param>
/// <param name="Receipt">Method, datasets, uncertainty (the line's p95); no verdict.</param>
public sealed record BandResult(
    string RegionId,
    string RegionName,
    string ReferenceLineId,
    Length Depth,
    MultiPolygon Geometry,
    Area Area,
    Length DepthLow,
    Area AreaLow,
    Length DepthHigh,
    Area AreaHigh,
    ValueList<PlaceInArea> Places,
    LineStretch? Stretch,
    MeasurementReceipt Receipt);

/// <summary>
/// <c>Band(region, depth, reference line)</c>: the part of a region within a geodesic depth of a reference line
/// (region ∩ <see cref="MetricBuffer"/>(line, depth)), its geodesic area, and the settlements inside it.
/// </summary>
/// <remarks>
/// <para>Method: the line (only its edges that can come within reach of the region) is buffered with
/// <see cref="MetricBuffer"/> (boundary within 0.02 % of the depth of the true geodesic distance); the region's edges are
/// densified along their geodesics to 1 km (so the lon/lat overlay follows the geodesics to about 2 cm); the overlay is
/// topological (OverlayNG on lon/lat vertices); the area is Karney's geodesic polygon area on WGS84.</para>
/// <para>Uncertainty: the line's stated p95. The band is also computed at depth − p95 and depth + p95: what the area
/// becomes if the line lay uniformly p95 nearer to or farther from the region's interior. That is a sensitivity range,
/// not a confidence interval; the region's own outline (Natural Earth) is not varied.</para>
/// </remarks>
public static class BandAnalysis
{
    /// <summary>The method text written on the receipt.</summary>
    public const string MethodText =
        "band: region ∩ geodesic buffer of the reference line (MetricBuffer: local transverse Mercator pieces, boundary within 0.02 % of the depth); "
        + "region edges densified along their WGS84 geodesics to 1 km; topological overlay on lon/lat; area geodesic (Karney 2013, WGS84)";

    /// <summary>The part of a region within <paramref name="depth"/> of a whole reference line.</summary>
    /// <param name="data">The records.</param>
    /// <param name="regionId">The region id (e.g. <c>AM-SU</c>).</param>
    /// <param name="depth">The depth, greater than 0 m; depth + the line's p95 at most <see cref="MetricBuffer.MaxDistance"/>.</param>
    /// <param name="referenceLineId">The line id (e.g. <c>osm-2020</c>).</param>
    /// <returns>The band with its receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">An id is unknown (<c>unknown-record</c>), or the depth is out of range or the region out of
    /// the buffer's domain (<c>out-of-domain</c>: within 10° of a pole, or across the antimeridian).</exception>
    public static BandResult Band(AnalysisData data, string regionId, Length depth, string referenceLineId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var region = data.Region(regionId);
        var line = data.ReferenceLine(referenceLineId);
        return Compute(data, region, line, depth, null);
    }

    /// <summary>The bands of one region against every reference line (or the one named).</summary>
    /// <param name="data">The records.</param>
    /// <param name="regionId">The region id.</param>
    /// <param name="depth">The depth (see <see cref="Band"/>).</param>
    /// <param name="referenceLineId">A line id, or null for every line.</param>
    /// <returns>One band per line, in the data's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">As <see cref="Band"/>.</exception>
    public static IReadOnlyList<BandResult> Bands(AnalysisData data, string regionId, Length depth, string? referenceLineId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var region = data.Region(regionId);
        return data.LinesOrAll(referenceLineId).Select(l => Compute(data, region, l, depth, null)).ToList();
    }

    /// <summary>The band of a region along a stretch of a line (or the whole line when <paramref name="stretch"/> is null).</summary>
    internal static BandResult Compute(AnalysisData data, Region region, ReferenceLine line, Length depth, LineStretch? stretch)
    {
        if (!(depth.Meters > 0))
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"a band depth must be greater than 0 m (is {depth})");
        }

        var p95 = line.Accuracy.P95;
        var depthHigh = depth + p95;
        if (depthHigh > MetricBuffer.MaxDistance)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode,
                $"a band depth plus the line's p95 ({p95}) must be at most {MetricBuffer.MaxDistance} (the depth is {depth})");
        }

        var depthLow = depth > p95 ? depth - p95 : Length.Zero;
        var source = stretch is null ? line.Geometry : GeodesicGeometry.MultiLine(stretch.Geometry);
        var near = GeodesicGeometry.ClipNear(source, region.Geometry.EnvelopeInternal, depthHigh);
        var regionDense = GeodesicGeometry.Densify(region.Geometry, GeodesicGeometry.DensifyStep);

        MultiPolygon BandAt(Length d) => near.IsEmpty || d.Meters <= 0
            ? GeodesicGeometry.EmptyMultiPolygon
            : GeodesicGeometry.Polygonal(GeodesicGeometry.Intersection(regionDense, Buffer(near, d)));

        var band = BandAt(depth);
        var area = GeodesicGeometry.Area(band);
        var areaLow = GeodesicGeometry.Area(BandAt(depthLow));
        var areaHigh = GeodesicGeometry.Area(BandAt(depthHigh));
        var places = PlacesIn(data, band);

        var notes = new List<string>
        {
            $"The band's other edges follow the region's outline ({region.Source}, p95 {region.Accuracy.P95}{(region.Accuracy.Assumed ? " assumed" : string.Empty)}); where that outline does not follow {line.Id}, the band takes in land {line.Id} puts on the other side, or misses land on its own side.",
            $"area_interval_km2 gives the band at depth ± the line's p95 ({depthLow} to {depthHigh}): the area if {line.Id} lay uniformly p95 nearer to or farther from the region's interior (a sensitivity range, not a confidence interval).",
        };
        if (depthLow.Meters == 0)
        {
            notes.Add($"The depth ({depth}) does not exceed {line.Id}'s p95 ({p95}): the data cannot tell a band this shallow from none at all.");
        }

        if (band.IsEmpty)
        {
            notes.Add($"{line.Id} does not come within {depth} of {region.Id}: the band is empty.");
        }

        var receipt = MeasurementReceipt.Create(
            MethodText,
            [DatasetUse.Of(region), DatasetUse.Of(line)],
            uncertainty: p95,
            uncertaintyBasis: $"the p95 positional accuracy of {line.Id}; see area_interval_km2",
            notes: notes);
        return new BandResult(region.Id, region.Name, line.Id, depth, band, area, depthLow, areaLow, depthHigh, areaHigh, places, stretch, receipt);
    }

    /// <summary>The places of the data that lie in (or on the edge of) an area.</summary>
    internal static ValueList<PlaceInArea> PlacesIn(AnalysisData data, Geometry area)
    {
        if (area.IsEmpty)
        {
            return ValueList<PlaceInArea>.Empty;
        }

        var prepared = PreparedGeometryFactory.Prepare(area);
        return ValueList.From(data.Places
            .Where(p => prepared.Covers(GeodesicGeometry.ToPoint(p.Position)))
            .Select(p => new PlaceInArea(p.Id, p.Names.English, p.Position)));
    }

    private static Geometry Buffer(MultiLineString line, Length distance)
    {
        try
        {
            return MetricBuffer.Buffer(line, distance);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"the band cannot be computed here: {ex.Message}", ex);
        }
    }
}
