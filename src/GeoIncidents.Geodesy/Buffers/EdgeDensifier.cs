using GeoIncidents.Geodesy.Geodesics;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Buffers;

/// <summary>
/// Splits the edges of a lon/lat vertex chain, each edge being the WGS84 geodesic between its vertices, into equal
/// pieces no longer than a given length; the inserted vertices lie on the geodesics.
/// </summary>
/// <remarks>
/// Each edge is solved once with Karney's inverse (<see cref="Geodesic.Wgs84"/>) and its inserted vertices are the
/// points at equal arc lengths along that geodesic (the direct problem): they lie on the geodesic and at their nominal
/// distances to the solver's accuracy (0.1 µm). Their longitudes continue from the edge's first vertex (no jump at
/// ±180), and the chain's own vertices are kept exactly.
/// </remarks>
internal static class EdgeDensifier
{
    /// <summary>Metres per degree of latitude used only to size edges and pieces (a 1% estimate is enough for that).</summary>
    internal const double MetersPerDegree = 111_195.0;

    /// <summary>The most pieces one edge is split into (a guard against a vanishing step).</summary>
    internal const int MaxPiecesPerEdge = 1 << 24;

    /// <summary>
    /// An approximate ground length of a short edge, in metres (local equirectangular: within 0.1 % for edges
    /// under 20 km away from the poles). Used only to decide where to cut a chain into pieces, never as a measurement.
    /// </summary>
    internal static double ApproximateLengthMeters(Coordinate a, Coordinate b)
    {
        var cos = Math.Cos((a.Y + b.Y) * 0.5 * (Math.PI / 180.0));
        var dx = (b.X - a.X) * cos;
        var dy = b.Y - a.Y;
        return Math.Sqrt((dx * dx) + (dy * dy)) * MetersPerDegree;
    }

    /// <summary>
    /// The chain with every edge split into the fewest equal pieces of at most <paramref name="maxEdgeMeters"/> of
    /// geodesic length (X = longitude, Y = latitude, degrees); consecutive duplicate vertices are dropped.
    /// </summary>
    internal static List<Coordinate> Densify(IReadOnlyList<Coordinate> chain, double maxEdgeMeters)
    {
        var g = Geodesic.Wgs84;
        var result = new List<Coordinate>(chain.Count) { chain[0].Copy() };
        for (var i = 1; i < chain.Count; i++)
        {
            var a = result[^1];
            var b = chain[i];
            if (a.X == b.X && a.Y == b.Y)
            {
                continue;
            }

            g.InverseCore(a.Y, a.X, b.Y, b.X, false, out var edge);
            var pieces = Math.Min(MaxPiecesPerEdge, Math.Max(1.0, Math.Ceiling(edge.DistanceMeters / maxEdgeMeters)));
            if (pieces > 1)
            {
                var line = default(GeodesicLineState);
                line.Init(g, a.Y, a.X, GeodesicMath.Atan2Degrees(edge.Salp1, edge.Calp1));
                for (var k = 1; k < pieces; k++)
                {
                    line.PositionUnrolled(g, edge.DistanceMeters * k / pieces, out var lat, out var lon12, out _);
                    result.Add(new Coordinate(a.X + lon12, lat));
                }
            }

            result.Add(b.Copy());
        }

        return result;
    }
}
