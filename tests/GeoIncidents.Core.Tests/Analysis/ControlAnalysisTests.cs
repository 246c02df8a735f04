using GeoIncidents.Core.Analysis;
using GeoIncidents.Geodesy.Positions;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary>
/// <see cref="ControlAnalysis"/> on the shipped zones and control events (data/incidents/README.md: Aghdam 20 Nov,
/// Kalbajar 25 Nov (agreed 15 Nov), Lachin 1 Dec 2020; the Lachin corridor under the peacekeepers from 1 Dec 2020).
/// </summary>
public class ControlAnalysisTests
{
    private static readonly GeoPosition KalbajarTown = GeoPosition.FromLatLon(40.10984, 46.04446);

    [Fact]
    public void ControlOn_KalbajarAfterTheHandover_IsAzerbaijanWithSources()
    {
        var result = ControlAnalysis.ControlOn(Data, KalbajarTown, new DateOnly(2020, 11, 26));

        Assert.Equal("az-gov", result.ControlledBy);
        var s = Assert.Single(result.Statements);
        Assert.Equal("ce-2020-11-25-kalbajar", s.RecordId);
        Assert.Equal(new DateOnly(2020, 11, 25), s.Since);
        Assert.Contains(s.Sources, x => x.Id == "s2");
        Assert.Contains("originally agreed for 2020-11-15", s.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlOn_KalbajarBetweenTheAgreedAndTheActualDate_IsTheFormerHolderAndSaysTheDateMoved()
    {
        var result = ControlAnalysis.ControlOn(Data, KalbajarTown, new DateOnly(2020, 11, 20));

        Assert.Equal("am-gov", result.ControlledBy);
        Assert.Null(result.Statements[0].Since); // when that control began is not recorded
        Assert.Equal(new DateOnly(2020, 11, 24), result.Statements[0].Until);
        Assert.Contains(result.Receipt.Notes, n => n.Contains("agreed for 2020-11-15 but took effect on 2020-11-25", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlOn_InTheLachinCorridorAfter1December_IsThePeacekeepersZoneFirst()
    {
        var lachinTown = PlacePosition("lachin");

        var result = ControlAnalysis.ControlOn(Data, lachinTown, new DateOnly(2021, 5, 12));

        Assert.Equal("ru-peacekeepers", result.ControlledBy);
        Assert.Equal("zone", result.Statements[0].Basis);
        Assert.Contains("lachin-corridor", result.ZoneIds);
        Assert.Contains(result.Receipt.Notes, n => n.Contains("uncertain by 5 km", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlOn_InTheCorridorBeforeItsValidity_SaysSoAndIsUnknown()
    {
        // Lachin town lies in NE's Shusha district polygon (coarse internal boundaries), which has no control event.
        var result = ControlAnalysis.ControlOn(Data, PlacePosition("lachin"), new DateOnly(2020, 11, 30));

        Assert.Null(result.ControlledBy);
        Assert.False(result.Known);
        Assert.Contains(result.Receipt.Notes, n => n.Contains("valid only 2020-12-01", StringComparison.Ordinal));
        Assert.Contains(result.Receipt.Notes, n => n.StartsWith("Unknown:", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlOn_AghdamBeforeItsReturn_IsUnknownBecauseNoFormerHolderIsNamed()
    {
        var aghdam = Data.Region("AZ-AGM").Geometry.InteriorPoint;
        var position = GeoPosition.FromLonLat(aghdam.X, aghdam.Y);

        var before = ControlAnalysis.ControlOn(Data, position, new DateOnly(2020, 11, 19));
        var after = ControlAnalysis.ControlOn(Data, position, new DateOnly(2020, 11, 20));

        Assert.Null(before.ControlledBy);
        Assert.Contains(before.Receipt.Notes, n => n.Contains("does not name who held it before", StringComparison.Ordinal));
        Assert.Equal("az-gov", after.ControlledBy); // effective on the day itself
    }

    [Fact]
    public void ControlOn_PlaceNoRecordCovers_IsUnknownNotInferredFromTheBorder()
    {
        var result = ControlAnalysis.ControlOn(Data, PlacePosition("goris"), new DateOnly(2021, 5, 12));

        Assert.Null(result.ControlledBy);
        Assert.Empty(result.Statements);
        Assert.Equal(["AM", "AM-SU"], result.RegionIds);
    }

    [Fact]
    public void ControlOn_AtAPoleOrAtSea_IsUnknownWithoutThrowing()
    {
        Assert.Null(ControlAnalysis.ControlOn(Data, GeoPosition.FromLatLon(90, 0), new DateOnly(2021, 1, 1)).ControlledBy);
        Assert.Null(ControlAnalysis.ControlOn(Data, GeoPosition.FromLatLon(40, 51), new DateOnly(2021, 1, 1)).ControlledBy);
    }
}
