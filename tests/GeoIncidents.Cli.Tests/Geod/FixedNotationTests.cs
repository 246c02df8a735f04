using System.Globalization;
using System.Text;
using GeoIncidents.Cli.Geod;

namespace GeoIncidents.Cli.Tests.Geod;

public class FixedNotationTests
{
    private static string Format(double value)
    {
        var buffer = new byte[FixedNotation.MaxLength];
        return Encoding.ASCII.GetString(buffer, 0, FixedNotation.Write(value, buffer));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(-1.5e-7, "-0.00000015")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(-180.0, "-180")]
    [InlineData(20003931.458625443, "20003931.458625443")]
    [InlineData(double.NaN, "nan")]
    public void Write_KnownValues(double value, string expected) => Assert.Equal(expected, Format(value));

    [Fact]
    public void Write_NegativeZero_IsZero() => Assert.Equal("0", Format(-0.0));

    [Fact]
    public void Write_AnyDouble_RoundTripsWithoutExponent()
    {
        var random = new Random(20240613);
        for (var i = 0; i < 100_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = Format(value);
            Assert.DoesNotContain('E', text);
            Assert.DoesNotContain('e', text);
            Assert.Equal(value == 0 ? 0.0 : value, double.Parse(text, CultureInfo.InvariantCulture));
        }
    }
}
