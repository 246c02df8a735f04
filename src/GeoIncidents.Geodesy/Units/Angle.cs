using System.Globalization;

namespace GeoIncidents.Geodesy.Units;

/// <summary>
/// An angle, stored in degrees (the unit every input and output of this library uses).
/// NaN and infinities are rejected.
/// </summary>
public readonly record struct Angle : IComparable<Angle>
{
    private Angle(double degrees) => Degrees = degrees;

    /// <summary>The angle in degrees.</summary>
    public double Degrees { get; }

    /// <summary>The angle in radians.</summary>
    public double Radians => Degrees * (Math.PI / 180.0);

    /// <summary>Creates an angle from degrees.</summary>
    /// <param name="degrees">Any finite number of degrees.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static Angle FromDegrees(double degrees)
    {
        if (!double.IsFinite(degrees))
        {
            throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "An angle must be a finite number of degrees.");
        }

        return new Angle(degrees);
    }

    /// <summary>Creates an angle from radians.</summary>
    /// <param name="radians">Any finite number of radians.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static Angle FromRadians(double radians)
    {
        if (!double.IsFinite(radians))
        {
            throw new ArgumentOutOfRangeException(nameof(radians), radians, "An angle must be a finite number of radians.");
        }

        return new Angle(radians * (180.0 / Math.PI));
    }

    /// <summary>This angle reduced to [-180, 180) degrees, exactly (no loss for multiples of 90°).</summary>
    public Angle Normalized() => new(NormalizeDegrees(Degrees));

    /// <summary>Reduces degrees to [-180, 180) exactly.</summary>
    /// <param name="degrees">A finite number of degrees.</param>
    /// <returns>The equivalent angle in [-180, 180).</returns>
    public static double NormalizeDegrees(double degrees)
    {
        var y = Math.IEEERemainder(degrees, 360.0); // exact, in [-180, 180]
        return y >= 180.0 ? y - 360.0 : y;
    }

    /// <inheritdoc />
    public int CompareTo(Angle other) => Degrees.CompareTo(other.Degrees);

    /// <summary>Sum of two angles (not normalised).</summary>
    public static Angle operator +(Angle a, Angle b) => new(a.Degrees + b.Degrees);

    /// <summary>Difference of two angles (not normalised).</summary>
    public static Angle operator -(Angle a, Angle b) => new(a.Degrees - b.Degrees);

    /// <summary>Negation.</summary>
    public static Angle operator -(Angle a) => new(-a.Degrees);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Degrees:0.######}°");
}
