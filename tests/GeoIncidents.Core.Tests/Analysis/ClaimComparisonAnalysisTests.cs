using GeoIncidents.Core.Analysis;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary>
/// <see cref="ClaimComparisonAnalysis"/>: the case-4 distances against PostGIS (Analysis/ReferenceData/case4-*.tsv,
/// tolerances in its README) and the shape CASES.md asks for ("What the analyses should say").
/// </summary>
public class ClaimComparisonAnalysisTests
{
    private const string Case4 = "inc-2021-05-27-gegharkunik-kalbajar";
    private const string ArmClaim = "clm-2021-05-27-am-mod";
    private const string AzeClaim = "clm-2021-05-27-az-mod";

    private static readonly Lazy<ClaimComparisonResult> Case4Result = new(() => ClaimComparisonAnalysis.CompareClaims(Data, Case4));

    [Fact]
    public void CompareClaims_Case4_DistancesMatchPostGis()
    {
        var pair = Assert.Single(Case4Result.Value.Pairs);
        var reference = Assert.Single(Rows("case4-distances.tsv"));

        Assert.Equal([ArmClaim, AzeClaim], new[] { pair.ClaimA, pair.ClaimB }.Order(StringComparer.Ordinal));
        Assert.Equal([reference[0], reference[1]], new[] { ArmClaim, AzeClaim });
        Assert.True(Math.Abs(pair.MinimumDistance.Meters - Number(reference[2])) <= 1e-3, $"minimum {pair.MinimumDistance} vs PostGIS {reference[2]} m");
        Assert.True(Math.Abs(pair.CentroidDistance.Meters - Number(reference[3])) <= 20, $"centroids {pair.CentroidDistance} vs PostGIS {reference[3]} m");
        foreach (var row in Rows("case4-areas.tsv"))
        {
            var claim = Case4Result.Value.Claims.Single(c => c.ClaimId == row[0]);
            Assert.Equal(Number(row[1]), claim.Derivation!.Area.SquareKilometers, 1e-6 * Number(row[1]));
        }
    }

    [Fact]
    public void CompareClaims_Case4_PutsTheCaptureOnOppositeSidesOfOsm2020ButNotBeyondTheUncertainty()
    {
        // CASES.md, case 4: "on which side of each reference line each falls, and whether that is beyond the data's uncertainty".
        var pair = Case4Result.Value.Pairs.Single();
        var osm = pair.Lines.Single(l => l.ReferenceLineId == "osm-2020");
        var arm = Case4Result.Value.Claims.Single(c => c.ClaimId == ArmClaim);
        var aze = Case4Result.Value.Claims.Single(c => c.ClaimId == AzeClaim);

        Assert.True(osm.OppositeSides);
        Assert.Equal("AM", arm.Sides.Single(s => s.ReferenceLineId == "osm-2020").MajoritySide);
        Assert.Equal("AZ", aze.Sides.Single(s => s.ReferenceLineId == "osm-2020").MajoritySide);
        // Both areas are bands along the line, so each reaches the line: neither is beyond the uncertainty.
        Assert.False(osm.OppositeBeyondUncertainty);
        Assert.All(arm.Sides.Concat(aze.Sides), s => Assert.Equal(Verdict.Indeterminate, s.Receipt.Verdict));
        // The areas share the Natural Earth border: they touch, so the minimum distance is zero.
        Assert.Equal(0, pair.MinimumDistance.Meters);
        Assert.InRange(pair.CentroidDistance.Meters, 1000, 10_000);
    }

    [Fact]
    public void CompareClaims_Case4_SaysWhichLineBuiltTheAreasAndWhatTheOtherSays()
    {
        var arm = Case4Result.Value.Claims.Single(c => c.ClaimId == ArmClaim);

        Assert.Equal("osm-2020", arm.Derivation!.ReferenceLineId);
        Assert.Contains("Built from osm-2020", arm.Derivation.MethodDescription, StringComparison.Ordinal);
        var ne = arm.Sides.Single(s => s.ReferenceLineId == "ne-10m");
        Assert.NotNull(ne.FractionLeft);
        Assert.Equal(arm.Derivation.Area.SquareMeters, ne.AreaLeft!.Value.SquareMeters + ne.AreaRight!.Value.SquareMeters, 1e-6 * arm.Derivation.Area.SquareMeters);
    }

    [Fact]
    public void CompareClaims_ClaimWithoutGeometry_IsListedUnlocatedWithAReason()
    {
        var crisisGroup = Case4Result.Value.Claims.Single(c => c.ClaimId == "clm-2021-05-27-crisis-group");

        Assert.Equal(ClaimGeometrySource.None, crisisGroup.Source);
        Assert.Null(crisisGroup.Geometry);
        Assert.Empty(crisisGroup.Sides);
        Assert.Contains("no place", crisisGroup.UnlocatedReason, StringComparison.Ordinal);
        Assert.DoesNotContain(Case4Result.Value.Pairs, p => p.ClaimA == crisisGroup.ClaimId || p.ClaimB == crisisGroup.ClaimId);
    }

    [Fact]
    public void CompareClaims_Case3_LocatesTheArmenianClaimOnly_NoPair()
    {
        var result = ClaimComparisonAnalysis.CompareClaims(Data, "inc-2021-05-12-sev-lich");

        var arm = result.Claims.Single(c => c.ClaimId == "clm-2021-05-12-am-mod");
        Assert.Equal(ClaimGeometrySource.Derived, arm.Source);
        Assert.Equal("AM", arm.Sides.Single(s => s.ReferenceLineId == "osm-2020").MajoritySide);
        Assert.Empty(result.Pairs);
        Assert.Contains(result.Receipt.Notes, n => n.Contains("no pair to compare", StringComparison.Ordinal));
    }

    [Fact]
    public void CompareClaims_UnlocatedStatement_HasNoPairAndDoesNotThrow()
    {
        var result = ClaimComparisonAnalysis.CompareClaims(Data, "inc-2021-06-17-ru-mfa-statement");

        Assert.All(result.Claims, c => Assert.Null(c.Geometry));
        Assert.Empty(result.Pairs);
    }

    [Fact]
    public void CompareClaims_UnknownIncident_ThrowsUnknownRecord()
    {
        var ex = Assert.Throws<AnalysisException>(() => ClaimComparisonAnalysis.CompareClaims(Data, "inc-none"));

        Assert.Equal(AnalysisException.UnknownRecordCode, ex.ErrorCode);
    }
}
