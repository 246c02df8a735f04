using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>Where a position stands relative to one line, as the analyses use it.</summary>
/// <param name="Distance">The shortest geodesic distance to the line.</param>
/// <param name="SignedDistance">Positive on the line's left, negative on its right (Geodesy's sign rule).</param>
/// <param name="Side">+1 left, −1 right, 0 on the line.</param>
/// <param name="Point">The nearest point of the line.</param>
/// <param name="PartIndex">The part holding it.</param>
/// <param name="EdgeIndex">The edge holding it (edge i runs from coordinate i to i + 1 of the part).</param>
/// <param name="AlongPart">Its geodesic distance along the part from the part's first vertex.</param>
/// <param name="AtOpenEnd">True when it is an end vertex of an open part: the position lies beyond the line's end,
/// where the line does not say which side it is on.</param>
/// <param name="LineAzimuth">The line's forward azimuth at the nearest point (along the edge holding it), or null for a
/// part that is a lone point.</param>
internal readonly record struct LineNearest(Length Distance, Length SignedDistance, int Side, GeoPosition Point, int PartIndex, int EdgeIndex, Length AlongPart, bool AtOpenEnd, Angle? LineAzimuth);

/// <summary>
/// A line (a reference line, a region's boundary, a stretch) indexed once for the analyses' nearest-point queries,
/// which are answered by Geodesy's <see cref="GeodesicPolyline"/>: the WGS84 geodesic nearest point, distance and side
/// (Karney 2013 geodesics along every edge). Adds what the analyses need on top: the distance along each part (for
/// stretches) and whether the nearest point is an open end. Immutable and thread-safe.
/// </summary>
internal sealed class LineIndex
{
    private readonly GeodesicPolyline _polyline;
    private readonly LineString[] _parts;
    private readonly double[][] _cumulativeMeters;
    private readonly bool[] _closed;

    private LineIndex(GeodesicPolyline polyline, LineString[] parts)
    {
        _polyline = polyline;
        _parts = parts;
        _cumulativeMeters = new double[parts.Length][];
        _closed = new bool[parts.Length];
        for (var p = 0; p < parts.Length; p++)
        {
            var c = parts[p].Coordinates;
            var cumulative = new double[c.Length];
            for (var i = 1; i < c.Length; i++)
            {
                var step = c[i].Equals2D(c[i - 1])
                    ? 0.0
                    : Geodesic.Wgs84.Inverse(GeoPosition.FromLonLat(c[i - 1].X, c[i - 1].Y), GeoPosition.FromLonLat(c[i].X, c[i].Y)).Distance.Meters;
                cumulative[i] = cumulative[i - 1] + step;
            }

            _cumulativeMeters[p] = cumulative;
            _closed[p] = c.Length > 2 && c[0].Equals2D(c[^1]);
        }
    }

    /// <summary>The number of parts.</summary>
    public int PartCount => _parts.Length;

    /// <summary>Indexes a line (LineString or MultiLineString, EPSG:4326).</summary>
    public static LineIndex Of(Geometry lineal)
    {
        var parts = lineal switch
        {
            LineString l => [l],
            MultiLineString m => Enumerable.Range(0, m.NumGeometries).Select(i => (LineString)m.GetGeometryN(i)).ToArray(),
            _ => throw new ArgumentException($"A {lineal.GeometryType} is not a line.", nameof(lineal)),
        };
        return new LineIndex(GeodesicPolyline.FromGeometry(lineal), parts);
    }

    /// <summary>Indexes a reference line.</summary>
    public static LineIndex Of(ReferenceLine line) => Of(line.Geometry);

    /// <summary>A part of the line.</summary>
    public LineString Part(int index) => _parts[index];

    /// <summary>Whether a part is a closed ring (an exclave).</summary>
    public bool IsClosed(int part) => _closed[part];

    /// <summary>The geodesic length of a part.</summary>
    public Length PartLength(int part) => Length.FromMeters(_cumulativeMeters[part][^1]);

    /// <summary>The geodesic distance from the part's first vertex to each of its vertices.</summary>
    public IReadOnlyList<double> CumulativeMeters(int part) => _cumulativeMeters[part];

    /// <summary>The nearest point of the whole line.</summary>
    public LineNearest Nearest(GeoPosition position) => Convert(_polyline.Nearest(position));

    private LineNearest Convert(PolylineProximity p)
    {
        var along = _cumulativeMeters[p.PartIndex][p.EdgeIndex] + p.DistanceAlongEdge.Meters;
        var last = _parts[p.PartIndex].NumPoints - 1;
        var atEnd = !_closed[p.PartIndex] && p.VertexIndex is { } v && (v == 0 || v == last);
        Angle? azimuth = null;
        var c = _parts[p.PartIndex].Coordinates;
        if (p.EdgeLength.Meters > 0 && p.EdgeIndex + 1 < c.Length)
        {
            var a = GeoPosition.FromLonLat(c[p.EdgeIndex].X, c[p.EdgeIndex].Y);
            var b = GeoPosition.FromLonLat(c[p.EdgeIndex + 1].X, c[p.EdgeIndex + 1].Y);
            azimuth = Geodesic.Wgs84.Line(a, b).Position(p.DistanceAlongEdge).FinalAzimuth;
        }

        return new LineNearest(p.Distance, p.SignedDistance, (int)p.Side, p.NearestPoint, p.PartIndex, p.EdgeIndex, Length.FromMeters(along), atEnd, azimuth);
    }
}
