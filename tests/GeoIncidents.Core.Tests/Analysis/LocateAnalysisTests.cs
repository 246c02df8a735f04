using FsCheck;
using FsCheck.Fluent;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary>
/// <see cref="LocateAnalysis"/> against PostGIS point-in-polygon and GeodSolve-minimised distances
/// (Analysis/ReferenceData/locate-points.tsv; tolerances in its README), and its edge cases.
/// </summary>
public class LocateAnalysisTests
{
    /// <summary>Distances, signed distances and nearest points: 1 mm (README).</summary>
    private const double ToleranceMeters = 1e-3;

    public static TheoryData<string, double, double, string, string, string, double, double, double, double> References()
    {
        var data = new TheoryData<string, double, double, string, string, string, double, double, double, double>();
        foreach (var r in Rows("locate-points.tsv"))
        {
            data.Add(r[0], Number(r[1]), Number(r[2]), r[3], r[4], r[5], Number(r[6]), Number(r[7]), Number(r[8]), Number(r[9]));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(References))]
    public void Locate_ReferencePoint_MatchesPostGisAndGeodSolve(
        string name, double lat, double lon, string country, string province, string line, double distance, double signed, double nearestLat, double nearestLon)
    {
        var result = LocateAnalysis.Locate(Data, GeoPosition.FromLatLon(lat, lon), referenceLineId: line);

        Assert.Equal(country, result.Country?.Id ?? "-");
        Assert.Equal(province, result.Subdivision?.Id ?? "-");
        var l = Assert.Single(result.Lines);
        Assert.True(Math.Abs(l.Distance.Meters - distance) <= ToleranceMeters, $"{name} {line}: distance {l.Distance.Meters} vs {distance}");
        Assert.True(Math.Abs(l.SignedDistance.Meters - signed) <= ToleranceMeters, $"{name} {line}: signed {l.SignedDistance.Meters} vs {signed}");
        var off = Meters(l.NearestPoint, GeoPosition.FromLatLon(nearestLat, nearestLon));
        Assert.True(off <= ToleranceMeters, $"{name} {line}: nearest point {l.NearestPoint} is {off} m from GeodSolve's");
        Assert.Equal(signed > 0 ? "AM" : "AZ", l.Side);
    }

    [Theory]
    // name, lat, lon, ne-10m verdict, osm-2020 verdict, overall (relative to AM). Distances: locate-points.tsv.
    [InlineData("goris", 39.51111, 46.34168, Verdict.Inside, Verdict.Inside, Verdict.Inside)]                 // 8.56 / 7.54 km
    [InlineData("kapan", 39.20762, 46.40678, Verdict.Indeterminate, Verdict.Inside, Verdict.Indeterminate)]  // 0.33 km < 2.9; 2.93 km > 0.5
    [InlineData("sev-lich", 39.58752, 46.22931, Verdict.Indeterminate, Verdict.Inside, Verdict.Indeterminate)] // 0.44 / 1.55 km
    [InlineData("verin-shorzha", 40.08893, 45.83612, Verdict.Inside, Verdict.Inside, Verdict.Inside)]       // 6.14 / 5.89 km
    [InlineData("kalbajar", 40.10984, 46.04446, Verdict.Outside, Verdict.Outside, Verdict.Outside)]         // -7.75 / -7.20 km
    [InlineData("artsvashen", 40.6341, 45.5164, Verdict.Indeterminate, Verdict.Inside, Verdict.Indeterminate)] // exclave: 2.69 / 2.44 km
    public void Locate_FivePlacesAndTheExclave_GiveVerdictsAgainstP95(string name, double lat, double lon, Verdict ne, Verdict osm, Verdict overall)
    {
        var result = LocateAnalysis.Locate(Data, GeoPosition.FromLatLon(lat, lon));

        Assert.Equal(ne, result.Lines.Single(l => l.ReferenceLineId == "ne-10m").Receipt.Verdict);
        Assert.Equal(osm, result.Lines.Single(l => l.ReferenceLineId == "osm-2020").Receipt.Verdict);
        Assert.Equal(overall, result.Receipt.Verdict);
        Assert.Equal("AM", result.Receipt.VerdictRelativeTo);
        Assert.All(result.Lines, l => Assert.Equal(Data.ReferenceLine(l.ReferenceLineId).Accuracy.P95, l.Receipt.Uncertainty));
        Assert.NotNull(name);
    }

    [Fact]
    public void Locate_InTheArtsvashenExclave_IsArmeniaMeasuredAgainstTheExclaveRing()
    {
        var result = LocateAnalysis.Locate(Data, GeoPosition.FromLatLon(40.6341, 45.5164));

        Assert.Equal("AM", result.Country!.Id);
        Assert.All(result.Lines, l =>
        {
            Assert.Equal("exclave", l.PartKind);
            Assert.Equal("AM", l.Side);
            Assert.False(l.BeyondLineEnd); // a ring has no ends
        });
    }

    [Fact]
    public void Locate_PrecisionRadius_WidensTheUncertaintyAndCanUndecide()
    {
        var sevLich = PlacePosition("sev-lich");
        var exact = LocateAnalysis.Locate(Data, sevLich, referenceLineId: "osm-2020").Lines[0];
        var vague = LocateAnalysis.Locate(Data, sevLich, Km(1.5), "osm-2020").Lines[0];

        Assert.Equal(Verdict.Inside, exact.Receipt.Verdict);       // 1.55 km > 0.5 km
        Assert.Equal(Verdict.Indeterminate, vague.Receipt.Verdict); // 1.55 km < 0.5 + 1.5 km
        Assert.Equal(2000, vague.Receipt.Uncertainty!.Value.Meters, 9);
    }

    [Fact]
    public void Locate_ExactlyOnTheLine_HasZeroDistanceNoSideAndIsIndeterminate()
    {
        var main = (NetTopologySuite.Geometries.LineString)Data.ReferenceLine("osm-2020").Geometry.GetGeometryN(0);
        foreach (var c in new[] { main.GetCoordinateN(500), main.GetCoordinateN(1000) })
        {
            var l = LocateAnalysis.Locate(Data, GeoPosition.FromLonLat(c.X, c.Y), referenceLineId: "osm-2020").Lines[0];

            Assert.Equal(0, l.Distance.Meters, 6);
            Assert.Null(l.Side);
            Assert.Equal(Verdict.Indeterminate, l.Receipt.Verdict);
        }
    }

    [Fact]
    public void Locate_OnAnEdgeBetweenVertices_IsOnTheLine()
    {
        var main = (NetTopologySuite.Geometries.LineString)Data.ReferenceLine("ne-10m").Geometry.GetGeometryN(0);
        var a = main.GetCoordinateN(40);
        var b = main.GetCoordinateN(41);
        var line = Geodesy.Geodesics.Geodesic.Wgs84.Line(GeoPosition.FromLonLat(a.X, a.Y), GeoPosition.FromLonLat(b.X, b.Y));
        var middle = line.Position(line.Length!.Value / 2).Destination; // on the edge's geodesic, not its lon/lat chord

        var l = LocateAnalysis.Locate(Data, middle, referenceLineId: "ne-10m").Lines[0];

        Assert.True(l.Distance.Meters < 1e-6, $"{l.Distance}");
        Assert.Equal(40, l.EdgeIndex);
    }

    [Fact]
    public void Locate_BeyondTheEndOfTheLine_GivesNoSideAndNoVerdict()
    {
        var tbilisi = GeoPosition.FromLatLon(41.7151, 44.8271); // north-west of the Georgia tripoint

        var result = LocateAnalysis.Locate(Data, tbilisi);

        Assert.Equal("GE", result.Country!.Id);
        Assert.All(result.Lines, l =>
        {
            Assert.True(l.BeyondLineEnd);
            Assert.Null(l.Side);
            Assert.Null(l.Receipt.Verdict);
            Assert.Contains(l.Receipt.Notes, n => n.Contains("beyond the line", StringComparison.Ordinal));
        });
        Assert.Null(result.Receipt.Verdict);
    }

    [Fact]
    public void Locate_InTheSea_HasNoCountryButStillMeasures()
    {
        var caspian = GeoPosition.FromLatLon(40.0, 51.0);

        var result = LocateAnalysis.Locate(Data, caspian);

        Assert.Null(result.Country);
        Assert.Null(result.Subdivision);
        Assert.All(result.Lines, l => Assert.True(l.Distance.Meters > 300_000));
        Assert.Contains(result.Receipt.Notes, n => n.Contains("none of the shipped countries", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(90, 0)]
    [InlineData(-90, 0)]
    [InlineData(0, 180)]
    [InlineData(0, -180)]
    [InlineData(45, 179.9999999)]
    [InlineData(-40, -134)] // near the antipode of the border
    [InlineData(10, 540)]
    public void Locate_PoleOrAntimeridian_DoesNotThrow(double lat, double lon)
    {
        var result = LocateAnalysis.Locate(Data, GeoPosition.FromLatLon(lat, lon));

        Assert.Null(result.Country);
        Assert.All(result.Lines, l => Assert.True(double.IsFinite(l.Distance.Meters) && l.Distance.Meters > 1_000_000));
    }

    [Fact]
    public void Locate_NegativePrecision_ThrowsOutOfDomain()
    {
        var ex = Assert.Throws<AnalysisException>(() => LocateAnalysis.Locate(Data, PlacePosition("goris"), Length.FromMeters(-1)));

        Assert.Equal(AnalysisException.OutOfDomainCode, ex.ErrorCode);
    }

    [Fact]
    public void Locate_TwoLines_ReportHowFarTheyDisagree()
    {
        var result = LocateAnalysis.Locate(Data, PlacePosition("kapan"));
        var ne = result.Lines.Single(l => l.ReferenceLineId == "ne-10m");
        var osm = result.Lines.Single(l => l.ReferenceLineId == "osm-2020");

        var d = result.Disagreement!;
        Assert.Equal(Math.Abs(ne.SignedDistance.Meters - osm.SignedDistance.Meters), d.SignedDistanceSpread.Meters, 6);
        Assert.Equal(Meters(ne.NearestPoint, osm.NearestPoint), d.NearestPointSpread.Meters, 6);
        Assert.False(d.SidesDiffer);
        Assert.True(d.VerdictsDiffer);
    }

    [Fact]
    public void Locate_ProvinceNearItsOutline_IsIndeterminate()
    {
        // Goris is 8.6 km from Syunik's outline (> 5 km p95, assumed); Sev Lich 0.44 km (< 5 km).
        Assert.Equal(Verdict.Inside, LocateAnalysis.Locate(Data, PlacePosition("goris")).Subdivision!.Receipt.Verdict);
        Assert.Equal(Verdict.Indeterminate, LocateAnalysis.Locate(Data, PlacePosition("sev-lich")).Subdivision!.Receipt.Verdict);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Locate_AnyPositionNearTheBorder_SignedDistanceSideAndVerdictAgree()
    {
        var positions = Gen.Choose(0, 1_000_000).Two().Select(t => GeoPosition.FromLatLon(38.8 + (3.0 * t.Item1 / 1e6), 44.6 + (2.4 * t.Item2 / 1e6)));
        return Prop.ForAll(positions.ToArbitrary(), p =>
        {
            var result = LocateAnalysis.Locate(Data, p, Length.FromMeters(100));
            return result.Lines.All(l =>
                Math.Abs(Math.Abs(l.SignedDistance.Meters) - l.Distance.Meters) < 1e-9
                && (l.BeyondLineEnd || l.Side == (l.SignedDistance.Meters > 0 ? "AM" : l.SignedDistance.Meters < 0 ? "AZ" : null))
                && (l.BeyondLineEnd || l.Receipt.Verdict == MeasurementReceipt.Decide(l.SignedDistance, l.Receipt.Uncertainty!.Value))
                && Meters(p, l.NearestPoint) <= l.Distance.Meters + 1e-6);
        });
    }
}
