using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems.Transformations;

namespace GeoIncidents.Geodesy.Projections;

/// <summary>
/// An NTS coordinate filter that moves every X/Y of a geometry through a coordinate function (a ProjNET
/// <see cref="MathTransform"/> or any <c>(x, y) → (x, y)</c> map), leaving Z and M as they are. ProjNET 2.0 has no
/// NetTopologySuite dependency, so this is the bridge between the two.
/// </summary>
/// <remarks>
/// The filter changes the sequences it is applied to. Geometries are frozen once built (STYLE.md, rule 6), so use
/// <see cref="Transform(Geometry, GeometryFactory, Func{double, double, ValueTuple{double, double}})"/>, which applies it to a copy built
/// by the target SRID's factory, rather than calling <see cref="Geometry.Apply(ICoordinateSequenceFilter)"/> on a shared geometry.
/// </remarks>
public sealed class MathTransformFilter : ICoordinateSequenceFilter
{
    private readonly Func<double, double, (double X, double Y)> _map;

    /// <summary>Creates a filter from a ProjNET transform (X = longitude, Y = latitude in degrees on the geographic side).</summary>
    /// <param name="transform">The transform; it is only read (never inverted in place).</param>
    /// <exception cref="ArgumentNullException">The transform is null.</exception>
    public MathTransformFilter(MathTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        _map = (x, y) => transform.Transform(x, y);
    }

    /// <summary>Creates a filter from a coordinate function.</summary>
    /// <param name="map">Maps (x, y) to (x, y); it may throw to reject a coordinate.</param>
    /// <exception cref="ArgumentNullException">The function is null.</exception>
    public MathTransformFilter(Func<double, double, (double X, double Y)> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
    }

    /// <summary>Always false: every coordinate is visited.</summary>
    public bool Done => false;

    /// <summary>Always true: the geometry's cached envelope must be recomputed.</summary>
    public bool GeometryChanged => true;

    /// <summary>Transforms coordinate <paramref name="i"/> of <paramref name="seq"/> in place.</summary>
    /// <param name="seq">The sequence being visited.</param>
    /// <param name="i">The index of the coordinate.</param>
    /// <exception cref="ArgumentException">The function produced a NaN or infinite coordinate.</exception>
    public void Filter(CoordinateSequence seq, int i)
    {
        ArgumentNullException.ThrowIfNull(seq);
        var (x, y) = _map(seq.GetX(i), seq.GetY(i));
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new ArgumentException(FormattableString.Invariant($"The coordinate ({seq.GetX(i)}, {seq.GetY(i)}) has no finite image under the transform."));
        }

        seq.SetX(i, x);
        seq.SetY(i, y);
    }

    /// <summary>
    /// Transforms a whole geometry (points, lines, polygons with holes, multi-geometries, collections) into a new
    /// geometry built by <paramref name="targetFactory"/> (and so carrying its SRID). The source is never changed.
    /// </summary>
    /// <param name="source">The geometry to transform.</param>
    /// <param name="targetFactory">The factory of the target SRID (from <see cref="Geometries.GeometryFactories"/>).</param>
    /// <param name="map">Maps (x, y) to (x, y); it may throw to reject a coordinate.</param>
    /// <returns>The transformed copy.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A coordinate has no finite image (or <paramref name="map"/> rejected it).</exception>
    public static Geometry Transform(Geometry source, GeometryFactory targetFactory, Func<double, double, (double X, double Y)> map)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targetFactory);
        ArgumentNullException.ThrowIfNull(map);
        var copy = CopyInto(source, targetFactory);
        copy.Apply(new MathTransformFilter(map));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>
    /// A deep copy built by <paramref name="f"/>: new coordinate sequences, and every part (empty ones included)
    /// carrying the factory's SRID. <see cref="GeometryFactory.CreateGeometry(Geometry)"/> is not used because it
    /// hands back empty parts as they are, still in the source factory.
    /// </summary>
    private static Geometry CopyInto(Geometry g, GeometryFactory f) => g switch
    {
        Point p => f.CreatePoint(f.CoordinateSequenceFactory.Create(p.CoordinateSequence)),
        LinearRing r => f.CreateLinearRing(f.CoordinateSequenceFactory.Create(r.CoordinateSequence)),
        LineString l => f.CreateLineString(f.CoordinateSequenceFactory.Create(l.CoordinateSequence)),
        Polygon p => f.CreatePolygon((LinearRing)CopyInto(p.Shell, f), [.. p.Holes.Select(h => (LinearRing)CopyInto(h, f))]),
        MultiPoint mp => f.CreateMultiPoint([.. Parts(mp).Select(x => (Point)CopyInto(x, f))]),
        MultiLineString ml => f.CreateMultiLineString([.. Parts(ml).Select(x => (LineString)CopyInto(x, f))]),
        MultiPolygon mpg => f.CreateMultiPolygon([.. Parts(mpg).Select(x => (Polygon)CopyInto(x, f))]),
        GeometryCollection gc => f.CreateGeometryCollection([.. Parts(gc).Select(x => CopyInto(x, f))]),
        _ => throw new ArgumentException($"Unsupported geometry type {g.GeometryType}.", nameof(g)),
    };

    private static IEnumerable<Geometry> Parts(GeometryCollection collection) =>
        Enumerable.Range(0, collection.NumGeometries).Select(collection.GetGeometryN);
}
