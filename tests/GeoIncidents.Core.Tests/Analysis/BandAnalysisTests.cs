using GeoIncidents.Core.Analysis;
using GeoIncidents.Geodesy.Units;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary>
/// <see cref="BandAnalysis"/> against PostGIS (Analysis/ReferenceData/band-areas.tsv; methods and tolerances in its
/// README) and the case-3 shape of CASES.md.
/// </summary>
public class BandAnalysisTests
{
    /// <summary>Against the local transverse Mercator reference: 0.02 % of the area (README).</summary>
    private const double LocalTmRelativeTolerance = 2e-4;

    /// <summary>Against PostGIS's own geography buffer (UTM, 8 segments per quarter circle): 0.5 % (README).</summary>
    private const double GeographyRelativeTolerance = 5e-3;

    public static TheoryData<string, string, double, double, double> References()
    {
        var data = new TheoryData<string, string, double, double, double>();
        foreach (var r in Rows("band-areas.tsv"))
        {
            data.Add(r[0], r[1], Number(r[2]), Number(r[3]), Number(r[4]));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(References))]
    public void Band_ShippedRegionAndLine_MatchesPostGis(string region, string line, double depthMeters, double localTmKm2, double geographyKm2)
    {
        var band = BandAnalysis.Band(Data, region, Length.FromMeters(depthMeters), line);

        var area = band.Area.SquareKilometers;
        Assert.True(Math.Abs(area - localTmKm2) <= LocalTmRelativeTolerance * localTmKm2,
            $"{region} {line} {depthMeters} m: {area} km² vs PostGIS local TM {localTmKm2} km²");
        Assert.True(Math.Abs(area - geographyKm2) <= GeographyRelativeTolerance * geographyKm2,
            $"{region} {line} {depthMeters} m: {area} km² vs PostGIS geography buffer {geographyKm2} km²");
    }

    [Fact]
    public void Band_AreaInterval_IsTheBandAtDepthPlusMinusTheLinesP95()
    {
        var band = BandAnalysis.Band(Data, "AM-SU", Km(3.5), "ne-10m");

        Assert.Equal(600, band.DepthLow.Meters, 6);
        Assert.Equal(6400, band.DepthHigh.Meters, 6);
        var low = BandAnalysis.Band(Data, "AM-SU", band.DepthLow, "ne-10m").Area;
        var high = BandAnalysis.Band(Data, "AM-SU", band.DepthHigh, "ne-10m").Area;
        Assert.Equal(low.SquareMeters, band.AreaLow.SquareMeters, 1e-6 * low.SquareMeters);
        Assert.Equal(high.SquareMeters, band.AreaHigh.SquareMeters, 1e-6 * high.SquareMeters);
        Assert.True(band.AreaLow.SquareMeters < band.Area.SquareMeters && band.Area.SquareMeters < band.AreaHigh.SquareMeters);
        Assert.Equal(2900, band.Receipt.Uncertainty!.Value.Meters);
        Assert.Null(band.Receipt.Verdict);
    }

    [Fact]
    public void Band_DepthNotAboveP95_AreaLowIsZeroAndSaidSo()
    {
        var band = BandAnalysis.Band(Data, "AM-SU", Km(2), "ne-10m");

        Assert.Equal(0, band.DepthLow.Meters);
        Assert.Equal(0, band.AreaLow.SquareMeters);
        Assert.Contains(band.Receipt.Notes, n => n.Contains("cannot tell a band this shallow", StringComparison.Ordinal));
    }

    [Fact]
    public void Band_SyunikAt3500m_DiffersBetweenTheLines_Case3()
    {
        // CASES.md, case 3: "how the answer changes between the ne-10m and osm-2020 reference lines".
        var bands = BandAnalysis.Bands(Data, "AM-SU", Km(3.5));
        var ne = bands.Single(b => b.ReferenceLineId == "ne-10m");
        var osm = bands.Single(b => b.ReferenceLineId == "osm-2020");

        Assert.True(Math.Abs(osm.Area.SquareKilometers - ne.Area.SquareKilometers) > 50,
            $"ne-10m {ne.Area} vs osm-2020 {osm.Area}: the lines should give visibly different bands");
        // The OSM band lies inside the NE band's sensitivity interval: the lines disagree within NE's stated accuracy.
        Assert.InRange(osm.Area.SquareMeters, ne.AreaLow.SquareMeters, ne.AreaHigh.SquareMeters);
        Assert.Contains(osm.Receipt.Datasets, d => d.Id == "osm-2020" && d.Assumed && d.Licence.Contains("ODbL", StringComparison.Ordinal));
    }

    [Fact]
    public void Band_SyunikAt3500m_HoldsKapanAndSevLichButNotGoris()
    {
        foreach (var band in BandAnalysis.Bands(Data, "AM-SU", Km(3.5)))
        {
            var ids = band.Places.Select(p => p.PlaceId).ToList();
            Assert.Contains("sev-lich", ids); // 0.44 / 1.55 km from the lines (locate-points.tsv)
            Assert.Contains("kapan", ids);    // 0.33 / 2.93 km
            Assert.DoesNotContain("goris", ids); // 8.6 / 7.5 km
        }
    }

    [Fact]
    public void Band_RegionFarFromTheLine_IsEmptyWithZeroArea()
    {
        var band = BandAnalysis.Band(Data, "AZ-BA", Km(3.5), "osm-2020"); // Baku, about 300 km from the border

        Assert.True(band.Geometry.IsEmpty);
        Assert.Equal(0, band.Area.SquareMeters);
        Assert.Empty(band.Places);
        Assert.Contains(band.Receipt.Notes, n => n.Contains("the band is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3500)]
    [InlineData(99_600)] // + the line's p95 (500 m) exceeds MetricBuffer's 100 km
    public void Band_DepthOutOfRange_ThrowsOutOfDomain(double depthMeters)
    {
        var ex = Assert.Throws<AnalysisException>(() => BandAnalysis.Band(Data, "AM-SU", Length.FromMeters(depthMeters), "osm-2020"));

        Assert.Equal(AnalysisException.OutOfDomainCode, ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
    }

    [Theory]
    [InlineData("XX-YY", "osm-2020", "region")]
    [InlineData("AM-SU", "no-such-line", "reference line")]
    public void Band_UnknownId_ThrowsUnknownRecordNamingIt(string region, string line, string kind)
    {
        var ex = Assert.Throws<AnalysisException>(() => BandAnalysis.Band(Data, region, Km(3.5), line));

        Assert.Equal(AnalysisException.UnknownRecordCode, ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains($"unknown {kind}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Band_Geometry_LiesInTheRegionAndWithinTheDepthOfTheLine()
    {
        var band = BandAnalysis.Band(Data, "AM-SU", Km(3.5), "osm-2020");
        var line = Geodesy.Lines.GeodesicPolyline.FromGeometry(Data.ReferenceLine("osm-2020").Geometry);
        var region = Geodesy.Lines.GeodesicPolyline.FromPolygonBoundary(Data.Region("AM-SU").Geometry); // positive inside

        foreach (var c in band.Geometry.Coordinates)
        {
            var p = Geodesy.Positions.GeoPosition.FromLonLat(c.X, c.Y);
            Assert.True(line.DistanceTo(p).Meters <= 3500 * (1 + 2e-4), $"{p} is {line.DistanceTo(p)} from osm-2020");
            // The region's edges are densified along their geodesics to 1 km, which follows them to about 2 cm.
            Assert.True(region.SignedDistanceTo(p).Meters >= -0.05, $"{p} is {region.SignedDistanceTo(p)} outside AM-SU");
        }
    }
}
