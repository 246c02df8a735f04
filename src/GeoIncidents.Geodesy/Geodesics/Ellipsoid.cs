namespace GeoIncidents.Geodesy.Geodesics;

/// <summary>
/// An ellipsoid of revolution given by its equatorial radius <c>a</c> (metres) and flattening <c>f</c>.
/// </summary>
/// <remarks>
/// The geodesic algorithms of this library use Karney's (2013) series in the third flattening, which are
/// accurate for |f| ≤ 1/50; other flattenings are rejected rather than answered inaccurately.
/// </remarks>
public sealed record Ellipsoid
{
    /// <summary>The largest |f| for which the series solution stays accurate.</summary>
    public const double MaxAbsFlattening = 1.0 / 50.0;

    private Ellipsoid(string name, double equatorialRadiusMeters, double flattening)
    {
        Name = name;
        EquatorialRadiusMeters = equatorialRadiusMeters;
        Flattening = flattening;
    }

    /// <summary>WGS84: a = 6378137 m, f = 1/298.257223563.</summary>
    public static Ellipsoid Wgs84 { get; } = new("WGS84", 6378137.0, 1.0 / 298.257223563);

    /// <summary>A short name for receipts ("WGS84").</summary>
    public string Name { get; }

    /// <summary>Equatorial radius a, in metres.</summary>
    public double EquatorialRadiusMeters { get; }

    /// <summary>Flattening f = (a - b) / a (negative for a prolate ellipsoid).</summary>
    public double Flattening { get; }

    /// <summary>Polar semi-axis b = a (1 - f), in metres.</summary>
    public double PolarRadiusMeters => EquatorialRadiusMeters * (1 - Flattening);

    /// <summary>Creates an ellipsoid.</summary>
    /// <param name="name">A label for receipts.</param>
    /// <param name="equatorialRadiusMeters">a, in metres; finite and positive.</param>
    /// <param name="flattening">f, in [-1/50, 1/50].</param>
    /// <exception cref="ArgumentOutOfRangeException">a is not positive and finite, or |f| &gt; 1/50.</exception>
    public static Ellipsoid Create(string name, double equatorialRadiusMeters, double flattening)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(equatorialRadiusMeters) || equatorialRadiusMeters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(equatorialRadiusMeters), equatorialRadiusMeters, "The equatorial radius must be a finite positive number of metres.");
        }

        if (!double.IsFinite(flattening) || Math.Abs(flattening) > MaxAbsFlattening)
        {
            throw new ArgumentOutOfRangeException(nameof(flattening), flattening, "The flattening must lie in [-1/50, 1/50], where the series solution is accurate.");
        }

        return new Ellipsoid(name, equatorialRadiusMeters, flattening);
    }
}
