using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Tests.Support;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

/// <summary>Invariants of the geodesic solution that hold for any input (FsCheck).</summary>
public class GeodesicPropertyTests
{
    private const double ToleranceMeters = 1e-7;
    private static readonly Geodesic G = Geodesic.Wgs84;

    /// <summary>Anywhere on the ellipsoid, poles included (latitudes to 1e-7°).</summary>
    private static Gen<GeoPosition> Anywhere =>
        Gen.Choose(-900_000_000, 900_000_000).Zip(Gen.Choose(-1_800_000_000, 1_799_999_999))
            .Select(t => GeoPosition.FromLatLon(t.Item1 / 1e7, t.Item2 / 1e7));

    /// <summary>In the Caucasus box (lon 43–50.5, lat 38–42).</summary>
    private static Gen<GeoPosition> Caucasus =>
        Gen.Choose(0, 40_000_000).Zip(Gen.Choose(0, 75_000_000))
            .Select(t => GeoPosition.FromLatLon(38 + (t.Item1 / 1e7), 43 + (t.Item2 / 1e7)));

    /// <summary>A point within about 25 km of <paramref name="p"/>.</summary>
    private static Gen<GeoPosition> Near(GeoPosition p) =>
        Gen.Choose(-2_000_000, 2_000_000).Zip(Gen.Choose(-2_000_000, 2_000_000))
            .Select(t => GeoPosition.FromLatLon(Math.Clamp(p.LatitudeDegrees + (t.Item1 / 1e7), -90, 90), p.LongitudeDegrees + (t.Item2 / 1e7)));

    private static double Apart(GeoPosition a, GeoPosition b) =>
        ErrorMetrics.PositionErrorMeters(G.Ellipsoid, a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees);

    [Property(MaxTest = 2000)]
    public Property Direct_OfInverse_LandsOnTheSecondPoint() =>
        Prop.ForAll(Anywhere.Two().ToArbitrary(), pair =>
        {
            var (p1, p2) = pair;
            var inverse = G.Inverse(p1, p2);
            var end = G.Direct(p1, inverse.InitialAzimuth, inverse.Distance);
            return (Apart(end.Destination, p2) < ToleranceMeters).Label($"{p1} -> {p2}: {Apart(end.Destination, p2)} m off");
        });

    [Property(MaxTest = 2000)]
    public Property Inverse_IsSymmetric() =>
        Prop.ForAll(Anywhere.Two().ToArbitrary(), pair =>
        {
            var (p1, p2) = pair;
            var forward = G.Inverse(p1, p2);
            var backward = G.Inverse(p2, p1);
            var distanceOk = Math.Abs(forward.Distance.Meters - backward.Distance.Meters) < ToleranceMeters;
            // The azimuths are unique unless the points nearly coincide or are nearly antipodal (then not compared).
            var compareAzimuths = forward.Distance.Meters is > 1e-3 and < 19_900_000;
            var azimuthOk = !compareAzimuths ||
                ErrorMetrics.AngleDifferenceDegrees(forward.InitialAzimuth.Degrees, backward.FinalAzimuth.Degrees + 180) * Math.PI / 180 * forward.Distance.Meters < ToleranceMeters;
            return (distanceOk && azimuthOk).Label($"{p1} <-> {p2}: {forward} vs {backward}");
        });

    [Property(MaxTest = 1000)]
    public Property Inverse_ShortTriangles_SatisfyTheTriangleInequality() =>
        Prop.ForAll(Caucasus.SelectMany(a => Near(a).Two().Select(bc => (a, bc.Item1, bc.Item2))).ToArbitrary(), t =>
        {
            var (a, b, c) = t;
            var ab = G.Inverse(a, b).Distance.Meters;
            var bc = G.Inverse(b, c).Distance.Meters;
            var ac = G.Inverse(a, c).Distance.Meters;
            return (ac <= ab + bc + 1e-9).Label($"{a} {b} {c}: {ac} > {ab} + {bc}");
        });

    [Property(MaxTest = 2000)]
    public Property Direct_WithNegatedDistance_ReturnsToTheStart() =>
        Prop.ForAll(Anywhere.Zip(Gen.Choose(-1_800_000, 1_800_000).Zip(Gen.Choose(-20_000_000, 20_000_000)), (p, a) => (p, a.Item1, a.Item2)).ToArbitrary(), t =>
        {
            var (p, aziTenths, s) = t;
            var azimuth = Angle.FromDegrees(aziTenths / 1e4);
            var there = G.Direct(p, azimuth, Length.FromMeters(s));
            var back = G.Direct(there.Destination, there.FinalAzimuth, Length.FromMeters(-s));
            return (Apart(back.Destination, p) < ToleranceMeters).Label($"{p} az {azimuth} s {s}: {Apart(back.Destination, p)} m off");
        });
}
