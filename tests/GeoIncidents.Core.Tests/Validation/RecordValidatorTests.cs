using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Tests.Validation;

/// <summary>Warnings: what is only suspicious is flagged, never rejected. Uses the shipped Natural Earth regions.</summary>
public class RecordValidatorTests
{
    private static readonly SeedData Data = SeedData.Load();
    private static readonly DateTimeOffset Today = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Occurrence May12 = Occurrence.OnDay(new DateOnly(2021, 5, 12));
    private static readonly Source S1 = Source.Create("s1", "TASS", "Tension on Armenian-Azerbaijani border abating");

    // Goris, GeoNames 174895 (data/places/places.geojson)
    private const double GorisLon = 46.34168;
    private const double GorisLat = 39.51111;

    private static RecordValidator Validator(DateTimeOffset? now = null, ReferenceCatalog? catalog = null) =>
        new(Data.RegionIndex, new FixedClock(now ?? Today), catalog);

    private static Point LonLat(double lon, double lat) => GeometryFactories.Wgs84.CreatePoint(new Coordinate(lon, lat));

    private static Incident At(double lon, double lat, string? admin1 = null, LocationPrecision? precision = null, Occurrence? occurred = null) =>
        Incident.Create("i1", "test", IncidentType.Shelling, occurred ?? May12, geometry: LonLat(lon, lat), admin1: admin1, locationPrecision: precision, sources: [S1]);

    private static string[] Codes(ValidationReport r) => r.Issues.Select(i => i.Code).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Validate_GorisInSyunik_NoIssues()
    {
        Assert.Empty(Validator().Validate(At(GorisLon, GorisLat, "AM-SU", LocationPrecision.FromAcledGeoPrecision(1))).Issues);
    }

    [Fact]
    public void Validate_GorisGivenAsLatLon_WarnsOfASwapNamingGeometry()
    {
        // [39.51111, 46.34168] is Goris written latitude first: it lands in southern Russia/Ukraine.
        var report = Validator().Validate(At(GorisLat, GorisLon, "AM-SU"));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
        Assert.Equal(ValidationCodes.LikelyLatLonSwap, issue.Code);
        Assert.Equal("geometry", issue.Field);
        Assert.Contains("Syunik", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GorisGivenAsLatLonWithoutAdmin1_WarnsOfASwapAgainstTheCaseCountries()
    {
        var issue = Assert.Single(Validator().Validate(At(GorisLat, GorisLon)).Issues);
        Assert.Equal(ValidationCodes.LikelyLatLonSwap, issue.Code);
        Assert.Contains("Armenia (AM)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BakuNamedInSyunik_WarnsFarOutside()
    {
        var report = Validator().Validate(At(49.89201, 40.37767, "AM-SU"));
        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationCodes.FarOutsideRegion, issue.Code);
        Assert.Equal("geometry", issue.Field);
    }

    [Fact]
    public void Validate_LachinTownNamedInLachinDistrict_IsNotFlaggedAlthoughNaturalEarthPutsItInShusha()
    {
        // data/SOURCES.md: NE's coarse internal boundaries put Lachin town in the Shusha district polygon. It is
        // outside AZ-LAC's polygon but well inside its envelope: suspicious only when far outside.
        Assert.False(Data.RegionIndex.Contains("AZ-LAC", GeoPosition.FromLonLat(46.54977, 39.63742)));
        Assert.Empty(Validator().Validate(At(46.54977, 39.63742, "AZ-LAC")).Issues);
    }

    [Fact]
    public void Validate_PointJustBeyondTheMarginOfAnEnvelope_IsFarOutside()
    {
        // Syunik's envelope expanded by 5 km: a point 0.1° (≈8.6 km) east of its eastern edge is beyond it, one 0.03° (≈2.6 km) east is not.
        var env = Data.Regions.Single(r => r.Id == "AM-SU").Geometry.EnvelopeInternal;
        Assert.True(Data.RegionIndex.IsFarOutside("AM-SU", GeoPosition.FromLonLat(env.MaxX + 0.1, env.Centre.Y), Length.FromKilometers(5)));
        Assert.False(Data.RegionIndex.IsFarOutside("AM-SU", GeoPosition.FromLonLat(env.MaxX + 0.03, env.Centre.Y), Length.FromKilometers(5)));
    }

    [Fact]
    public void Validate_LargeLocationPrecision_WidensTheMargin()
    {
        // Yerevan is ~150 km from Syunik's envelope; a UCDP where_prec 6 (country, 265 km) point is not "far" at that distance.
        Assert.Equal(ValidationCodes.FarOutsideRegion, Assert.Single(Validator().Validate(At(44.5126, 40.17765, "AM-SU")).Issues).Code);
        Assert.Empty(Validator().Validate(At(44.5126, 40.17765, "AM-SU", LocationPrecision.FromUcdpWherePrec(6))).Issues);
    }

    [Fact]
    public void Validate_IntegerCoordinatesWithoutPrecision_WarnsLowPrecision()
    {
        var issue = Assert.Single(Validator().Validate(At(45, 40)).Issues);
        Assert.Equal(ValidationCodes.LowCoordinatePrecision, issue.Code);
        Assert.Contains("0 decimal places", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IntegerCoordinatesWithAcledRegionPrecision_AreNotFlagged()
    {
        // ACLED 3 = 100 km: rounding to whole degrees (up to ~56 km) is within it.
        Assert.Empty(Validator().Validate(At(45, 40, precision: LocationPrecision.FromAcledGeoPrecision(3))).Issues);
    }

    [Theory]
    [InlineData(46.34, 39.51, 500, true)]     // 2 decimals: up to ~557 m > 500 m
    [InlineData(46.342, 39.511, 500, false)]  // 3 decimals: up to ~56 m
    [InlineData(46.3, 39.5, 25_000, false)]   // 1 decimal with ACLED-2-like 25 km
    public void Validate_DecimalsAgainstStatedRadius(double lon, double lat, double radiusMeters, bool flagged)
    {
        var report = Validator().Validate(At(lon, lat, precision: LocationPrecision.FromRadius(Length.FromMeters(radiusMeters))));
        Assert.Equal(flagged, report.Issues.Any(i => i.Code == ValidationCodes.LowCoordinatePrecision));
    }

    [Fact]
    public void Validate_FutureOccurrence_WarnsAgainstTheInjectedClock()
    {
        var next = Occurrence.OnDay(new DateOnly(2027, 1, 1));
        var issue = Assert.Single(Validator().Validate(At(GorisLon, GorisLat, occurred: next)).Issues);
        Assert.Equal(ValidationCodes.FutureDate, issue.Code);
        Assert.Equal("occurred", issue.Field);
        Assert.Empty(Validator(now: new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero)).Validate(At(GorisLon, GorisLat, occurred: next)).Issues);
    }

    [Fact]
    public void Validate_NoSource_Warns()
    {
        var incident = Incident.Create("i1", "t", IncidentType.Statement, May12);
        Assert.Equal([ValidationCodes.NoSource], Codes(Validator().Validate(incident)));
    }

    [Fact]
    public void Validate_ClaimWithUnknownClaimantAndPlace_ReportsErrorsNamingFields()
    {
        var catalog = new ReferenceCatalog
        {
            PartyIds = ReferenceCatalog.IdsOf(Data.Parties, p => p.Id),
            PlaceIds = ReferenceCatalog.IdsOf(Data.Places, p => p.Id),
        };
        var claim = Claim.Create("c1", "i1", "nobody", "x", sources: [S1],
            displacement: Displacement.Create(PointReference.ToPlace("atlantis"), Length.FromKilometers(1)));

        var report = Validator(catalog: catalog).Validate(claim);

        Assert.Equal(["claimant", "displacement.origin"], report.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(report.Errors, e => Assert.Equal(ValidationCodes.UnknownReference, e.Code));
        Assert.Throws<RecordValidationException>(() => Validator(catalog: catalog).Flag(claim));
    }

    [Fact]
    public void Validate_SwappedDisplacementOrigin_Warns()
    {
        var claim = Claim.Create("c1", "i1", "am-mod", "x", sources: [S1],
            displacement: Displacement.Create(PointReference.AtPosition(GeoPosition.FromLonLat(GorisLat, GorisLon)), Length.FromKilometers(3.5)));
        var issue = Assert.Single(Validator().Validate(claim).Issues);
        Assert.Equal(ValidationCodes.LikelyLatLonSwap, issue.Code);
        Assert.Equal("displacement.origin", issue.Field);
    }

    [Fact]
    public void Flag_StoresWarningsOnTheRecordAndInGeoJson()
    {
        var flagged = Validator().Flag(At(GorisLat, GorisLon, "AM-SU"));

        var warning = Assert.Single(flagged.Warnings);
        Assert.Equal(ValidationCodes.LikelyLatLonSwap, warning.Code);
        var json = ModelFeatures.Incidents.ToJson(flagged);
        Assert.Contains("\"warnings\":[{\"code\":\"likely-lat-lon-swap\",\"field\":\"geometry\"", json, StringComparison.Ordinal);

        // Flagging again replaces, never accumulates.
        Assert.Single(Validator().Flag(flagged).Warnings);
    }

    [Fact]
    public void Import_SwappedPosition_IsReadAndFlaggedNotRejected()
    {
        const string json = """
            {"type":"Feature","id":"acled-arm-1","geometry":{"type":"Point","coordinates":[39.51111,46.34168]},
             "properties":{"title":"Shelling near Goris","type":"shelling","occurred":"2021-05-12","admin1":"AM-SU",
                           "location_precision_scheme":"acled-geo-precision","location_precision_code":1}}
            """;
        var read = ModelFeatures.Incidents.ReadJson(json);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));

        var flagged = Validator().Flag(read.Value!);
        Assert.Equal([ValidationCodes.LikelyLatLonSwap, ValidationCodes.NoSource], flagged.Warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Decimals_ShortestRoundTripForm()
    {
        Assert.Equal(0, RecordValidator.Decimals(46));
        Assert.Equal(1, RecordValidator.Decimals(46.3));
        Assert.Equal(5, RecordValidator.Decimals(46.34168));
        Assert.Equal(15, RecordValidator.Decimals(1e-20));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
