using System.Globalization;

namespace GeoIncidents.Core.Interchange;

/// <summary>One record of a CSV file as a tokenizer hands it over: its fields (unquoted) and where it starts.</summary>
/// <remarks>Implemented by ref structs over a parser's buffer (no string per field); see <c>allows ref struct</c>.</remarks>
public interface ICsvRow
{
    /// <summary>The 1-based line of the file where the record starts (a quoted field may span lines).</summary>
    int LineNumber { get; }

    /// <summary>How many fields the record has.</summary>
    int FieldCount { get; }

    /// <summary>A field's text, unquoted (<c>""</c> already turned into <c>"</c>).</summary>
    /// <param name="index">0 to <see cref="FieldCount"/> − 1.</param>
    /// <returns>The text.</returns>
    ReadOnlySpan<char> this[int index] { get; }
}

/// <summary>A problem with one line of a CSV input: the line (1-based; 0 for the file as a whole), the column and a message.</summary>
/// <param name="Line">The 1-based line where the record starts, or 0 for the file.</param>
/// <param name="Column">The column name (or model field), or empty for the whole record.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">The stable code (<see cref="Validation.ValidationCodes"/>).</param>
public sealed record CsvLineError(int Line, string Column, string Message, string Code)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Line == 0 ? "file" : $"line {Line}")}: {(Column.Length == 0 ? string.Empty : Column + ": ")}{Message}");
}

/// <summary>The outcome of reading one CSV record: the incident, or every error found in it.</summary>
/// <param name="Line">The 1-based line where the record starts.</param>
/// <param name="Value">The incident, or null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every error of the record.</param>
public sealed record CsvReadResult(int Line, Model.Incident? Value, IReadOnlyList<CsvLineError> Errors)
{
    /// <summary>True when the record was read without error.</summary>
    public bool IsValid => Errors.Count == 0 && Value is not null;
}
