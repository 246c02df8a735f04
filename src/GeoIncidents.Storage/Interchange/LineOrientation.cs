using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using Length = GeoIncidents.Geodesy.Units.Length;
using Orientation = NetTopologySuite.Algorithm.Orientation;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GeoIncidents.Storage.Interchange;

/// <summary>The side test's verdict for one part of a reference line.</summary>
/// <param name="Part">The part's 0-based index.</param>
/// <param name="Reverse">The part runs with the left country on its right and must be reversed.</param>
/// <param name="LeftShare">Open parts: the share of side probes that fell in the left country (of those that fell in either country); closed parts: 1 or 0.</param>
/// <param name="Probes">How many probes decided (0 for a closed part).</param>
internal readonly record struct PartOrientation(int Part, bool Reverse, double LeftShare, int Probes);

/// <summary>
/// Checks, and fixes, that every part of a reference line has its <c>left_country</c> on the left when walked from
/// its first vertex to its last (DESIGN.md, data model), the way the shipped lines were oriented
/// (data/tools/build_reference_lines.py): an open part by a majority vote of side probes, one per edge, placed
/// <see cref="ProbeOffset"/> to the left of the edge's midpoint along the WGS84 geodesic and tested against the
/// countries' outlines (<see cref="DecisiveShare"/> of them must agree, else the orientation is ambiguous); a closed
/// part (an exclave ring) is counter-clockwise when the left country is inside it and clockwise when it is outside.
/// A reversal only reverses the order of the part's vertices; vertices are never moved.
/// </summary>
internal static class LineOrientation
{
    /// <summary>
    /// Side probes go 10 km off the line, or a tenth of the part's length when it is shorter than 100 km (a short part
    /// would otherwise be probed beyond its own neighbourhood): far beyond the error of national border lines (the
    /// shipped ones err by up to 4.3 km) yet close enough to stay in the bordering countries.
    /// </summary>
    public static readonly Length ProbeOffset = Length.FromKilometers(10);

    /// <summary>The smallest offset of a side probe: 50 m.</summary>
    public static readonly Length MinimumProbeOffset = Length.FromMeters(50);

    /// <summary>A vote decides when at least 80 % of the probes agree (the shipped lines' builder uses the same rule).</summary>
    public const double DecisiveShare = 0.8;

    /// <summary>Decides the orientation of every part.</summary>
    /// <param name="line">The line (EPSG:4326).</param>
    /// <param name="left">The outline of the country that must be on the left.</param>
    /// <param name="right">The outline of the country on the right, or null when the store does not have it.</param>
    /// <returns>One verdict per part.</returns>
    /// <exception cref="InvalidDataException">A part's orientation is ambiguous (probes split between the sides) or no probe fell in either country.</exception>
    public static IReadOnlyList<PartOrientation> Check(MultiLineString line, Geometry left, Geometry? right)
    {
        var inLeft = PreparedGeometryFactory.Prepare(left);
        var inRight = right is null ? null : PreparedGeometryFactory.Prepare(right);
        var verdicts = new List<PartOrientation>(line.NumGeometries);
        for (var i = 0; i < line.NumGeometries; i++)
        {
            var part = (LineString)line.GetGeometryN(i);
            if (part.IsClosed && part.NumPoints >= 4)
            {
                var inside = inLeft.Covers(part.Factory.CreatePolygon(part.Coordinates).InteriorPoint);
                var ccw = Orientation.IsCCW(part.CoordinateSequence);
                verdicts.Add(new PartOrientation(i, ccw != inside, inside == ccw ? 1 : 0, 0));
                continue;
            }

            verdicts.Add(Vote(i, part, inLeft, inRight));
        }

        return verdicts;
    }

    /// <summary>The line with the parts the verdicts name reversed.</summary>
    /// <param name="line">The line.</param>
    /// <param name="verdicts">From <see cref="Check"/>.</param>
    /// <returns>The oriented line (the same instance when nothing is reversed).</returns>
    public static MultiLineString Apply(MultiLineString line, IReadOnlyList<PartOrientation> verdicts)
    {
        if (!verdicts.Any(v => v.Reverse))
        {
            return line;
        }

        var parts = new LineString[line.NumGeometries];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = (LineString)line.GetGeometryN(i);
            parts[i] = verdicts[i].Reverse ? (LineString)part.Reverse() : part;
        }

        return line.Factory.CreateMultiLineString(parts);
    }

    private static PartOrientation Vote(int index, LineString part, IPreparedGeometry left, IPreparedGeometry? right)
    {
        var coordinates = part.Coordinates;
        var total = Length.Zero;
        for (var k = 1; k < coordinates.Length; k++)
        {
            total += Geodesic.Wgs84.Inverse(Position(coordinates[k - 1]), Position(coordinates[k])).Distance;
        }

        var offset = Length.FromMeters(Math.Clamp(total.Meters / 10, MinimumProbeOffset.Meters, ProbeOffset.Meters));
        int leftHits = 0, rightHits = 0, probes = 0;
        for (var k = 1; k < coordinates.Length; k++)
        {
            var from = Position(coordinates[k - 1]);
            var edge = Geodesic.Wgs84.Inverse(from, Position(coordinates[k]));
            if (edge.Distance.Meters == 0)
            {
                continue;
            }

            var middle = Geodesic.Wgs84.Direct(from, edge.InitialAzimuth, edge.Distance / 2);
            var probe = Geodesic.Wgs84.Displace(middle.Destination, middle.FinalAzimuth - Angle.FromDegrees(90), offset);
            var point = part.Factory.CreatePoint(new Coordinate(probe.LongitudeDegrees, probe.LatitudeDegrees));
            probes++;
            if (left.Covers(point))
            {
                leftHits++;
            }
            else if (right is null || right.Covers(point))
            {
                rightHits++;
            }
        }

        var decided = leftHits + rightHits;
        if (decided == 0)
        {
            throw new InvalidDataException($"part {index}: none of its {probes} side probes fell in either country; is it on their border?");
        }

        var share = (double)leftHits / decided;
        if (share < DecisiveShare && share > 1 - DecisiveShare)
        {
            throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"part {index}: ambiguous orientation ({share:P0} of {decided} side probes put the left country on the left); split the part where it changes sides"));
        }

        return new PartOrientation(index, share < 0.5, share, decided);
    }

    private static GeoPosition Position(Coordinate c) => GeoPosition.FromLonLat(c.X, c.Y);
}
