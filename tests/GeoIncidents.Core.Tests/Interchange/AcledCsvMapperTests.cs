using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;

namespace GeoIncidents.Core.Tests.Interchange;

public class AcledCsvMapperTests
{
    private static readonly AcledGazetteer Gazetteer = new(SeedData.Load().Regions);

    [Theory]
    [InlineData("2021-05-12")]
    [InlineData("12 May 2021")]
    [InlineData("12 May. 2021")]
    [InlineData(" 12 May 2021 ")]
    [InlineData("12-May-2021")]
    public void TryParseEventDate_IsoAndAcledForms_GiveTheDay(string text)
    {
        Assert.True(AcledCsvMapper.TryParseEventDate(text, out var day));
        Assert.Equal(new DateOnly(2021, 5, 12), day);
    }

    [Theory]
    [InlineData("12/05/2021")]
    [InlineData("2021-13-01")]
    [InlineData("May 2021")]
    [InlineData("")]
    public void TryParseEventDate_OtherText_Fails(string text) => Assert.False(AcledCsvMapper.TryParseEventDate(text, out _));

    [Theory]
    [InlineData("Battles", "Armed clash", IncidentType.Clash)]
    [InlineData("Battles", "Government regains territory", IncidentType.ControlChange)]
    [InlineData("Battles", "Something new", IncidentType.Clash)]
    [InlineData("Explosions/Remote violence", "Shelling/artillery/missile attack", IncidentType.Shelling)]
    [InlineData("Explosions/Remote violence", "Air/drone strike", IncidentType.Shelling)]
    [InlineData("Explosions/Remote violence", "Remote explosive/landmine/IED", IncidentType.Casualty)]
    [InlineData("Violence against civilians", "Abduction/forced disappearance", IncidentType.Detention)]
    [InlineData("Strategic developments", "Arrests", IncidentType.Detention)]
    [InlineData("Strategic developments", "Agreement", IncidentType.Agreement)]
    [InlineData("Strategic developments", "Non-violent transfer of territory", IncidentType.ControlChange)]
    [InlineData("Protests", "Peaceful protest", IncidentType.Other)]
    [InlineData(null, null, IncidentType.Other)]
    public void ToIncidentType_AcledClassification_FollowsTheTable(string? eventType, string? subEventType, IncidentType expected) =>
        Assert.Equal(expected, AcledEventTypes.ToIncidentType(eventType, subEventType));

    [Fact]
    public void FromIncidentType_EveryType_MapsBackToItselfOrOther()
    {
        foreach (var type in Enum.GetValues<IncidentType>())
        {
            var (_, eventType, subEventType) = AcledEventTypes.FromIncidentType(type);
            var back = AcledEventTypes.ToIncidentType(eventType, subEventType);
            Assert.True(back == type || back == IncidentType.Other, $"{type} -> {eventType}/{subEventType} -> {back}");
        }
    }

    [Theory]
    [InlineData("1", "3", "13")]
    [InlineData("3", "1", "13")]
    [InlineData("6", null, "60")]
    [InlineData("x", "1", null)]
    public void Interaction_TwoActorTypes_LowerFirst(string? inter1, string? inter2, string? expected) =>
        Assert.Equal(expected, AcledCsvMapper.Interaction(inter1, inter2));

    [Theory]
    [InlineData("2021-05-12", OccurrencePrecision.Day, "2021-05-12", 1)]
    [InlineData("2022-09-10/2022-09-16", OccurrencePrecision.Day, "2022-09-13", 2)]
    [InlineData("2021-06", OccurrencePrecision.Month, "2021-06-15", 3)]
    [InlineData("2021", OccurrencePrecision.Year, "2021-07-02", 3)]
    [InlineData("2021-01-01/2021-03-31", OccurrencePrecision.Day, "2021-02-14", 3)]
    public void RepresentativeDay_Occurrence_GivesTheMiddleAndAcledTimePrecision(string occurred, OccurrencePrecision precision, string day, int timePrecision) =>
        Assert.Equal((DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), timePrecision), AcledCsvMapper.RepresentativeDay(Occurrence.Parse(occurred, precision)));

    [Theory]
    [InlineData("AM", "Syunik", "AM-SU")]
    [InlineData("AM", "SYUNIK", "AM-SU")]
    [InlineData("AM", "Սյունիք", "AM-SU")]
    [InlineData("AZ", "Lənkəran", null)]
    [InlineData("AZ", "Qazax", "AZ-QAZ")]
    [InlineData("AM", "Qazax", null)]
    [InlineData(null, "Kalbajar", "AZ-KAL")]
    public void Admin1Id_AcledName_ResolvesWithinTheCountry(string? country, string name, string? expected) =>
        Assert.Equal(expected, Gazetteer.Admin1Id(country, name));

    [Fact]
    public void Constructor_HeaderWithoutCoordinates_NamesTheMissingColumns()
    {
        var e = Assert.Throws<InvalidDataException>(() => new AcledCsvMapper(["event_id_cnty", "event_date", "event_type"], Gazetteer));
        Assert.Contains("latitude, longitude", e.Message, StringComparison.Ordinal);
    }
}
