using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Model;

/// <summary>
/// A claimed movement: "<see cref="Distance"/> from <see cref="Origin"/> toward <see cref="TowardRegionId"/>", with
/// the bearing when the claim gives one. The analyses turn it into geometry (geodesic direct problem when the azimuth
/// is known, a band or an annulus clipped to the region when it is not); this record only states it.
/// </summary>
public sealed record Displacement
{
    /// <summary>The longest distance accepted: 20,000 km, about half the Earth's circumference.</summary>
    public const double MaxDistanceMeters = 20_000_000;

    private Displacement(PointReference origin, Length? originRadius, Angle? azimuth, Length distance, string? towardRegionId)
    {
        Origin = origin;
        OriginRadius = originRadius;
        Azimuth = azimuth;
        Distance = distance;
        TowardRegionId = towardRegionId;
    }

    /// <summary>Where the movement starts: a sourced place or a position. GeoJSON <c>origin</c>: a place id or [lon, lat].</summary>
    public PointReference Origin { get; }

    /// <summary>The uncertainty radius of the origin (a place's point is not where the movement started), or null. GeoJSON <c>origin_radius_m</c>.</summary>
    public Length? OriginRadius { get; }

    /// <summary>The bearing, clockwise from north, as stated; null when the claim gives none. GeoJSON <c>azimuth_deg</c>.</summary>
    public Angle? Azimuth { get; }

    /// <summary>The distance moved, greater than 0 m. GeoJSON <c>distance_m</c>.</summary>
    public Length Distance { get; }

    /// <summary>The region moved into (e.g. <c>AM-SU</c>), or null. GeoJSON <c>toward_region</c>.</summary>
    public string? TowardRegionId { get; }

    /// <summary>Creates a displacement.</summary>
    /// <param name="origin">The origin.</param>
    /// <param name="distance">Greater than 0 m, at most <see cref="MaxDistanceMeters"/>.</param>
    /// <param name="azimuth">The bearing clockwise from north, or null when unknown.</param>
    /// <param name="towardRegionId">The region moved into, or null.</param>
    /// <param name="originRadius">The origin's uncertainty radius, greater than 0 m, or null.</param>
    /// <returns>The displacement.</returns>
    /// <exception cref="RecordValidationException">A value is missing or out of range; the issues name the fields (<c>distance_m</c>, ...).</exception>
    public static Displacement Create(PointReference origin, Length distance, Angle? azimuth = null, string? towardRegionId = null, Length? originRadius = null)
    {
        var issues = new IssueCollector();
        if (origin is null)
        {
            issues.Error(ValidationCodes.Required, "origin", "an origin (a place id or [lon, lat]) is required");
        }

        issues.Positive("distance_m", distance, "a displacement distance");
        if (distance.Meters > MaxDistanceMeters)
        {
            issues.Error(ValidationCodes.OutOfRange, "distance_m", "a displacement distance must be at most 20,000 km");
        }

        if (originRadius is { } r)
        {
            issues.Positive("origin_radius_m", r, "an origin radius");
        }

        var region = issues.OptionalId("toward_region", towardRegionId);
        issues.ThrowIfErrors("displacement");
        return new Displacement(origin!, originRadius, azimuth, distance, region);
    }
}
