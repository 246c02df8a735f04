using System.Globalization;

namespace GeoIncidents.Cli.Geod;

/// <summary>
/// Writes doubles as the shortest decimal that reads back to the same double, always in fixed notation: GeodSolve
/// (and other tools) read a trailing E as East, so 1E-05 must come out as 0.00001.
/// </summary>
internal static class FixedNotation
{
    /// <summary>Enough room for any finite double in fixed notation (1 sign, 309 digits, a point, 17 more).</summary>
    public const int MaxLength = 400;

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> as UTF-8.</summary>
    /// <param name="value">Any double; NaN is written "nan", infinities "inf" / "-inf", -0 as "0".</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Write(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            "nan"u8.CopyTo(destination);
            return 3;
        }

        if (double.IsInfinity(value))
        {
            var text = value > 0 ? "inf"u8 : "-inf"u8;
            text.CopyTo(destination);
            return text.Length;
        }

        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        Span<byte> shortest = stackalloc byte[32];
        value.TryFormat(shortest, out var n, "R", CultureInfo.InvariantCulture);
        shortest = shortest[..n];
        var e = shortest.IndexOf((byte)'E');
        if (e < 0)
        {
            shortest.CopyTo(destination);
            return n;
        }

        // Mantissa [-]d[.ddd] and exponent E[+|-]x: move the point.
        var exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = shortest[..e];
        var written = 0;
        if (mantissa[0] == (byte)'-')
        {
            destination[written++] = (byte)'-';
            mantissa = mantissa[1..];
        }

        Span<byte> digits = stackalloc byte[20];
        var count = 0;
        foreach (var b in mantissa)
        {
            if (b != (byte)'.')
            {
                digits[count++] = b;
            }
        }

        digits = digits[..count];
        var point = 1 + exponent; // digits before the decimal point
        if (point <= 0)
        {
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, -point).Fill((byte)'0');
            written += -point;
            digits.CopyTo(destination[written..]);
            written += count;
        }
        else if (point >= count)
        {
            digits.CopyTo(destination[written..]);
            written += count;
            destination.Slice(written, point - count).Fill((byte)'0');
            written += point - count;
        }
        else
        {
            digits[..point].CopyTo(destination[written..]);
            written += point;
            destination[written++] = (byte)'.';
            digits[point..].CopyTo(destination[written..]);
            written += count - point;
        }

        return written;
    }
}
