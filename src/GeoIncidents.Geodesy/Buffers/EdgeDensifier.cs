using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Projections;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Buffers;

/// <summary>
/// Splits the edges of a lon/lat vertex chain, each edge being the WGS84 geodesic between its vertices, until no
/// edge is longer than a given length; the inserted vertices lie on the geodesics.
/// </summary>
/// <remarks>
/// <para>An edge is split at its geodesic midpoint, found without a geodesic solver: in a transverse Mercator
/// whose central meridian passes through the chord's midpoint, a geodesic is a plane curve whose curvature is the
/// normal derivative of ln k, about x·n_x/(ρν), which is odd about that midpoint; the chord's midpoint therefore
/// lies on the geodesic up to the even remainder, which comes from the latitude dependence of ρν (of order
/// e²·h⁴/a³ for a half-length h). The centre is iterated until it stops moving.</para>
/// <para>Checked against GeographicLib's GeodSolve on 3000 random edges of up to 1000 km and 10° of longitude:
/// the midpoint lies within 0.14 m × (L / 1000 km)⁴ of the geodesic (14 µm at 100 km; the worst seen was 6.5 cm
/// near 1000 km) and halves the geodesic length to 1e-7.</para>
/// </remarks>
internal static class EdgeDensifier
{
    /// <summary>Metres per degree of latitude used only to size edges and pieces (a 1% estimate is enough for that).</summary>
    internal const double MetersPerDegree = 111_195.0;

    private const int MaxMidpointIterations = 6;

    /// <summary>The midpoint iteration stops when the centre moves less than this, in degrees (≈ 0.01 mm).</summary>
    private const double MidpointConvergenceDegrees = 1e-10;

    /// <summary>
    /// An approximate ground length of a short edge, in metres (local equirectangular: within 0.1 % for edges
    /// under 20 km away from the poles). Used only to decide where to split, never as a measurement.
    /// </summary>
    internal static double ApproximateLengthMeters(Coordinate a, Coordinate b)
    {
        var cos = Math.Cos((a.Y + b.Y) * 0.5 * (Math.PI / 180.0));
        var dx = (b.X - a.X) * cos;
        var dy = b.Y - a.Y;
        return Math.Sqrt((dx * dx) + (dy * dy)) * MetersPerDegree;
    }

    /// <summary>
    /// The chain with every edge split at geodesic midpoints until each is at most about
    /// <paramref name="maxEdgeMeters"/> long; consecutive duplicate vertices are dropped.
    /// </summary>
    internal static List<Coordinate> Densify(IReadOnlyList<Coordinate> chain, double maxEdgeMeters)
    {
        var result = new List<Coordinate>(chain.Count) { chain[0].Copy() };
        for (var i = 1; i < chain.Count; i++)
        {
            var a = result[^1];
            var b = chain[i];
            if (a.X == b.X && a.Y == b.Y)
            {
                continue;
            }

            AppendSplit(result, a, b, maxEdgeMeters, depth: 0);
        }

        return result;
    }

    /// <summary>The geodesic midpoint of the edge a–b (X = longitude, Y = latitude, degrees).</summary>
    internal static Coordinate Midpoint(Coordinate a, Coordinate b)
    {
        var (lon, lat) = ((a.X + b.X) * 0.5, (a.Y + b.Y) * 0.5);
        for (var i = 0; i < MaxMidpointIterations; i++)
        {
            var tm = ProjectedCrs.LocalTransverseMercator(GeoPosition.FromLatLon(lat, lon));
            var (xa, ya) = tm.ForwardUnchecked(a.X, a.Y);
            var (xb, yb) = tm.ForwardUnchecked(b.X, b.Y);
            var (nextLon, nextLat) = tm.InverseUnchecked((xa + xb) * 0.5, (ya + yb) * 0.5);
            var moved = Math.Max(Math.Abs(nextLon - lon), Math.Abs(nextLat - lat));
            (lon, lat) = (nextLon, nextLat);
            if (moved < MidpointConvergenceDegrees)
            {
                break;
            }
        }

        return new Coordinate(lon, lat);
    }

    private static void AppendSplit(List<Coordinate> result, Coordinate a, Coordinate b, double maxEdgeMeters, int depth)
    {
        // 2^24 pieces would be needed only for a planet-sized edge at a millimetre step; the caller limits both.
        if (depth > 24 || ApproximateLengthMeters(a, b) <= maxEdgeMeters)
        {
            result.Add(b.Copy());
            return;
        }

        var m = Midpoint(a, b);
        AppendSplit(result, a, m, maxEdgeMeters, depth + 1);
        AppendSplit(result, m, b, maxEdgeMeters, depth + 1);
    }
}
