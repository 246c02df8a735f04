using System.Globalization;

namespace GeoIncidents.Geodesy.Units;

/// <summary>
/// A length (distance) in metres, stored as a double. Negative values are allowed (a geodesic
/// direct problem may walk backwards, a signed distance may lie on the right of a line); NaN and
/// infinities are not.
/// </summary>
/// <remarks>Build with <see cref="FromMeters"/> or <see cref="FromKilometers"/>; read with <see cref="Meters"/> or <see cref="Kilometers"/>.</remarks>
public readonly record struct Length : IComparable<Length>
{
    private Length(double meters) => Meters = meters;

    /// <summary>The length in metres.</summary>
    public double Meters { get; }

    /// <summary>The length in kilometres.</summary>
    public double Kilometers => Meters / 1000.0;

    /// <summary>The zero length.</summary>
    public static Length Zero => default;

    /// <summary>Creates a length from metres.</summary>
    /// <param name="meters">Any finite number of metres.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static Length FromMeters(double meters)
    {
        if (!double.IsFinite(meters))
        {
            throw new ArgumentOutOfRangeException(nameof(meters), meters, "A length must be a finite number of metres.");
        }

        return new Length(meters);
    }

    /// <summary>Creates a length from kilometres.</summary>
    /// <param name="kilometers">Any finite number of kilometres.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static Length FromKilometers(double kilometers)
    {
        if (!double.IsFinite(kilometers))
        {
            throw new ArgumentOutOfRangeException(nameof(kilometers), kilometers, "A length must be a finite number of kilometres.");
        }

        return new Length(kilometers * 1000.0);
    }

    /// <summary>The absolute value.</summary>
    public Length Abs() => new(Math.Abs(Meters));

    /// <inheritdoc />
    public int CompareTo(Length other) => Meters.CompareTo(other.Meters);

    /// <summary>Sum of two lengths.</summary>
    public static Length operator +(Length a, Length b) => new(a.Meters + b.Meters);

    /// <summary>Difference of two lengths.</summary>
    public static Length operator -(Length a, Length b) => new(a.Meters - b.Meters);

    /// <summary>Negation.</summary>
    public static Length operator -(Length a) => new(-a.Meters);

    /// <summary>Scales a length.</summary>
    public static Length operator *(Length a, double factor) => FromMeters(a.Meters * factor);

    /// <summary>Scales a length.</summary>
    public static Length operator *(double factor, Length a) => FromMeters(a.Meters * factor);

    /// <summary>Divides a length.</summary>
    public static Length operator /(Length a, double divisor) => FromMeters(a.Meters / divisor);

    /// <summary>Compares two lengths.</summary>
    public static bool operator <(Length a, Length b) => a.Meters < b.Meters;

    /// <summary>Compares two lengths.</summary>
    public static bool operator >(Length a, Length b) => a.Meters > b.Meters;

    /// <summary>Compares two lengths.</summary>
    public static bool operator <=(Length a, Length b) => a.Meters <= b.Meters;

    /// <summary>Compares two lengths.</summary>
    public static bool operator >=(Length a, Length b) => a.Meters >= b.Meters;

    /// <summary>
    /// Parses a length with an optional unit: <c>3.5km</c>, <c>3500 m</c>, <c>3500</c> (bare numbers are metres).
    /// Invariant culture; the unit is case-insensitive.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="length">The parsed length when the method returns true.</param>
    /// <param name="error">A message naming what is wrong when the method returns false.</param>
    /// <returns>True when the text is a finite length with a known unit.</returns>
    public static bool TryParse(string? text, out Length length, out string? error)
    {
        length = default;
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            error = "a length is required (e.g. 3.5km, 3500m; bare numbers are metres)";
            return false;
        }

        var factor = 1.0;
        var lower = s.ToLowerInvariant();
        if (lower.EndsWith("km", StringComparison.Ordinal))
        {
            factor = 1000.0;
            s = s[..^2];
        }
        else if (lower.EndsWith('m'))
        {
            s = s[..^1];
        }

        if (!double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = $"'{text}' is not a length (e.g. 3.5km, 3500m; bare numbers are metres)";
            return false;
        }

        length = new Length(value * factor);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Math.Abs(Meters) >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{Kilometers:0.###} km")
        : string.Create(CultureInfo.InvariantCulture, $"{Meters:0.###} m");
}
