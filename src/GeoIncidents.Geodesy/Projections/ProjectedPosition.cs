using System.Globalization;

namespace GeoIncidents.Geodesy.Projections;

/// <summary>
/// A position in the plane of a <see cref="ProjectedCrs"/>: easting (X) and northing (Y), in metres of that plane.
/// Plane metres are ground metres only up to the CRS's scale factor (see <see cref="ProjectedCrs.PointScaleFactor"/>).
/// </summary>
public readonly record struct ProjectedPosition
{
    private ProjectedPosition(double eastingMeters, double northingMeters)
    {
        EastingMeters = eastingMeters;
        NorthingMeters = northingMeters;
    }

    /// <summary>Easting (X) in metres of the plane.</summary>
    public double EastingMeters { get; }

    /// <summary>Northing (Y) in metres of the plane.</summary>
    public double NorthingMeters { get; }

    /// <summary>Creates a planar position from easting then northing, in metres.</summary>
    /// <param name="eastingMeters">Easting (X), finite.</param>
    /// <param name="northingMeters">Northing (Y), finite.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public static ProjectedPosition FromEastingNorthing(double eastingMeters, double northingMeters)
    {
        if (!double.IsFinite(eastingMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(eastingMeters), eastingMeters, "An easting must be a finite number of metres.");
        }

        if (!double.IsFinite(northingMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(northingMeters), northingMeters, "A northing must be a finite number of metres.");
        }

        return new ProjectedPosition(eastingMeters, northingMeters);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"E {EastingMeters:0.###} m, N {NorthingMeters:0.###} m");
}
