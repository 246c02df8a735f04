using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Operation.Union;

namespace GeoIncidents.Core.Analysis;

/// <summary>What one reference line says about a geometry (a claimed area, a point): how far it reaches on each side,
/// how much of it lies on each side, and a verdict.</summary>
/// <param name="ReferenceLineId">The line.</param>
/// <param name="LeftCountry">The line's left country (positive signed distances).</param>
/// <param name="RightCountry">The line's right country.</param>
/// <param name="MinSignedDistance">The smallest signed distance over the geometry (positive = the line's left country).</param>
/// <param name="MaxSignedDistance">The largest signed distance over the geometry.</param>
/// <param name="AreaLeft">For an area, the geodesic area on the line's left; null for points and lines.</param>
/// <param name="AreaRight">For an area, the geodesic area on the line's right; null for points and lines.</param>
/// <param name="FractionLeft">For an area, <paramref name="AreaLeft"/> over the whole area, in [0, 1]; null otherwise.</param>
/// <param name="MajoritySide">The country with most of an area, or the side of every point of a point or line; null when split evenly or on the line.</param>
/// <param name="Receipt">Method, the line, uncertainty = p95 + the geometry's radius, and the verdict relative to the
/// line's left country: inside when the whole geometry is beyond the uncertainty on the left, outside when on the
/// right, else indeterminate.</param>
public sealed record AreaSides(
    string ReferenceLineId,
    string LeftCountry,
    string RightCountry,
    Length MinSignedDistance,
    Length MaxSignedDistance,
    Area? AreaLeft,
    Area? AreaRight,
    double? FractionLeft,
    string? MajoritySide,
    MeasurementReceipt Receipt);

/// <summary>Where a geometry lies relative to a reference line (see <see cref="Sides"/>).</summary>
public static class AreaSideAnalysis
{
    /// <summary>The spacing of the boundary samples the signed-distance extremes are taken over.</summary>
    public static readonly Length SampleStep = Length.FromMeters(100);

    /// <summary>The method text written on the receipt.</summary>
    public const string MethodText =
        "signed geodesic distances to the reference line (Karney 2013, WGS84) at the geometry's vertices and along its boundary every 100 m; "
        + "for areas, the area split by the line (edges densified along their geodesics to 1 km, polygonized) and each face's geodesic area assigned to the side of its interior point";

    /// <summary>
    /// What a line says about a geometry: the extreme signed distances (over its vertices and its boundary sampled every
    /// 100 m: for bands and other areas a few kilometres across this is the extreme over the area, since the signed
    /// distance has no interior extremum away from the line's medial axis), the geodesic area on each side for an area,
    /// and the verdict relative to the line's left country against p95 + <paramref name="radius"/>.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="geometry">A non-empty EPSG:4326 geometry.</param>
    /// <param name="referenceLineId">The line.</param>
    /// <param name="radius">The geometry's own uncertainty radius, or null.</param>
    /// <returns>The sides with their receipt.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AnalysisException">The line is unknown, or the geometry is empty.</exception>
    public static AreaSides Sides(AnalysisData data, Geometry geometry, string referenceLineId, Length? radius = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(geometry);
        var line = data.ReferenceLine(referenceLineId);
        if (geometry.IsEmpty)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, "an empty geometry has no side");
        }

        var index = data.IndexOf(line);
        var samples = Samples(geometry).Select(p => index.Nearest(p)).ToList();
        var min = samples.Min(s => s.SignedDistance.Meters);
        var max = samples.Max(s => s.SignedDistance.Meters);
        var atEnd = samples.Any(s => s.AtOpenEnd);
        Area? left = null, right = null;
        double? fraction = null;
        string? majority;
        var polygons = GeodesicGeometry.Polygonal(geometry);
        if (!polygons.IsEmpty)
        {
            (left, right) = SplitArea(polygons, line, index);
            var total = left.Value.SquareMeters + right.Value.SquareMeters;
            fraction = total > 0 ? left.Value.SquareMeters / total : null;
            majority = fraction switch
            {
                > 0.5 => line.LeftCountry,
                < 0.5 => line.RightCountry,
                _ => null,
            };
        }
        else
        {
            majority = min > 0 ? line.LeftCountry : max < 0 ? line.RightCountry : null;
        }

        var uncertainty = line.Accuracy.P95 + (radius ?? Length.Zero);
        var notes = new List<string>();
        Verdict? verdict;
        if (samples.All(s => s.AtOpenEnd))
        {
            verdict = null;
            notes.Add($"The geometry lies beyond the ends of {line.Id}: the line does not say which side it is on.");
        }
        else
        {
            verdict = min > uncertainty.Meters ? Verdict.Inside
                : max < -uncertainty.Meters ? Verdict.Outside
                : Verdict.Indeterminate;
            if (atEnd)
            {
                notes.Add($"Part of the geometry lies beyond an end of {line.Id}; there the sign follows the end edge extended.");
            }
        }

        if (verdict == Verdict.Indeterminate && min < 0 && max > 0)
        {
            notes.Add($"The geometry straddles {line.Id}: it reaches {Length.FromMeters(max)} into {line.LeftCountry} and {Length.FromMeters(-min)} into {line.RightCountry}.");
        }

        var receipt = MeasurementReceipt.Create(
            MethodText,
            [DatasetUse.Of(line)],
            uncertainty,
            radius is null ? $"the p95 positional accuracy of {line.Id}" : $"the p95 positional accuracy of {line.Id} plus the geometry's radius, added",
            verdict,
            verdict is null ? null : line.LeftCountry,
            notes);
        return new AreaSides(line.Id, line.LeftCountry, line.RightCountry, Length.FromMeters(min), Length.FromMeters(max), left, right, fraction, majority, receipt);
    }

    /// <summary>The vertices of a geometry, with polygon boundaries and lines densified to <see cref="SampleStep"/>.</summary>
    private static IEnumerable<Geodesy.Positions.GeoPosition> Samples(Geometry geometry)
    {
        var dense = GeodesicGeometry.Densify(geometry, SampleStep);
        return dense.Coordinates.Select(c => Geodesy.Positions.GeoPosition.FromLonLat(c.X, c.Y));
    }

    /// <summary>The geodesic area of a polygonal geometry on each side of a line: the faces of the area cut by the line.</summary>
    private static (Area Left, Area Right) SplitArea(MultiPolygon area, ReferenceLine line, LineIndex index)
    {
        var near = GeodesicGeometry.ClipNear(line.Geometry, area.EnvelopeInternal, Length.Zero);
        var faces = new List<Polygon>();
        if (near.IsEmpty)
        {
            faces.AddRange(Enumerable.Range(0, area.NumGeometries).Select(i => (Polygon)area.GetGeometryN(i)));
        }
        else
        {
            var cut = GeodesicGeometry.Densify(near, GeodesicGeometry.DensifyStep);
            var noded = UnaryUnionOp.Union((Geometry)area.Factory.CreateGeometryCollection([area.Boundary, cut]));
            var polygonizer = new Polygonizer();
            polygonizer.Add(noded);
            var inside = PreparedGeometryFactory.Prepare(area);
            faces.AddRange(polygonizer.GetPolygons().OfType<Polygon>().Where(f => inside.Contains(f.InteriorPoint)));
        }

        double left = 0, right = 0;
        foreach (var face in faces)
        {
            var p = face.InteriorPoint;
            var side = index.Nearest(Geodesy.Positions.GeoPosition.FromLonLat(p.X, p.Y)).Side;
            var a = GeodesicMeasure.Area(face).SquareMeters;
            if (side > 0)
            {
                left += a;
            }
            else
            {
                right += a;
            }
        }

        return (Area.FromSquareMeters(left), Area.FromSquareMeters(right));
    }
}
