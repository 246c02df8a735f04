using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>
/// A stretch of one part of a reference line: the sub-line centred on a point of the line, extending half the requested
/// length each way measured geodesically along the line, clipped at the part's ends.
/// </summary>
/// <param name="ReferenceLineId">The line.</param>
/// <param name="PartIndex">The part of the line's MultiLineString the stretch lies on.</param>
/// <param name="Geometry">The stretch (EPSG:4326; edges are geodesics, the cut points lie on them).</param>
/// <param name="Length">Its geodesic length (less than <paramref name="RequestedLength"/> when clipped).</param>
/// <param name="RequestedLength">The length asked for.</param>
/// <param name="Centre">The point of the line the stretch is centred on.</param>
/// <param name="AnchorPlaceIds">The places the centre was found from.</param>
/// <param name="AnchorNearestPoints">Each anchor's nearest point on the part, in the order of <paramref name="AnchorPlaceIds"/>.</param>
/// <param name="Clipped">True when an end of the part cut the stretch short.</param>
public sealed record LineStretch(
    string ReferenceLineId,
    int PartIndex,
    LineString Geometry,
    Length Length,
    Length RequestedLength,
    GeoPosition Centre,
    ValueList<string> AnchorPlaceIds,
    ValueList<GeoPosition> AnchorNearestPoints,
    bool Clipped);

/// <summary>
/// Selects the stretch of a reference line nearest one or more anchor places (see <see cref="Select"/>).
/// </summary>
public static class LineStretchSelection
{
    /// <summary>
    /// The sub-line of the reference line <paramref name="lineId"/> of geodesic length <paramref name="length"/> centred on the point of the line
    /// nearest the anchors: for one anchor its nearest point; for several, the point at the mean of their nearest points'
    /// distances along the part (for two anchors, the midpoint between their nearest points along the line). The stretch
    /// extends half the length each way, measured geodesically along the line, and is clipped at the part's ends (a
    /// closed ring wraps around). The part is the one nearest most anchors (ties: the smallest total distance); the
    /// anchors' nearest points are then taken on that part.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="lineId">The reference line.</param>
    /// <param name="anchorPlaceIds">At least one place id.</param>
    /// <param name="length">The stretch length, greater than 0 m.</param>
    /// <returns>The stretch.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AnalysisException">An id is unknown, no anchor is given, or the length is not positive.</exception>
    public static LineStretch Select(AnalysisData data, string lineId, IReadOnlyList<string> anchorPlaceIds, Length length)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(anchorPlaceIds);
        var line = data.ReferenceLine(lineId);
        if (anchorPlaceIds.Count == 0)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, "a stretch needs at least one anchor place");
        }

        if (!(length.Meters > 0))
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"a stretch length must be greater than 0 m (is {length})");
        }

        var anchors = anchorPlaceIds.Select(data.Place).ToList();
        var index = data.IndexOf(line);
        var nearest = anchors.Select(a => index.Nearest(a.Position)).ToList();
        var part = nearest.GroupBy(n => n.PartIndex)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Sum(n => n.Distance.Meters))
            .First().Key;
        var partIndex = data.Cached($"line-part:{line.Id}:{part}", () => LineIndex.Of(index.Part(part)));
        var onPart = anchors.Select(a => partIndex.Nearest(a.Position)).ToList();
        var total = index.PartLength(part).Meters;
        var closed = index.IsClosed(part);
        var along = onPart.Select(n => n.AlongPart.Meters).ToList();
        if (closed)
        {
            // Unwrap positions on a ring around the first so that the mean is taken the short way round.
            along = along.Select(s => s - along[0] > total / 2 ? s - total : s - along[0] < -total / 2 ? s + total : s).ToList();
        }

        var centre = along.Average();
        var half = length.Meters / 2;
        double from, to;
        bool clipped;
        if (closed)
        {
            clipped = length.Meters >= total;
            (from, to) = clipped ? (centre - (total / 2), centre + (total / 2)) : (centre - half, centre + half);
        }
        else
        {
            from = Math.Max(0, centre - half);
            to = Math.Min(total, centre + half);
            clipped = from > centre - half || to < centre + half;
        }

        var coordinates = Extract(index.Part(part).Coordinates, index.CumulativeMeters(part), from, to, closed);
        var geometry = GeometryFactories.Wgs84.CreateLineString(coordinates);
        var centrePoint = PositionAt(index.Part(part).Coordinates, index.CumulativeMeters(part), Wrap(centre, total, closed));
        return new LineStretch(
            line.Id,
            part,
            geometry,
            GeodesicMeasure.Length(geometry),
            length,
            centrePoint,
            ValueList.From(anchorPlaceIds),
            ValueList.From(onPart.Select(n => n.Point)),
            clipped);
    }

    private static double Wrap(double s, double total, bool closed) =>
        !closed || total <= 0 ? Math.Clamp(s, 0, total) : ((s % total) + total) % total;

    /// <summary>The vertices of the part between two distances along it (cut points on the edges' geodesics).</summary>
    private static Coordinate[] Extract(Coordinate[] c, IReadOnlyList<double> cumulative, double from, double to, bool closed)
    {
        var total = cumulative[^1];
        var result = new List<Coordinate>();
        void Add(GeoPosition p)
        {
            var coordinate = new Coordinate(p.LongitudeDegrees, p.LatitudeDegrees);
            if (result.Count == 0 || !result[^1].Equals2D(coordinate))
            {
                result.Add(coordinate);
            }
        }

        // On a ring, walk laps; on an open part from and to lie in [0, total].
        var lapStart = closed ? Math.Floor(from / total) * total : 0;
        Add(PositionAt(c, cumulative, Wrap(from, total, closed)));
        for (var lap = lapStart; lap < to; lap += total)
        {
            for (var i = 0; i < c.Length; i++)
            {
                var s = lap + cumulative[i];
                if (s > from && s < to)
                {
                    Add(GeoPosition.FromLonLat(c[i].X, c[i].Y));
                }
            }

            if (!closed || total <= 0)
            {
                break;
            }
        }

        Add(PositionAt(c, cumulative, Wrap(to, total, closed))); // a ring's first and last vertices coincide
        if (result.Count == 1)
        {
            result.Add(result[0].Copy());
        }

        return [.. result];
    }

    /// <summary>The point at a distance along a part: on the geodesic of the edge holding it.</summary>
    private static GeoPosition PositionAt(Coordinate[] c, IReadOnlyList<double> cumulative, double s)
    {
        for (var i = 1; i < c.Length; i++)
        {
            if (s <= cumulative[i] || i == c.Length - 1)
            {
                var a = GeoPosition.FromLonLat(c[i - 1].X, c[i - 1].Y);
                var b = GeoPosition.FromLonLat(c[i].X, c[i].Y);
                var into = s - cumulative[i - 1];
                if (into <= 0)
                {
                    return a;
                }

                if (into >= cumulative[i] - cumulative[i - 1])
                {
                    return b;
                }

                var p = Geodesic.Wgs84.Line(a, b).Position(Length.FromMeters(into)).Destination;
                // Keep the source's longitude convention (the line reduces to [-180, 180)).
                return GeoPosition.FromLonLat(p.LongitudeDegrees + (a.LongitudeDegrees - Angle.NormalizeDegrees(a.LongitudeDegrees)), p.LatitudeDegrees);
            }
        }

        return GeoPosition.FromLonLat(c[0].X, c[0].Y);
    }
}
