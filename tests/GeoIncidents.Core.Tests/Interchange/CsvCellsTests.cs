using FsCheck;
using FsCheck.Fluent;
using GeoIncidents.Core.Interchange;

namespace GeoIncidents.Core.Tests.Interchange;

public class CsvCellsTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("'hello", "'hello")]
    [InlineData("Sotk", "Sotk")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Neutralize_Cell_GetsOneApostropheOnlyBeforeAFormulaStart(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Neutralize(value));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property NeutralizeThenRestore_AnyText_GivesItBackAndNeverStartsAFormula() =>
        Prop.ForAll(Gen.Elements("=", "+", "-", "@", "\t", "\r", "'", "a", "1", " ", ",", "\"").ArrayOf().Select(string.Concat).ToArbitrary(), text =>
        {
            var cell = CsvCells.Neutralize(text);
            var starts = cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
            return !starts && CsvCells.Restore(cell).ToString() == text;
        });
}
