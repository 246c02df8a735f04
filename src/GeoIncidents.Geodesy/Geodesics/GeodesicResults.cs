using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// The answer to the inverse geodesic problem (Karney's <c>s12</c>, <c>azi1</c>, <c>azi2</c>): the length of the
/// shortest geodesic between two points and its azimuths at both ends.
/// </summary>
/// <param name="Distance">s12: the geodesic distance, ≥ 0 (at most half a meridian-ish: ≈ 20004 km on WGS84).</param>
/// <param name="InitialAzimuth">azi1: the azimuth at the first point, clockwise from north, in [-180, 180) degrees.
/// Undefined (a convention, 0 here when the points are not at a pole) when the points coincide.</param>
/// <param name="FinalAzimuth">azi2: the forward azimuth at the second point (the direction of travel there), clockwise
/// from north, in [-180, 180) degrees.</param>
public readonly record struct GeodesicInverseResult(Length Distance, Angle InitialAzimuth, Angle FinalAzimuth);

/// <summary>The answer to the direct geodesic problem (Karney's <c>lat2</c>, <c>lon2</c>, <c>azi2</c>).</summary>
/// <param name="Destination">The end point; its longitude is reduced to [-180, 180).</param>
/// <param name="FinalAzimuth">azi2: the forward azimuth at the destination, clockwise from north, in [-180, 180) degrees.</param>
public readonly record struct GeodesicDirectResult(GeoPosition Destination, Angle FinalAzimuth);
