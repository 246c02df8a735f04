using FsCheck;
using FsCheck.Fluent;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Geodesy.Units;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary><see cref="MeasurementReceipt"/>: the verdict rule, combining verdicts, and what a receipt must say.</summary>
public class MeasurementReceiptTests
{
    [Theory]
    [InlineData(600, 500, Verdict.Inside)]
    [InlineData(500, 500, Verdict.Indeterminate)] // |signed| must exceed the uncertainty
    [InlineData(0, 500, Verdict.Indeterminate)]
    [InlineData(-500, 500, Verdict.Indeterminate)]
    [InlineData(-501, 500, Verdict.Outside)]
    [InlineData(1e-9, 0, Verdict.Inside)]
    [InlineData(0, 0, Verdict.Indeterminate)]
    public void Decide_SignedDistanceAgainstUncertainty(double signedMeters, double uncertaintyMeters, Verdict expected) =>
        Assert.Equal(expected, MeasurementReceipt.Decide(Length.FromMeters(signedMeters), Length.FromMeters(uncertaintyMeters)));

    [FsCheck.Xunit.Property]
    public Property Decide_IsAntisymmetric()
    {
        var values = Gen.Choose(-100_000, 100_000).Two();
        return Prop.ForAll(values.ToArbitrary(), t =>
        {
            var (s, u) = (Length.FromMeters(t.Item1), Length.FromMeters(Math.Abs(t.Item2)));
            var (a, b) = (MeasurementReceipt.Decide(s, u), MeasurementReceipt.Decide(-s, u));
            return (a, b) is (Verdict.Inside, Verdict.Outside) or (Verdict.Outside, Verdict.Inside) or (Verdict.Indeterminate, Verdict.Indeterminate);
        });
    }

    [Fact]
    public void Combine_AgreeingDisagreeingOrNone()
    {
        Assert.Equal(Verdict.Inside, MeasurementReceipt.Combine([Verdict.Inside, null, Verdict.Inside]));
        Assert.Equal(Verdict.Indeterminate, MeasurementReceipt.Combine([Verdict.Inside, Verdict.Outside]));
        Assert.Null(MeasurementReceipt.Combine([null, null]));
    }

    [Fact]
    public void Create_AssumedDataset_AddsANote()
    {
        var receipt = MeasurementReceipt.Create("m", [DatasetUse.Of(Data.ReferenceLine("osm-2020")), DatasetUse.Of(Data.ReferenceLine("ne-10m"))]);

        Assert.Single(receipt.Notes);
        Assert.Contains("osm-2020", receipt.Notes[0], StringComparison.Ordinal);
        Assert.Equal("WGS84 (a = 6378137 m, f = 1/298.257223563)", receipt.Ellipsoid);
    }

    [Fact]
    public void Create_VerdictWithoutReference_OrNegativeUncertainty_Throws()
    {
        Assert.Throws<ArgumentException>(() => MeasurementReceipt.Create("m", verdict: Verdict.Inside));
        Assert.Throws<ArgumentException>(() => MeasurementReceipt.Create("m", uncertainty: Length.FromMeters(-1)));
        Assert.Throws<ArgumentException>(() => MeasurementReceipt.Create(" "));
    }
}
