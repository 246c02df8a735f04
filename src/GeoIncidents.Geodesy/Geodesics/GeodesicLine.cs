using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// One geodesic, fixed by a start point and the azimuth there (or by two points, through the inverse problem).
/// Positions along it cost a fraction of a full direct solution because the line's constants are computed once.
/// </summary>
/// <remarks>Accuracy as <see cref="Geodesic"/> (0.1 µm on WGS84). Immutable and thread-safe.</remarks>
public sealed class GeodesicLine
{
    /// <summary>The most points a densified line may have (a guard against a tiny segment length).</summary>
    public const int MaxDensifiedPoints = 1_000_000;

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

    /// <summary>
    /// Points along the line from the origin to <see cref="Length"/>, both ends included, no two consecutive ones
    /// more than <paramref name="maxSegment"/> apart (the segments are of equal length).
    /// </summary>
    /// <param name="maxSegment">The longest allowed step along the line; positive.</param>
    /// <returns>
    /// The points. Longitudes run continuously from the origin's longitude reduced to [-180, 180): a line across
    /// the antimeridian continues past ±180 (up to ±540) instead of jumping, so every segment stays short.
    /// </returns>
    /// <exception cref="InvalidOperationException">The line has no <see cref="Length"/> (it was built from an azimuth).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegment"/> is not positive, or so short that more
    /// than <see cref="MaxDensifiedPoints"/> points would be needed.</exception>
    public IReadOnlyList<GeoPosition> Densify(Length maxSegment)
    {
        var length = Length ?? throw new InvalidOperationException("Densify needs a line built from two points (its length is unknown).");
        return Densify(length, maxSegment);
    }

    /// <summary>
    /// Points along the line from the origin to <paramref name="length"/>, as <see cref="Densify(Units.Length)"/>.
    /// </summary>
    /// <param name="length">How far along the line to go (negative goes backwards).</param>
    /// <param name="maxSegment">The longest allowed step; positive.</param>
    /// <returns>The points, longitudes continuous from the origin's reduced longitude.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegment"/> is not positive or too short, or the
    /// line winds so far round the globe that its continuous longitude leaves [-540, 540].</exception>
    public IReadOnlyList<GeoPosition> Densify(Length length, Length maxSegment)
    {
        var segments = SegmentCount(length, maxSegment);
        var lon0 = GeodesicMath.NormalizeOutput(Origin.LongitudeDegrees);
        var points = new GeoPosition[segments + 1];
        points[0] = GeoPosition.FromLatLon(Origin.LatitudeDegrees, lon0);
        for (var i = 1; i <= segments; i++)
        {
            // The last point is computed at exactly the full length (no accumulated rounding).
            var s = i == segments ? length.Meters : length.Meters * i / segments;
            PositionUnrolledDegrees(s, out var lat, out var lon, out _);
            if (Math.Abs(lon) > 540)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length,
                    "The line winds more than once around the globe; its continuous longitudes would leave [-540, 540].");
            }

            points[i] = GeoPosition.FromLatLon(lat, lon);
        }

        return points;
    }

    /// <summary>The densified line (see <see cref="Densify(Units.Length)"/>) as an EPSG:4326 LineString (X = longitude, Y = latitude).</summary>
    /// <param name="maxSegment">The longest allowed step; positive.</param>
    /// <returns>A LineString from <see cref="GeometryFactories.Wgs84"/>.</returns>
    /// <exception cref="InvalidOperationException">The line has no <see cref="Length"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegment"/> is not positive, or too short.</exception>
    public LineString ToLineString(Length maxSegment)
    {
        var points = Densify(maxSegment);
        var coordinates = new Coordinate[points.Count];
        for (var i = 0; i < coordinates.Length; i++)
        {
            coordinates[i] = new Coordinate(points[i].LongitudeDegrees, points[i].LatitudeDegrees);
        }

        return GeometryFactories.Wgs84.CreateLineString(coordinates);
    }

    /// <summary>
    /// The point at <paramref name="s12Meters"/> with its longitude unrolled: the origin's longitude reduced to
    /// [-180, 180) plus the continuous change of longitude along the line (not reduced).
    /// </summary>
    internal void PositionUnrolledDegrees(double s12Meters, out double latDegrees, out double lonDegrees, out double aziDegrees)
    {
        _state.PositionUnrolled(_geodesic, s12Meters, out latDegrees, out var lon12, out aziDegrees);
        lonDegrees = GeodesicMath.NormalizeOutput(Origin.LongitudeDegrees) + lon12;
    }

    private static int SegmentCount(Length length, Length maxSegment)
    {
        if (!(maxSegment.Meters > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSegment), maxSegment, "The segment length must be positive.");
        }

        var count = Math.Ceiling(Math.Abs(length.Meters) / maxSegment.Meters);
        if (count > MaxDensifiedPoints - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSegment), maxSegment,
                $"A line of {length} in steps of at most {maxSegment} needs more than {MaxDensifiedPoints} points.");
        }

        return Math.Max(1, (int)count);
    }
}
