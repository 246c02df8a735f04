using System.Globalization;

namespace GeoIncidents.Geodesy.Units;

/// <summary>An area in square metres. Signed (a clockwise ring has a negative signed area); NaN and infinities are rejected.</summary>
public readonly record struct Area : IComparable<Area>
{
    private Area(double squareMeters) => SquareMeters = squareMeters;

    /// <summary>The area in square metres.</summary>
    public double SquareMeters { get; }

    /// <summary>The area in square kilometres.</summary>
    public double SquareKilometers => SquareMeters / 1e6;

    /// <summary>The zero area.</summary>
    public static Area Zero => default;

    /// <summary>Creates an area from square metres.</summary>
    /// <param name="squareMeters">Any finite number of square metres.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static Area FromSquareMeters(double squareMeters)
    {
        if (!double.IsFinite(squareMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(squareMeters), squareMeters, "An area must be a finite number of square metres.");
        }

        return new Area(squareMeters);
    }

    /// <summary>Creates an area from square kilometres.</summary>
    /// <param name="squareKilometers">Any finite number of square kilometres.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static Area FromSquareKilometers(double squareKilometers)
    {
        if (!double.IsFinite(squareKilometers))
        {
            throw new ArgumentOutOfRangeException(nameof(squareKilometers), squareKilometers, "An area must be a finite number of square kilometres.");
        }

        return new Area(squareKilometers * 1e6);
    }

    /// <inheritdoc />
    public int CompareTo(Area other) => SquareMeters.CompareTo(other.SquareMeters);

    /// <summary>Sum of two areas.</summary>
    public static Area operator +(Area a, Area b) => new(a.SquareMeters + b.SquareMeters);

    /// <summary>Difference of two areas.</summary>
    public static Area operator -(Area a, Area b) => new(a.SquareMeters - b.SquareMeters);

    /// <summary>Negation.</summary>
    public static Area operator -(Area a) => new(-a.SquareMeters);

    /// <inheritdoc />
    public override string ToString() => Math.Abs(SquareMeters) >= 1e6
        ? string.Create(CultureInfo.InvariantCulture, $"{SquareKilometers:0.###} km²")
        : string.Create(CultureInfo.InvariantCulture, $"{SquareMeters:0.#} m²");
}
