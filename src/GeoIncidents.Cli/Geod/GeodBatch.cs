using System.Globalization;
using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Cli.Geod;

/// <summary>Which geodesic problem a batch solves.</summary>
internal enum GeodProblem
{
    /// <summary><c>lat1 lon1 lat2 lon2</c> → <c>azi1 azi2 s12</c>.</summary>
    Inverse,

    /// <summary><c>lat1 lon1 azi1 s12</c> → <c>lat2 lon2 azi2</c>.</summary>
    Direct,
}

/// <summary>
/// Streams geodesic problems, one per line in GeodSolve's order, to answers in GeodSolve's order: constant memory
/// (fixed buffers), no allocation per line (UTF-8 spans parsed and formatted in place). A bad line gives
/// <c>ERROR: line N: reason</c> on the error writer and <c>nan nan nan</c> on the output, so lines stay aligned.
/// </summary>
internal sealed class GeodBatch(GeodProblem problem, Geodesic geodesic)
{
    private const int BufferSize = 1 << 20;
    private const int MaxLineLength = 64 * 1024;

    /// <summary>Lines read.</summary>
    public long Lines { get; private set; }

    /// <summary>Lines that could not be solved.</summary>
    public long BadLines { get; private set; }

    /// <summary>Reads every line of <paramref name="input"/> and writes one answer line per input line.</summary>
    /// <param name="input">UTF-8 text, lines ending in \n (a \r before it is ignored).</param>
    /// <param name="output">Receives the answers.</param>
    /// <param name="errors">Receives one line per bad input line.</param>
    /// <param name="cancellationToken">Checked between buffers.</param>
    public void Run(Stream input, Stream output, TextWriter errors, CancellationToken cancellationToken)
    {
        var inBuffer = new byte[BufferSize];
        var outBuffer = new byte[BufferSize];
        var outLength = 0;
        var filled = 0;
        var discarding = false; // inside an over-long line
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = input.Read(inBuffer, filled, inBuffer.Length - filled);
            var end = filled + read;
            var start = 0;
            while (true)
            {
                var newline = inBuffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                var line = inBuffer.AsSpan(start, newline);
                if (discarding)
                {
                    discarding = false; // the end of the over-long line, already reported
                }
                else
                {
                    outLength = Solve(line, outBuffer, outLength, errors);
                }

                start += newline + 1;
                if (outLength > outBuffer.Length - (4 * FixedNotation.MaxLength))
                {
                    output.Write(outBuffer, 0, outLength);
                    outLength = 0;
                }
            }

            var rest = end - start;
            if (read == 0)
            {
                if (rest > 0 && !discarding)
                {
                    outLength = Solve(inBuffer.AsSpan(start, rest), outBuffer, outLength, errors); // last line without \n
                }

                break;
            }

            if (rest > MaxLineLength)
            {
                // A line this long is no geodesic problem: report it once and skip to its end.
                if (!discarding)
                {
                    Lines++;
                    outLength = Bad(outBuffer, outLength, errors, $"line longer than {MaxLineLength} bytes");
                    discarding = true;
                }

                rest = 0;
            }

            Buffer.BlockCopy(inBuffer, start, inBuffer, 0, rest);
            filled = rest;
        }

        output.Write(outBuffer, 0, outLength);
        output.Flush();
    }

    private int Solve(ReadOnlySpan<byte> line, byte[] outBuffer, int outLength, TextWriter errors)
    {
        Lines++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        Span<double> v = stackalloc double[4];
        var count = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsSeparator(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var j = i;
            while (j < line.Length && !IsSeparator(line[j]))
            {
                j++;
            }

            if (count == 4)
            {
                return Bad(outBuffer, outLength, errors, $"more than 4 fields: '{Text(line[i..])}'");
            }

            var field = line[i..j];
            var kind = FieldKind(count);
            if (!TryParseField(field, kind, out v[count], out var reason))
            {
                return Bad(outBuffer, outLength, errors, $"{Names[(int)problem][count]} '{Text(field)}' {reason}");
            }

            count++;
            i = j;
        }

        if (count < 4)
        {
            return Bad(outBuffer, outLength, errors,
                $"expected 4 fields ({string.Join(' ', Names[(int)problem])}), got {count}");
        }

        double a, b, c;
        if (problem == GeodProblem.Inverse)
        {
            geodesic.InverseDegrees(v[0], v[1], v[2], v[3], out var s12, out var azi1, out var azi2);
            (a, b, c) = (azi1, azi2, s12);
        }
        else
        {
            geodesic.DirectDegrees(v[0], v[1], v[2], v[3], out var lat2, out var lon2, out var azi2);
            (a, b, c) = (lat2, lon2, azi2);
        }

        var span = outBuffer.AsSpan(outLength);
        var n = FixedNotation.Write(a, span);
        span[n++] = (byte)' ';
        n += FixedNotation.Write(b, span[n..]);
        span[n++] = (byte)' ';
        n += FixedNotation.Write(c, span[n..]);
        span[n++] = (byte)'\n';
        return outLength + n;
    }

    private static readonly string[][] Names = [["lat1", "lon1", "lat2", "lon2"], ["lat1", "lon1", "azi1", "s12"]];

    private enum Kind
    {
        Latitude,
        Longitude,
        Azimuth,
        Distance,
    }

    private Kind FieldKind(int index) => (problem, index) switch
    {
        (_, 0) => Kind.Latitude,
        (_, 1) => Kind.Longitude,
        (GeodProblem.Inverse, 2) => Kind.Latitude,
        (GeodProblem.Inverse, _) => Kind.Longitude,
        (GeodProblem.Direct, 2) => Kind.Azimuth,
        _ => Kind.Distance,
    };

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t' or (byte)',';

    /// <summary>
    /// A decimal number (invariant culture). Latitudes and longitudes may end in a hemisphere letter (N/S, E/W, any
    /// case), as GeodSolve allows; because a trailing E means East there, they take no exponent.
    /// </summary>
    private static bool TryParseField(ReadOnlySpan<byte> field, Kind kind, out double value, out string reason)
    {
        var sign = 1.0;
        var style = NumberStyles.Float;
        if (kind is Kind.Latitude or Kind.Longitude)
        {
            style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
            var last = (byte)(field[^1] | 0x20); // lower case
            var hemisphere = last is (byte)'n' or (byte)'s' or (byte)'e' or (byte)'w';
            if (hemisphere)
            {
                if ((kind == Kind.Latitude) != (last is (byte)'n' or (byte)'s'))
                {
                    value = double.NaN;
                    reason = kind == Kind.Latitude ? "needs N or S, not E or W" : "needs E or W, not N or S";
                    return false;
                }

                sign = last is (byte)'s' or (byte)'w' ? -1 : 1;
                field = field[..^1];
                if (field.Length > 0 && (field[0] == (byte)'-' || field[0] == (byte)'+'))
                {
                    value = double.NaN;
                    reason = "has both a sign and a hemisphere";
                    return false;
                }
            }
        }

        if (!double.TryParse(field, style, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            value = double.NaN;
            reason = "is not a number";
            return false;
        }

        value *= sign;
        switch (kind)
        {
            case Kind.Latitude when value is < -90 or > 90:
                reason = "is outside [-90, 90]";
                return false;
            case Kind.Longitude when value is < -540 or > 540:
                reason = "is outside [-540, 540]";
                return false;
        }

        reason = string.Empty;
        return true;
    }

    private int Bad(byte[] outBuffer, int outLength, TextWriter errors, string reason)
    {
        BadLines++;
        errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ERROR: line {Lines}: {reason}"));
        "nan nan nan\n"u8.CopyTo(outBuffer.AsSpan(outLength));
        return outLength + 12;
    }

    private static string Text(ReadOnlySpan<byte> bytes)
    {
        var s = System.Text.Encoding.UTF8.GetString(bytes);
        return s.Length > 40 ? s[..40] + "…" : s;
    }
}
