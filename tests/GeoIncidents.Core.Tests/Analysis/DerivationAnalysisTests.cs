using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using static GeoIncidents.Core.Tests.Analysis.AnalysisTestData;

namespace GeoIncidents.Core.Tests.Analysis;

/// <summary>
/// <see cref="DerivationAnalysis"/> and <see cref="LineStretchSelection"/> against their definitions
/// (BorderBandDerivation, CorridorDerivation, CASES.md "Geocoding vague claims" and "The Lachin corridor").
/// </summary>
public class DerivationAnalysisTests
{
    private const double MillimeterTolerance = 1e-3;

    [Fact]
    public void DeriveCorridor_LachinCorridor_IsTheGeodesicCentrelineBufferedByHalfTheWidth()
    {
        var corridor = DerivationAnalysis.DeriveCorridor(Data, "lachin-corridor");
        var shape = corridor.Geometry;

        Assert.Equal(5000, corridor.Derivation.Width.Meters);
        Assert.Equal(3, corridor.Waypoints.Count);
        foreach (var place in new[] { "lachin", "stepanakert" })
        {
            Assert.True(shape.Covers(Point(PlacePosition(place))), $"{place} is a waypoint");
        }

        // Perpendicular to the middle of each leg: 2.45 km out is inside, 2.55 km out is not (half-width 2.5 km).
        for (var i = 1; i < corridor.Waypoints.Count; i++)
        {
            var leg = Geodesic.Wgs84.Line(corridor.Waypoints[i - 1], corridor.Waypoints[i]);
            var middle = leg.Position(leg.Length!.Value / 2);
            foreach (var side in new[] { -90.0, 90.0 })
            {
                var azimuth = Angle.FromDegrees(middle.FinalAzimuth.Degrees + side);
                Assert.True(shape.Covers(Point(Geodesic.Wgs84.Displace(middle.Destination, azimuth, Length.FromMeters(2450)))), $"leg {i}, side {side}: 2.45 km");
                Assert.False(shape.Covers(Point(Geodesic.Wgs84.Displace(middle.Destination, azimuth, Length.FromMeters(2550)))), $"leg {i}, side {side}: 2.55 km");
            }
        }

        // S2: the corridor "does not affect the city of Shusha" (4.0 km from the last leg: data/incidents/README.md).
        Assert.False(shape.Covers(Point(PlacePosition("shusha"))));
        // A band of half-width r around a path of length L with gentle turns: area close to 2rL + πr².
        var expected = (2 * 2500 * corridor.CentrelineLength.Meters) + (Math.PI * 2500 * 2500);
        Assert.Equal(expected, corridor.Area.SquareMeters, 0.005 * expected);
        Assert.Equal(corridor.Geometry, corridor.DerivedZone.Geometry);
        Assert.Equal(5000, corridor.Receipt.Uncertainty!.Value.Meters);
        Assert.Contains("2.5 km on each side", corridor.MethodDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void DeriveClaimArea_Case3_IsSyunikWithin3500mOfThe10kmOfOsm2020NearestSevLich()
    {
        var claim = Data.Incident("inc-2021-05-12-sev-lich").Claims.Single(c => c.Id == "clm-2021-05-12-am-mod");

        var area = DerivationAnalysis.DeriveClaimArea(Data, claim);

        Assert.Equal("osm-2020", area.ReferenceLineId);
        var stretch = area.Bands[0].Stretch!;
        Assert.False(stretch.Clipped);
        Assert.Equal(10_000, stretch.Length.Meters, MillimeterTolerance);
        // Centred on Sev Lich's nearest point of osm-2020 (GeodSolve reference, locate-points.tsv).
        var reference = Rows("locate-points.tsv").Single(r => r[0] == "sev-lich" && r[5] == "osm-2020");
        Assert.True(Meters(stretch.Centre, GeoPosition.FromLatLon(Number(reference[8]), Number(reference[9]))) < MillimeterTolerance);
        Assert.Equal(5000, LineIndex.Of(stretch.Geometry).Nearest(stretch.Centre).AlongPart.Meters, MillimeterTolerance);

        var near = GeodesicPolyline.FromGeometry(stretch.Geometry);
        Assert.All(area.Geometry.Coordinates, c => Assert.True(near.DistanceTo(GeoPosition.FromLonLat(c.X, c.Y)).Meters <= 3500 * (1 + 2e-4)));
        Assert.True(area.Geometry.Covers(Point(PlacePosition("sev-lich"))));
        Assert.Equal(area.Geometry, area.DerivedClaim.Geometry);
        Assert.Equal(["osm-2020", "ne-10m"], area.Bands.Select(b => b.ReferenceLineId));
        Assert.Equal(["osm-2020", "ne-10m"], area.Sides.Select(s => s.ReferenceLineId));
    }

    [Fact]
    public void DeriveClaimArea_Case4_CentresTheStretchBetweenTheTwoAnchorsAlongTheLine()
    {
        var claim = Data.Incident("inc-2021-05-27-gegharkunik-kalbajar").Claims.Single(c => c.Id == "clm-2021-05-27-am-mod");

        var area = DerivationAnalysis.DeriveClaimArea(Data, claim);

        foreach (var band in area.Bands)
        {
            var stretch = band.Stretch!;
            var whole = LineIndex.Of(Data.ReferenceLine(band.ReferenceLineId).Geometry.GetGeometryN(stretch.PartIndex));
            var a = whole.Nearest(PlacePosition("verin-shorzha")).AlongPart.Meters;
            var b = whole.Nearest(PlacePosition("kut")).AlongPart.Meters;
            Assert.Equal((a + b) / 2, whole.Nearest(stretch.Centre).AlongPart.Meters, MillimeterTolerance);
            Assert.Equal(15_000, stretch.Length.Meters, MillimeterTolerance);
        }
    }

    [Fact]
    public void DeriveClaimArea_ClaimWithoutDerivation_ThrowsNotDerivable()
    {
        var claim = Data.Incident("inc-2021-05-27-gegharkunik-kalbajar").Claims.Single(c => c.Id == "clm-2021-05-27-crisis-group");

        var ex = Assert.Throws<AnalysisException>(() => DerivationAnalysis.DeriveClaimArea(Data, claim));

        Assert.Equal(AnalysisException.NotDerivableCode, ex.ErrorCode);
        Assert.Equal(422, ex.StatusCode);
    }

    [Fact]
    public void SelectStretch_AnchorBeyondTheLinesEnd_IsClippedAtTheEnd()
    {
        // 5 km beyond the start of the main line (the Georgia tripoint), on its first edge's geodesic extended backwards.
        var main = (LineString)Data.ReferenceLine("osm-2020").Geometry.GetGeometryN(0);
        var start = GeoPosition.FromLonLat(main.GetCoordinateN(0).X, main.GetCoordinateN(0).Y);
        var second = GeoPosition.FromLonLat(main.GetCoordinateN(1).X, main.GetCoordinateN(1).Y);
        var beyond = Geodesic.Wgs84.Line(start, Geodesic.Wgs84.Inverse(start, second).InitialAzimuth).Position(Km(-5)).Destination;
        var data = WithPlace("beyond-the-start", beyond);

        var stretch = LineStretchSelection.Select(data, "osm-2020", ["beyond-the-start"], Km(20));

        Assert.Equal(0, stretch.PartIndex);
        Assert.True(stretch.Clipped);
        Assert.Equal(10_000, stretch.Length.Meters, MillimeterTolerance); // centred on the end: only the half inside the line remains
        Assert.True(Meters(stretch.Centre, start) < MillimeterTolerance);
    }

    [Fact]
    public void SelectStretch_OnTheArtsvashenRing_WrapsAroundAndIsClippedToTheRing()
    {
        var ring = (LineString)Data.ReferenceLine("osm-2020").Geometry.GetGeometryN(2); // the exclave ring
        var start = ring.StartPoint;
        var data = WithPlace("by-the-ring-start", GeoPosition.FromLonLat(start.X, start.Y));

        var shortStretch = LineStretchSelection.Select(data, "osm-2020", ["by-the-ring-start"], Km(5));
        var whole = LineStretchSelection.Select(data, "osm-2020", ["by-the-ring-start"], Km(100));

        Assert.Equal(2, shortStretch.PartIndex);
        Assert.False(shortStretch.Clipped);
        Assert.Equal(5000, shortStretch.Length.Meters, MillimeterTolerance); // across the ring's first vertex
        Assert.True(whole.Clipped);
        Assert.Equal(GeodesicMeasure.Length(ring).Meters, whole.Length.Meters, MillimeterTolerance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void SelectStretch_NonPositiveLength_ThrowsOutOfDomain(double meters)
    {
        var ex = Assert.Throws<AnalysisException>(() => LineStretchSelection.Select(Data, "osm-2020", ["sev-lich"], Length.FromMeters(meters)));

        Assert.Equal(AnalysisException.OutOfDomainCode, ex.ErrorCode);
    }

    private static Point Point(GeoPosition p) => Geodesy.Geometries.GeometryFactories.Wgs84.CreatePoint(new Coordinate(p.LongitudeDegrees, p.LatitudeDegrees));

    private static AnalysisData WithPlace(string id, GeoPosition position)
    {
        var place = Place.Create(id, PlaceNames.Create(id), position, "AM", "test position");
        return new AnalysisData(Data.Regions, Data.ReferenceLines, Data.Places.Append(place), Data.Zones, Data.ControlEvents, Data.Incidents, Data.Parties);
    }
}
