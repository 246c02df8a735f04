using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Projections;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoIncidents.Core.Analysis;

/// <summary>
/// Geometry steps shared by the analyses, each keeping DESIGN.md's semantics (an edge is the WGS84 geodesic between
/// its vertices): geodesic densification before topological (lon/lat) overlays, polygonal parts of overlay results,
/// geodesic areas and lengths of any geometry, and centroids computed in a local transverse Mercator.
/// </summary>
internal static class GeodesicGeometry
{
    /// <summary>
    /// The longest edge left by <see cref="Densify"/>: 1 km. A lon/lat-straight chord of a 1 km geodesic strays from it by
    /// at most L² tan φ / (8 R) ≈ 2 cm at 40° N, so topological overlays on the densified vertices follow the geodesics.
    /// </summary>
    public static readonly Length DensifyStep = Length.FromKilometers(1);

    /// <summary>
    /// A copy of a geometry whose edges longer than <paramref name="maxEdge"/> are split at points on their geodesics.
    /// Vertices are kept; longitudes of a split edge run continuously from its first vertex.
    /// </summary>
    public static Geometry Densify(Geometry geometry, Length maxEdge)
    {
        var factory = GeometryFactories.Wgs84;
        return geometry switch
        {
            { IsEmpty: true } => geometry.Copy(),
            Point p => p.Copy(),
            LinearRing ring => factory.CreateLinearRing(DensifyChain(ring.Coordinates, maxEdge)),
            LineString line => factory.CreateLineString(DensifyChain(line.Coordinates, maxEdge)),
            Polygon polygon => factory.CreatePolygon(
                factory.CreateLinearRing(DensifyChain(polygon.Shell.Coordinates, maxEdge)),
                polygon.Holes.Select(h => factory.CreateLinearRing(DensifyChain(h.Coordinates, maxEdge))).ToArray()),
            MultiPolygon mp => factory.CreateMultiPolygon(Enumerable.Range(0, mp.NumGeometries).Select(i => (Polygon)Densify(mp.GetGeometryN(i), maxEdge)).ToArray()),
            MultiLineString ml => factory.CreateMultiLineString(Enumerable.Range(0, ml.NumGeometries).Select(i => (LineString)Densify(ml.GetGeometryN(i), maxEdge)).ToArray()),
            GeometryCollection gc => factory.CreateGeometryCollection(Enumerable.Range(0, gc.NumGeometries).Select(i => Densify(gc.GetGeometryN(i), maxEdge)).ToArray()),
            _ => throw new ArgumentException($"Cannot densify a {geometry.GeometryType}.", nameof(geometry)),
        };
    }

    /// <summary>The vertices of a chain with every edge longer than <paramref name="maxEdge"/> split along its geodesic.</summary>
    public static Coordinate[] DensifyChain(IReadOnlyList<Coordinate> chain, Length maxEdge)
    {
        var result = new List<Coordinate>(chain.Count);
        for (var i = 0; i < chain.Count; i++)
        {
            var b = chain[i];
            if (i == 0)
            {
                result.Add(new Coordinate(b.X, b.Y));
                continue;
            }

            var a = chain[i - 1];
            var from = GeoPosition.FromLonLat(a.X, a.Y);
            var to = GeoPosition.FromLonLat(b.X, b.Y);
            var line = Geodesic.Wgs84.Line(from, to);
            if (line.Length is { } length && length > maxEdge)
            {
                var points = line.Densify(maxEdge);
                var shift = a.X - points[0].LongitudeDegrees; // keep the source's longitude convention (e.g. 180 vs -180)
                for (var k = 1; k < points.Count - 1; k++)
                {
                    result.Add(new Coordinate(points[k].LongitudeDegrees + shift, points[k].LatitudeDegrees));
                }
            }

            result.Add(new Coordinate(b.X, b.Y));
        }

        return [.. result];
    }

    /// <summary>An empty EPSG:4326 MultiPolygon.</summary>
    public static MultiPolygon EmptyMultiPolygon => GeometryFactories.Wgs84.CreateMultiPolygon();

    /// <summary>A line as a one-part EPSG:4326 MultiLineString.</summary>
    public static MultiLineString MultiLine(LineString line) => GeometryFactories.Wgs84.CreateMultiLineString([line]);

    /// <summary>The polygonal part of a geometry (an overlay result) as a MultiPolygon (empty when it has none).</summary>
    public static MultiPolygon Polygonal(Geometry geometry)
    {
        var polygons = new List<Polygon>();
        Collect(geometry, polygons);
        return GeometryFactories.Wgs84.CreateMultiPolygon([.. polygons]);

        static void Collect(Geometry g, List<Polygon> into)
        {
            switch (g)
            {
                case Polygon { IsEmpty: false } p:
                    into.Add(p);
                    break;
                case GeometryCollection gc:
                    for (var i = 0; i < gc.NumGeometries; i++)
                    {
                        Collect(gc.GetGeometryN(i), into);
                    }

                    break;
            }
        }
    }

    /// <summary>The linear part of a geometry (an overlay result) as a MultiLineString (empty when it has none).</summary>
    public static MultiLineString Linear(Geometry geometry)
    {
        var lines = new List<LineString>();
        Collect(geometry, lines);
        return GeometryFactories.Wgs84.CreateMultiLineString([.. lines]);

        static void Collect(Geometry g, List<LineString> into)
        {
            switch (g)
            {
                case LineString { IsEmpty: false } l:
                    into.Add(l);
                    break;
                case GeometryCollection gc:
                    for (var i = 0; i < gc.NumGeometries; i++)
                    {
                        Collect(gc.GetGeometryN(i), into);
                    }

                    break;
            }
        }
    }

    /// <summary>The intersection of two EPSG:4326 geometries (a topological overlay on their vertices, OverlayNG, snapping when needed).</summary>
    public static Geometry Intersection(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);

    /// <summary>The geodesic area of the polygonal parts of a geometry (Karney 2013 on WGS84); zero for none.</summary>
    public static Area Area(Geometry geometry)
    {
        var polygons = Polygonal(geometry);
        return polygons.IsEmpty ? Geodesy.Units.Area.Zero : GeodesicMeasure.Area(polygons);
    }

    /// <summary>The geodesic length of the linear parts of a geometry (Karney 2013 on WGS84); zero for none.</summary>
    public static Length LineLength(Geometry geometry)
    {
        var lines = Linear(geometry);
        return lines.IsEmpty ? Length.Zero : GeodesicMeasure.Length(lines);
    }

    /// <summary>
    /// The centroid of a geometry (area-weighted for polygons, length-weighted for lines, mean for points) computed in
    /// a transverse Mercator centred on the geometry's envelope, then brought back to WGS84: for areas tens of
    /// kilometres across the plane's scale differs from 1 by less than 1e-5, so the point is the centroid on the ground
    /// to centimetres (the lon/lat centroid would weigh degrees, not metres).
    /// </summary>
    /// <exception cref="AnalysisException">The geometry is empty, spans more than 20° of longitude, or reaches within 1° of a pole.</exception>
    public static GeoPosition Centroid(Geometry geometry)
    {
        var env = geometry.EnvelopeInternal;
        if (geometry.IsEmpty || env.Width > 20 || env.MinY < -89 || env.MaxY > 89 || env.MinX < -180 || env.MaxX > 180)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode,
                "a centroid is computed for a geometry spanning at most 20° of longitude, away from the poles and the antimeridian");
        }

        var tm = ProjectedCrs.LocalTransverseMercator(env);
        var planar = tm.FromWgs84(geometry);
        var c = planar.Centroid.Coordinate;
        return tm.ToWgs84(ProjectedPosition.FromEastingNorthing(c.X, c.Y));
    }

    /// <summary>A WGS84 point geometry for a position (X = longitude reduced to [-180, 180)).</summary>
    public static Point ToPoint(GeoPosition position) =>
        GeometryFactories.Wgs84.CreatePoint(new Coordinate(position.NormalizedLongitudeDegrees, position.LatitudeDegrees));

    /// <summary>
    /// The positions of a path as an EPSG:4326 line: a LineString, or a MultiLineString split where the path crosses
    /// the antimeridian (longitudes unrolled past ±180 are brought back, RFC 7946 §3.1.9).
    /// </summary>
    public static Geometry PathGeometry(IReadOnlyList<GeoPosition> positions)
    {
        var factory = GeometryFactories.Wgs84;
        var parts = new List<List<Coordinate>> { new() };
        double? previousShift = null;
        for (var i = 0; i < positions.Count; i++)
        {
            var lon = positions[i].LongitudeDegrees;
            var lat = positions[i].LatitudeDegrees;
            var reduced = lon >= 180 || lon < -180 ? Angle.NormalizeDegrees(lon) : lon;
            var shift = lon - reduced;
            if (previousShift is { } s && s != shift)
            {
                // Cross the antimeridian: end the part at ±180 and start the next one at ∓180, at the interpolated latitude.
                var prev = positions[i - 1];
                var edge = lon > prev.LongitudeDegrees ? 180.0 + s : -180.0 + s;
                var t = (edge - prev.LongitudeDegrees) / (lon - prev.LongitudeDegrees);
                var latEdge = prev.LatitudeDegrees + (t * (lat - prev.LatitudeDegrees));
                parts[^1].Add(new Coordinate(edge - s, latEdge));
                parts.Add([new Coordinate(edge - shift, latEdge)]);
            }

            parts[^1].Add(new Coordinate(reduced, lat));
            previousShift = shift;
        }

        var lines = parts.Where(p => p.Count >= 2).Select(p => factory.CreateLineString([.. p])).ToArray();
        return lines.Length == 1 ? lines[0] : factory.CreateMultiLineString(lines);
    }

    /// <summary>
    /// The part of a line within a generous envelope around a target: whole edges whose lon/lat envelope meets the
    /// target's envelope expanded by <paramref name="reach"/> + 1 km (metres converted to degrees with the smallest
    /// metres per degree, so the expansion is never too small). Every point of the line within
    /// <paramref name="reach"/> of the target lies on a kept edge; runs of kept edges stay joined.
    /// </summary>
    public static MultiLineString ClipNear(MultiLineString line, Envelope target, Length reach)
    {
        var margin = reach.Meters + 1_000.0;
        var dLat = margin / Validation.RegionIndex.MetersPerDegreeLatitudeMin;
        var poleward = Math.Min(89.0, Math.Max(Math.Abs(target.MinY), Math.Abs(target.MaxY)) + dLat);
        var dLon = margin / (Validation.RegionIndex.MetersPerDegreeLongitudeAtEquator * Math.Cos(poleward * Math.PI / 180.0));
        var box = new Envelope(target.MinX - dLon, target.MaxX + dLon, target.MinY - dLat, target.MaxY + dLat);
        var runs = new List<LineString>();
        for (var p = 0; p < line.NumGeometries; p++)
        {
            var coords = ((LineString)line.GetGeometryN(p)).Coordinates;
            List<Coordinate>? run = null;
            for (var i = 1; i < coords.Length; i++)
            {
                var edge = new Envelope(coords[i - 1], coords[i]);
                if (edge.Intersects(box))
                {
                    run ??= [coords[i - 1].Copy()];
                    run.Add(coords[i].Copy());
                }
                else if (run is not null)
                {
                    runs.Add(GeometryFactories.Wgs84.CreateLineString([.. run]));
                    run = null;
                }
            }

            if (run is not null)
            {
                runs.Add(GeometryFactories.Wgs84.CreateLineString([.. run]));
            }
        }

        return GeometryFactories.Wgs84.CreateMultiLineString([.. runs]);
    }
}
