using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Geodesy.Lines;

/// <summary>
/// Where a position stands relative to a <see cref="GeodesicPolyline"/>: the shortest geodesic distance to it, the
/// nearest point on it, the edge that point lies on, and the side.
/// </summary>
/// <param name="Distance">The shortest WGS84 geodesic distance from the position to the line, ≥ 0.</param>
/// <param name="SignedDistance"><paramref name="Distance"/> with the sign of <paramref name="Side"/>: positive on the
/// line's left, negative on its right, zero when the side is <see cref="LineSide.On"/> (see there: this includes a
/// position exactly on the extension beyond an open end, whose <paramref name="Distance"/> is not zero).</param>
/// <param name="Side">The side of the nearest part, decided at the nearest point (see <see cref="GeodesicPolyline"/>
/// for vertices and open ends).</param>
/// <param name="NearestPoint">The nearest point of the line. A vertex is returned exactly as given in the source
/// geometry; a point inside an edge has its longitude in [-180, 180).</param>
/// <param name="PartIndex">The part holding the nearest point: the LineString's index in a MultiLineString (0 for a
/// LineString); for polygon boundaries, rings are numbered in order, each polygon's shell then its holes.</param>
/// <param name="EdgeIndex">The edge holding the nearest point: edge i runs from coordinate i to coordinate i + 1 of
/// the part as given in the source geometry.</param>
/// <param name="DistanceAlongEdge">The geodesic distance from coordinate <paramref name="EdgeIndex"/> to the nearest
/// point along the edge, in [0, <paramref name="EdgeLength"/>].</param>
/// <param name="EdgeLength">The geodesic length of that edge (0 for a part that is a lone point).</param>
/// <param name="VertexIndex">When the nearest point is a vertex, its coordinate index in the part as given; otherwise
/// null.</param>
public readonly record struct PolylineProximity(
    Length Distance,
    Length SignedDistance,
    LineSide Side,
    GeoPosition NearestPoint,
    int PartIndex,
    int EdgeIndex,
    Length DistanceAlongEdge,
    Length EdgeLength,
    int? VertexIndex)
{
    /// <summary>
    /// <see cref="DistanceAlongEdge"/> as a fraction of <see cref="EdgeLength"/>, in [0, 1] (0 for a lone point).
    /// </summary>
    public double EdgeFraction => EdgeLength.Meters > 0 ? DistanceAlongEdge.Meters / EdgeLength.Meters : 0.0;
}
