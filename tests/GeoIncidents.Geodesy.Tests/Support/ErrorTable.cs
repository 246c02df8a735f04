using System.Globalization;
using System.Text;

namespace GeoIncidents.Geodesy.Tests.Support;

/// <summary>Collects the largest error per (category, quantity) with the line where it occurred, and prints a table.</summary>
public sealed class ErrorTable
{
    private readonly SortedDictionary<(string Category, string Quantity), (double Max, int Line, long Count)> _cells = new();

    /// <summary>Records one error.</summary>
    /// <param name="category">Row category.</param>
    /// <param name="quantity">What was compared (with its unit).</param>
    /// <param name="error">The error (NaN counts as infinitely bad).</param>
    /// <param name="line">Line in the reference file.</param>
    public void Add(string category, string quantity, double error, int line)
    {
        var e = double.IsNaN(error) ? double.PositiveInfinity : error;
        var key = (category, quantity);
        _cells.TryGetValue(key, out var cell);
        _cells[key] = e > cell.Max || cell.Count == 0 ? (e, line, cell.Count + 1) : (cell.Max, cell.Line, cell.Count + 1);
    }

    /// <summary>The largest error of a quantity over all categories.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns>Max error and its line.</returns>
    public (double Max, int Line) Max(string quantity) =>
        _cells.Where(c => c.Key.Quantity == quantity).Select(c => (c.Value.Max, c.Value.Line)).DefaultIfEmpty((0, 0)).MaxBy(c => c.Item1);

    /// <summary>Cells whose maximum exceeds a tolerance.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <param name="tolerance">The bound.</param>
    /// <returns>A description of each failing cell.</returns>
    public IEnumerable<string> Exceeding(string quantity, double tolerance) =>
        _cells.Where(c => c.Key.Quantity == quantity && !(c.Value.Max <= tolerance))
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key.Category} {quantity}: {c.Value.Max:E3} > {tolerance:E1} (line {c.Value.Line})"));

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var ((category, quantity), (max, line, count)) in _cells)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{category,-11} {quantity,-22} max {max,10:E2}  (n={count}, worst at line {line})");
        }

        return sb.ToString();
    }
}
