namespace GeoIncidents.Core.Interchange;

/// <summary>
/// Spreadsheet formula injection (CWE-1236) in exported CSV text cells: a text cell whose value begins with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be evaluated as a formula by Excel,
/// LibreOffice or Google Sheets. <see cref="Neutralize"/> prefixes such a value with one apostrophe (<c>'</c>), which
/// spreadsheets show as text and do not evaluate; <see cref="Restore"/> removes it again on import, so the text round
/// trips exactly. A value that already begins with apostrophes followed by one of those characters gets one more
/// apostrophe, which keeps the mapping reversible. Numbers the exporter writes itself (coordinates, counts) are not
/// text cells and are never prefixed, so a negative longitude stays a number.
/// </summary>
public static class CsvCells
{
    /// <summary>The leading apostrophe added to neutralise a cell.</summary>
    public const char Guard = '\'';

    /// <summary>Whether a text cell needs the guard: it begins (after any apostrophes) with = + - @, a tab or a carriage return.</summary>
    /// <param name="value">The cell text.</param>
    /// <returns>True when <see cref="Neutralize"/> would change it.</returns>
    public static bool NeedsGuard(ReadOnlySpan<char> value)
    {
        var rest = value.TrimStart(Guard);
        return !rest.IsEmpty && IsTrigger(rest[0]);
    }

    /// <summary>The text to write into a CSV text cell: unchanged, or with one leading apostrophe (see the class remarks).</summary>
    /// <param name="value">The cell text, or null (written as an empty cell).</param>
    /// <returns>The neutralised text; empty for null.</returns>
    public static string Neutralize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return NeedsGuard(value) ? Guard + value : value;
    }

    /// <summary>Undoes <see cref="Neutralize"/>: removes one leading apostrophe when apostrophes and a trigger character follow.</summary>
    /// <param name="cell">The cell as read.</param>
    /// <returns>The original text.</returns>
    public static ReadOnlySpan<char> Restore(ReadOnlySpan<char> cell) =>
        cell.Length >= 2 && cell[0] == Guard && NeedsGuard(cell[1..]) ? cell[1..] : cell;

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
