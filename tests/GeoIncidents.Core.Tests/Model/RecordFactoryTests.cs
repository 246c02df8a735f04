using GeoIncidents.Core.Model;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Tests.Model;

/// <summary>Errors: what cannot be right is rejected, with every issue naming its field.</summary>
public class RecordFactoryTests
{
    private static readonly Occurrence May12 = Occurrence.OnDay(new DateOnly(2021, 5, 12));

    private static Point LonLat(double lon, double lat) => GeometryFactories.Wgs84.CreatePoint(new Coordinate(lon, lat));

    private static ValidationIssue Single(RecordValidationException ex, string field)
    {
        var issue = Assert.Single(ex.Issues, i => i.Field == field);
        Assert.Equal(ValidationSeverity.Error, issue.Severity);
        return issue;
    }

    [Fact]
    public void ClaimCreate_WithoutClaimant_FailsNamingClaimant()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Claim.Create("c1", "i1", claimantId: "", asserted: "they crossed"));
        Assert.Equal(ValidationCodes.Required, Single(ex, "claimant").Code);
        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("invalid-record", ex.ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3500)]
    public void DisplacementCreate_DistanceNotPositive_FailsNamingDistance(double meters)
    {
        var ex = Assert.Throws<RecordValidationException>(() => Displacement.Create(PointReference.ToPlace("sev-lich"), Length.FromMeters(meters)));
        Assert.Equal(ValidationCodes.OutOfRange, Single(ex, "distance_m").Code);
    }

    [Fact]
    public void IncidentCreate_GeometryWithNaN_FailsNamingGeometry()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", IncidentType.Clash, May12, geometry: LonLat(double.NaN, 39.5)));
        Assert.Equal(ValidationCodes.NotFinite, Single(ex, "geometry").Code);
    }

    [Fact]
    public void IncidentCreate_LatitudeOutOfRange_FailsNamingGeometry()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", IncidentType.Clash, May12, geometry: LonLat(46.3, 95)));
        var issue = Single(ex, "geometry");
        Assert.Equal(ValidationCodes.OutOfRange, issue.Code);
        Assert.Contains("latitude 95", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncidentCreate_GeometryNotSrid4326_FailsNamingGeometry()
    {
        var webMercator = NtsGeometryServices.Instance.CreateGeometryFactory(3857).CreatePoint(new Coordinate(5_158_000, 4_798_000));
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", IncidentType.Clash, May12, geometry: webMercator));
        Assert.Equal(ValidationCodes.WrongSrid, Single(ex, "geometry").Code);
    }

    [Fact]
    public void IncidentCreate_SelfIntersectingPolygon_Fails()
    {
        var bowtie = GeometryFactories.Wgs84.CreatePolygon([new(46, 39), new(46.1, 39.1), new(46.1, 39), new(46, 39.1), new(46, 39)]);
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", IncidentType.Clash, May12, geometry: bowtie));
        Assert.Equal(ValidationCodes.InvalidGeometry, Single(ex, "geometry").Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("a/b")]
    public void IncidentCreate_BadId_FailsNamingId(string id)
    {
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create(id, "x", IncidentType.Clash, May12));
        Single(ex, "id");
    }

    [Fact]
    public void IncidentCreate_UndefinedTypeAndStatus_FailsNamingBoth()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", (IncidentType)99, May12, status: (IncidentStatus)7));
        Assert.Equal(ValidationCodes.UnknownValue, Single(ex, "type").Code);
        Assert.Equal(ValidationCodes.UnknownValue, Single(ex, "status").Code);
    }

    [Fact]
    public void IncidentCreate_SeveralProblems_ReportsThemAllAtOnce()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("", " ", IncidentType.Clash, May12, geometry: LonLat(double.NaN, 1), tags: ["ok", ""]));
        Assert.Equal(["geometry", "id", "tags[1]", "title"], ex.Issues.Select(i => i.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IncidentCreate_ClaimAboutAnotherIncident_Fails()
    {
        var claim = Claim.Create("c1", "other", "am-mod", "x");
        var ex = Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", IncidentType.Clash, May12, claims: [claim]));
        Assert.Equal(ValidationCodes.Inconsistent, Single(ex, "claims[0].incident").Code);
    }

    [Fact]
    public void IncidentCreate_StoredWarningThatIsAnError_Fails()
    {
        var error = ValidationIssue.Error(ValidationCodes.Required, "x", "y");
        Assert.Throws<RecordValidationException>(() => Incident.Create("i1", "x", IncidentType.Clash, May12, warnings: [error]));
    }

    [Fact]
    public void Create_SameArguments_GivesEqualRecords()
    {
        Incident Make() => Incident.Create("i1", "t", IncidentType.Detention, May12, tags: ["a", "b"], sources: [Source.Create("s1", "TASS", "T")], geometry: LonLat(46.2, 39.5));
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make().WithStatus(IncidentStatus.Retracted));
    }

    [Fact]
    public void ZoneCreate_NeitherGeometryNorDerivation_Fails()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Zone.Create("z", "Z", ZoneKind.Corridor, "ru-peacekeepers", new DateOnly(2020, 12, 1)));
        Single(ex, "geometry");
    }

    [Fact]
    public void ZoneCreate_ValidToBeforeValidFrom_Fails()
    {
        var derivation = CorridorDerivation.Create("d", [PointReference.ToPlace("lachin"), PointReference.ToPlace("stepanakert")], Length.FromKilometers(5));
        var ex = Assert.Throws<RecordValidationException>(() => Zone.Create("z", "Z", ZoneKind.Corridor, "p", new DateOnly(2020, 12, 1), validTo: new DateOnly(2020, 11, 1), derivation: derivation));
        Assert.Equal(ValidationCodes.EndBeforeStart, Single(ex, "valid_to").Code);
    }

    [Fact]
    public void CorridorDerivationCreate_OneWaypoint_Fails()
    {
        var ex = Assert.Throws<RecordValidationException>(() => CorridorDerivation.Create("d", [PointReference.ToPlace("lachin")], Length.FromKilometers(5)));
        Single(ex, "centreline");
    }

    [Fact]
    public void BorderBandDerivationCreate_StretchWithoutAnchors_Fails()
    {
        var ex = Assert.Throws<RecordValidationException>(() => BorderBandDerivation.Create("AM-SU", Length.FromKilometers(3.5), ["osm-2020"], Length.FromKilometers(10)));
        Single(ex, "anchor_places");
    }

    [Fact]
    public void SourceCreate_LongQuoteAndRelativeUrl_FailNamingFields()
    {
        var ex = Assert.Throws<RecordValidationException>(() => Source.Create("s", "TASS", "T", new Uri("/politics/1", UriKind.Relative), quote: new string('q', Source.MaxQuoteLength + 1)));
        Single(ex, "quote");
        Single(ex, "url");
    }

    [Fact]
    public void SourceDeriveId_SameCitation_SameId()
    {
        var a = Source.DeriveId("TASS", "Title", new Uri("https://tass.com/x"), new DateOnly(2021, 6, 17));
        Assert.Equal(a, Source.DeriveId(" TASS ", "Title", new Uri("https://tass.com/x"), new DateOnly(2021, 6, 17)));
        Assert.NotEqual(a, Source.DeriveId("TASS", "Title", new Uri("https://tass.com/x"), new DateOnly(2021, 6, 18)));
        Assert.Matches("^src-[0-9a-f]{12}$", a);
    }

    [Fact]
    public void ControlEventCreate_ToItself_Fails()
    {
        var ex = Assert.Throws<RecordValidationException>(() => ControlEvent.Create("e", ControlSubjectKind.Region, "AZ-AGM", "az-gov", new DateOnly(2020, 11, 20), fromPartyId: "az-gov"));
        Single(ex, "to_party");
    }

    [Theory]
    [InlineData("AM-SU", true)]
    [InlineData("ne-10m", true)]
    [InlineData("inc-2021-05-12_sev.lich:1~a", true)]
    [InlineData("", false)]
    [InlineData("é", false)]
    [InlineData("_x", false)]
    public void RecordIdsIsValid_Examples(string id, bool expected) => Assert.Equal(expected, RecordIds.IsValid(id));

    [Fact]
    public void WireNames_KebabCase_RoundTrip()
    {
        Assert.Equal("border-crossing", WireNames.Of(IncidentType.BorderCrossing));
        Assert.Equal("ucdp-where-prec", WireNames.Of(LocationPrecisionScheme.UcdpWherePrec));
        foreach (var t in Enum.GetValues<IncidentType>())
        {
            Assert.True(WireNames.TryParse<IncidentType>(WireNames.Of(t), out var back));
            Assert.Equal(t, back);
        }

        Assert.False(WireNames.TryParse<IncidentType>("Clash", out _)); // case-sensitive
        Assert.False(WireNames.TryParse<IncidentType>("0", out _));
    }
}
