using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// One geodesic, fixed by a start point and the azimuth there (or by two points, through the inverse problem).
/// Positions along it cost a fraction of a full direct solution because the line's constants are computed once.
/// </summary>
/// <remarks>Accuracy as <see cref="Geodesic"/> (0.1 µm on WGS84). Immutable and thread-safe.</remarks>
public sealed class GeodesicLine
{
    private readonly Geodesic _geodesic;
    private readonly GeodesicLineState _state;

    internal GeodesicLine(Geodesic geodesic, GeoPosition origin, Angle azimuth, Length? length)
    {
        _geodesic = geodesic;
        Origin = origin;
        Azimuth = Angle.FromDegrees(GeodesicMath.NormalizeOutput(azimuth.Degrees));
        Length = length;
        _state.Init(geodesic, origin.LatitudeDegrees, origin.LongitudeDegrees, azimuth.Degrees);
    }

    /// <summary>The point distances are measured from.</summary>
    public GeoPosition Origin { get; }

    /// <summary>The azimuth at the origin, clockwise from north, in [-180, 180) degrees.</summary>
    public Angle Azimuth { get; }

    /// <summary>For a line built from two points, the distance from the first to the second; otherwise null.</summary>
    public Length? Length { get; }

    /// <summary>The ellipsoid's solver this line belongs to.</summary>
    public Geodesic Geodesic => _geodesic;

    /// <summary>The point at <paramref name="distance"/> along the line, and the forward azimuth there.</summary>
    /// <param name="distance">s12 from the origin; negative goes backwards; any finite length.</param>
    /// <returns>The position (longitude in [-180, 180)) and azi2 in [-180, 180) degrees.</returns>
    public GeodesicDirectResult Position(Length distance)
    {
        _state.Position(_geodesic, distance.Meters, out var lat2, out var lon2, out var azi2);
        return new GeodesicDirectResult(GeoPosition.FromLatLon(lat2, lon2), Angle.FromDegrees(azi2));
    }
}
