using System.Globalization;
using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

/// <summary>
/// Checks the series tables of GeodesicSeries against an independent derivation from the defining integrals
/// (Series/derive_series.py, sympy; its output series-coefficients.txt is committed): term by term for the
/// n-dependent tables, and by value at several eps for the hand-written Horner forms.
/// </summary>
public class GeodesicSeriesTests
{
    private static readonly IReadOnlyList<(string Series, int Index, int EpsPower, int NPower, long Num, long Den)> Derived = ReadTerms();

    private static List<(string, int, int, int, long, long)> ReadTerms()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Geodesics", "Series", "series-coefficients.txt");
        return File.ReadLines(path)
            .Where(l => l.StartsWith("TERM ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Select(p => (p[1], int.Parse(p[2], CultureInfo.InvariantCulture), int.Parse(p[3], CultureInfo.InvariantCulture),
                int.Parse(p[4], CultureInfo.InvariantCulture), long.Parse(p[5], CultureInfo.InvariantCulture), long.Parse(p[6], CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static double Evaluate(string series, int index, double eps, double n, bool withoutConstant = false) =>
        Derived.Where(t => t.Series == series && t.Index == index && !(withoutConstant && t.EpsPower == 0 && t.NPower == 0))
            .Sum(t => t.Num / (double)t.Den * Math.Pow(eps, t.EpsPower) * Math.Pow(n, t.NPower));

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 4e-16 * Math.Max(Math.Abs(expected), 1e-300), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void NSeriesTerms_EqualTheDerivationTermByTerm()
    {
        var derived = Derived.Where(t => t.Series is "A3" or "C3" or "C4").OrderBy(t => t).ToList();
        var table = GeodesicSeries.NSeriesTerms.Select(t => (t.Series, t.Index, t.EpsPower, t.NPower, t.Numerator, t.Denominator)).OrderBy(t => t).ToList();
        Assert.Equal(derived, table);
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.0016792203863837047)]
    [InlineData(0.01)]
    [InlineData(-0.005)]
    public void EpsSeries_MatchTheDerivation(double eps)
    {
        // A1 - 1 = (A1F - 1 + eps) / (1 - eps); A2 - 1 = (1 - eps)(A2F - 1) - eps (no cancellation in the expectation).
        AssertClose((Evaluate("A1F", 0, eps, 0, withoutConstant: true) + eps) / (1 - eps), GeodesicSeries.A1m1(eps));
        AssertClose(((1 - eps) * Evaluate("A2F", 0, eps, 0, withoutConstant: true)) - eps, GeodesicSeries.A2m1(eps));
        GeodesicSeries.C1(eps, out var c1);
        GeodesicSeries.C1p(eps, out var c1p);
        GeodesicSeries.C2(eps, out var c2);
        double[] ours1 = [c1.C1, c1.C2, c1.C3, c1.C4, c1.C5, c1.C6];
        double[] ours1p = [c1p.C1, c1p.C2, c1p.C3, c1p.C4, c1p.C5, c1p.C6];
        double[] ours2 = [c2.C1, c2.C2, c2.C3, c2.C4, c2.C5, c2.C6];
        for (var l = 1; l <= 6; l++)
        {
            AssertClose(Evaluate("C1", l, eps, 0), ours1[l - 1]);
            AssertClose(Evaluate("C1p", l, eps, 0), ours1p[l - 1]);
            AssertClose(Evaluate("C2", l, eps, 0), ours2[l - 1]);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-4)]
    [InlineData(0.0016792203863837047)]
    [InlineData(0.01)]
    public void NSeries_EvaluatedPerEllipsoid_MatchTheDerivation(double eps)
    {
        foreach (var f in new[] { 1 / 298.257223563, 1 / 50.0, -1 / 50.0, 0.0 })
        {
            var g = new Geodesic(Ellipsoid.Create("test", 6378137, f));
            var n = f / (2 - f);
            AssertClose(Evaluate("A3", 0, eps, n), g.A3(eps));
            g.C3(eps, out var c3);
            g.C4(eps, out var c4);
            double[] ours3 = [c3.C1, c3.C2, c3.C3, c3.C4, c3.C5];
            double[] ours4 = [c4.C1, c4.C2, c4.C3, c4.C4, c4.C5, c4.C6];
            for (var l = 1; l <= 5; l++)
            {
                AssertClose(Evaluate("C3", l, eps, n), ours3[l - 1]);
            }

            for (var l = 0; l <= 5; l++)
            {
                AssertClose(Evaluate("C4", l, eps, n), ours4[l]);
            }
        }
    }

    [Fact]
    public void ClenshawSums_EqualDirectSums()
    {
        var c = new Series6 { C1 = 0.3, C2 = -0.2, C3 = 0.11, C4 = 0.05, C5 = -0.03, C6 = 0.02 };
        foreach (var sigma in new[] { 0.0, 0.3, 1.2, 2.5, -0.7, 3.1 })
        {
            var (s, co) = Math.SinCos(sigma);
            double[] k = [c.C1, c.C2, c.C3, c.C4, c.C5, c.C6];
            var sin6 = Enumerable.Range(1, 6).Sum(l => k[l - 1] * Math.Sin(2 * l * sigma));
            var sin5 = Enumerable.Range(1, 5).Sum(l => k[l - 1] * Math.Sin(2 * l * sigma));
            var cos6 = Enumerable.Range(0, 6).Sum(l => k[l] * Math.Cos(((2 * l) + 1) * sigma));
            Assert.Equal(sin6, GeodesicSeries.SinSum6(s, co, c), 1e-14);
            Assert.Equal(sin5, GeodesicSeries.SinSum5(s, co, c), 1e-14);
            Assert.Equal(cos6, GeodesicSeries.CosSumOdd6(s, co, c), 1e-14);
        }
    }
}
