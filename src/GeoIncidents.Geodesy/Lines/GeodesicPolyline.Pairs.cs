using static GeoIncidents.Geodesy.Geodesics.GeodesicMath;

namespace GeoIncidents.Geodesy.Lines;

/// <summary>What <see cref="GeodesicDistance"/> needs from two indexed geometries: vertices, distances below a
/// cutoff and crossings of geodesic edges.</summary>
public sealed partial class GeodesicPolyline
{
    /// <summary>Every distinct vertex of every part (lone points included), latitude and longitude in degrees.</summary>
    internal IEnumerable<(double Lat, double Lon)> Vertices()
    {
        foreach (var part in _parts)
        {
            var count = part.Closed ? part.Lat.Length - 1 : part.Lat.Length;
            for (var k = 0; k < count; k++)
            {
                yield return (part.Lat[k], part.Lon[k]);
            }
        }
    }

    /// <summary>The first vertex of every part: one point of each connected piece of the geometry.</summary>
    internal IEnumerable<(double Lat, double Lon)> FirstVertices() => _parts.Select(p => (p.Lat[0], p.Lon[0]));

    /// <summary>The distance from a position to the line when it is below <paramref name="cutoffMeters"/>.</summary>
    internal bool TryDistanceBelow(double latDegrees, double lonDegrees, double cutoffMeters, bool stopAtFirst, out double distanceMeters)
    {
        var q = new QueryPoint(latDegrees, lonDegrees, _geodesic.F1);
        var found = Search(q, cutoffMeters, stopAtFirst, out var hit);
        distanceMeters = found ? hit.DistanceMeters : double.PositiveInfinity;
        return found;
    }

    /// <summary>The side (of the nearest part) of a position, and its distance (see <see cref="Nearest"/>).</summary>
    internal (LineSide Side, double DistanceMeters) SideOf(double latDegrees, double lonDegrees)
    {
        var q = new QueryPoint(latDegrees, lonDegrees, _geodesic.F1);
        Search(q, double.PositiveInfinity, false, out var hit);
        return (Side(hit, _parts[_pieces[hit.Piece].Part]), hit.DistanceMeters);
    }

    /// <summary>
    /// Whether an edge of this line properly crosses an edge of <paramref name="other"/>: the ends of each lie strictly
    /// on opposite sides of the other's geodesic. Sides are read from azimuths at the first vertex (C is left of the
    /// geodesic A→B when the azimuth from A to C is counter-clockwise of B's), which is exact for geodesics shorter
    /// than the distance to a conjugate point (≈ 20000 km). Touching (a vertex on the other line) is not a crossing;
    /// the distance finds it as zero.
    /// </summary>
    internal bool CrossesAnyEdgeOf(GeodesicPolyline other)
    {
        var candidates = new List<int>();
        var tested = new HashSet<(int, int)>();
        for (var i = 0; i < _pieces.Length; i++)
        {
            var mine = _pieces[i].Edge;
            if (mine < 0)
            {
                continue;
            }

            candidates.Clear();
            other._tree.Overlapping(_tree.Box(i), candidates);
            foreach (var j in candidates)
            {
                var theirs = other._pieces[j].Edge;
                if (theirs >= 0 && tested.Add((mine, theirs)) && Cross(_edges[mine], other._edges[theirs]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool Cross(in Edge ab, in Edge cd)
    {
        var sideC = SideOfGeodesic(ab, cd.LatA, cd.LonA);
        var sideD = SideOfGeodesic(ab, cd.LatB, cd.LonB);
        if (sideC * sideD >= 0)
        {
            return false;
        }

        var sideA = SideOfGeodesic(cd, ab.LatA, ab.LonA);
        var sideB = SideOfGeodesic(cd, ab.LatB, ab.LonB);
        return sideA * sideB < 0;
    }

    /// <summary>+1 when the point is left of the edge's geodesic (extended both ways), -1 right, 0 on it.</summary>
    private int SideOfGeodesic(in Edge edge, double lat, double lon)
    {
        _geodesic.InverseCore(edge.LatA, edge.LonA, lat, lon, false, out var r);
        if (r.DistanceMeters == 0)
        {
            return 0;
        }

        SinCosDegrees(edge.Azi1Degrees, out var sa, out var ca);
        var sine = (r.Salp1 * ca) - (r.Calp1 * sa); // sin(azimuth to the point - edge azimuth)
        return sine < 0 ? 1 : sine > 0 ? -1 : 0;
    }
}
