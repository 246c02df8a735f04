using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Tests.Buffers;

namespace GeoIncidents.Geodesy.Tests.Lines;

/// <summary>Invariants of the distance to a line that hold for any query point (FsCheck).</summary>
public class GeodesicPolylinePropertyTests
{
    private static readonly Geodesic G = Geodesic.Wgs84;
    private static readonly Lazy<GeodesicPolyline> Ne10m = new(() => GeodesicPolyline.FromGeometry(ShippedLines.MultiLine("ne-10m")));
    private static readonly Lazy<GeodesicPolyline> Osm2020 = new(() => GeodesicPolyline.FromGeometry(ShippedLines.MultiLine("osm-2020")));

    private static readonly Lazy<GeodesicPolyline> Ne10mReversed = new(() =>
    {
        var line = ShippedLines.MultiLine("ne-10m");
        return GeodesicPolyline.FromGeometry(GeometryFactories.Wgs84.CreateMultiLineString(
            [.. Enumerable.Range(0, line.NumGeometries).Select(i => (NetTopologySuite.Geometries.LineString)line.GetGeometryN(i).Reverse())]));
    });

    /// <summary>Anywhere on the ellipsoid, poles included (latitudes to 1e-7°).</summary>
    private static Gen<GeoPosition> Anywhere =>
        Gen.Choose(-900_000_000, 900_000_000).Zip(Gen.Choose(-1_800_000_000, 1_799_999_999))
            .Select(t => GeoPosition.FromLatLon(t.Item1 / 1e7, t.Item2 / 1e7));

    /// <summary>In the Caucasus box (lon 43–50.5, lat 38–42), around both shipped lines.</summary>
    private static Gen<GeoPosition> Caucasus =>
        Gen.Choose(0, 40_000_000).Zip(Gen.Choose(0, 75_000_000))
            .Select(t => GeoPosition.FromLatLon(38 + (t.Item1 / 1e7), 43 + (t.Item2 / 1e7)));

    [Property(MaxTest = 1000)]
    public Property Nearest_AnyPointOnEarth_EqualsScanOfEveryEdge() =>
        Prop.ForAll(Anywhere.ToArbitrary(), p =>
        {
            var indexed = Ne10m.Value.Nearest(p);
            var scanned = Ne10m.Value.NearestByScan(p);
            return (indexed.Distance == scanned.Distance && indexed.Side == scanned.Side)
                .Label($"{p}: index {indexed.Distance.Meters} m {indexed.Side}, scan {scanned.Distance.Meters} m {scanned.Side}");
        });

    [Property(MaxTest = 300)]
    public Property Nearest_CaucasusOsm2020_EqualsScanOfEveryEdge() =>
        Prop.ForAll(Caucasus.ToArbitrary(), p =>
        {
            var indexed = Osm2020.Value.Nearest(p);
            var scanned = Osm2020.Value.NearestByScan(p);
            return (indexed.Distance == scanned.Distance && indexed.Side == scanned.Side)
                .Label($"{p}: index {indexed.Distance.Meters} m, scan {scanned.Distance.Meters} m");
        });

    [Property(MaxTest = 2000)]
    public Property DistanceTo_TwoPoints_DiffersByNoMoreThanTheirDistance() =>
        // The distance to a set is 1-Lipschitz: |D(P) - D(Q)| ≤ s(P, Q).
        Prop.ForAll(Caucasus.Two().ToArbitrary(), pair =>
        {
            var (p, q) = pair;
            var gap = Math.Abs(Osm2020.Value.DistanceTo(p).Meters - Osm2020.Value.DistanceTo(q).Meters);
            var apart = G.Inverse(p, q).Distance.Meters;
            return (gap <= apart + 1e-6).Label($"{p}, {q}: distances differ by {gap} m, points {apart} m apart");
        });

    [Property(MaxTest = 2000)]
    public Property SignedDistance_ReversedLine_FlipsTheSign() =>
        Prop.ForAll(Caucasus.ToArbitrary(), p =>
        {
            var forward = Ne10m.Value.Nearest(p);
            var backward = Ne10mReversed.Value.Nearest(p);
            // The same geodesics walked the other way: equal to the solver's accuracy, opposite sides.
            var sameDistance = Math.Abs(forward.Distance.Meters - backward.Distance.Meters) < 1e-6;
            var oppositeSides = (int)forward.Side == -(int)backward.Side;
            return (sameDistance && oppositeSides && Math.Abs(forward.SignedDistance.Meters + backward.SignedDistance.Meters) < 1e-6)
                .Label($"{p}: {forward.SignedDistance.Meters} m forward, {backward.SignedDistance.Meters} m reversed");
        });

    [Property(MaxTest = 1000)]
    public Property Nearest_NearestPointOfTheNearestPoint_IsItself() =>
        // The nearest point lies on the line: its own distance is zero (to the solver's accuracy), and it is no
        // farther from P than the line.
        Prop.ForAll(Caucasus.ToArbitrary(), p =>
        {
            var nearest = Ne10m.Value.Nearest(p);
            var self = Ne10m.Value.DistanceTo(nearest.NearestPoint).Meters;
            var check = G.Inverse(p, nearest.NearestPoint).Distance.Meters;
            return (self < 1e-6 && Math.Abs(check - nearest.Distance.Meters) < 1e-6).Label($"{p}: nearest point {self} m off the line, {check} vs {nearest.Distance.Meters} m");
        });
}
