using FsCheck;
using FsCheck.Fluent;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Validation;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Tests.Store;

namespace GeoIncidents.Storage.Tests.Records;

/// <summary>
/// The direct incident encoder of large imports must give the very column values of the general path through the
/// GeoJSON feature: stored rows are compared text for text (idempotent re-import), whichever path wrote them.
/// </summary>
public class RecordCodecIncidentTests
{
    [Fact]
    public void FromIncident_SeedAndRandomIncidents_EqualsThePathThroughTheFeature()
    {
        var incidents = SeedData.Load().Incidents.Select(i => i.WithClaims([])).Concat(StoreFixtures.RandomIncidents(500, seed: 7)).ToList();

        foreach (var incident in incidents)
        {
            AssertSameImage(incident);
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property FromIncident_ArbitraryText_EqualsThePathThroughTheFeature() =>
        Prop.ForAll(Texts().ToArbitrary(), Texts().ToArbitrary(), (title, quote) =>
        {
            var source = Source.Create("s-1", "Publisher \"" + quote + "\"", title, new Uri("https://example.org/a?b=1&c=\u00e9"), new DateOnly(2022, 2, 3), "hy", quote.Length == 0 ? null : quote);
            var incident = Incident.Create("i-1", title, IncidentType.Shelling, Occurrence.Parse("2021-05-12T04:30:00Z/2021-05-14"), IncidentStatus.Disputed,
                StoreFixtures.PointAt(46.34, 39.51), LocationPrecision.FromRadius(Geodesy.Units.Length.FromMeters(1234.5)), "AM-SU", quote.Length == 0 ? null : quote,
                ["t=" + quote.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "Ա"], [source],
                warnings: [ValidationIssue.Warning(ValidationCodes.NoSource, "sources", "msg " + quote)]);
            AssertSameImage(incident);
            return true;
        });

    private static Gen<string> Texts() =>
        Gen.Elements("a", "Ա", "ə", "\"", "\\", "<", ">", "&", "'", "\u2028", "😀", "é", " ", "x", "/")
            .ArrayOf()
            .Select(parts => "T" + string.Concat(parts).Trim() + "T");

    private static void AssertSameImage(Incident incident)
    {
        var direct = RecordCodec.FromIncident(incident);
        var general = RecordCodec.FromFeature(StoreTables.Incidents, incident);
        Assert.Equal(general.Id, direct.Id);
        Assert.Equal(general.Geometry, direct.Geometry);
        Assert.Equal(general.Values.Length, direct.Values.Length);
        for (var i = 0; i < general.Values.Length; i++)
        {
            Assert.True(Equals(general.Values[i], direct.Values[i]), $"{StoreTables.Incidents.Columns[i].Name}: '{general.Values[i]}' vs '{direct.Values[i]}'");
        }
    }
}
