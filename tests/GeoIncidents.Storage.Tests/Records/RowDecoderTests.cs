using FsCheck;
using FsCheck.Fluent;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Tests.Store;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Tests.Records;

/// <summary>
/// The direct row decoder of the query path (<see cref="RowDecoder"/>) against the mapper path it replaces
/// (<see cref="RecordCodec.TryRead"/>, the row written as a GeoJSON feature and read by the model's mapper): valid rows
/// must decode to equal records, and a row the mapper rejects must never be accepted by the direct decoder.
/// </summary>
public class RowDecoderTests
{
    private static readonly StoreTable Table = StoreTables.Incidents;

    private static readonly StoreTable ClaimTable = StoreTables.Claims;

    [Fact]
    public void TryDirect_SeedAndRandomIncidentRows_EqualsTheMapperPathAndTakesTheDirectPath()
    {
        var incidents = SeedData.Load().Incidents.Select(i => i.WithClaims([])).Concat(StoreFixtures.RandomIncidents(500, seed: 11)).ToList();

        var rows = incidents.Select((incident, i) => RowOf(incident, revision: i % 3, updated: StoreFixtures.T0.AddMilliseconds(i * 1234.5678))).ToList();

        foreach (var row in rows)
        {
            var direct = RowDecoder.TryDirect(Table, row);
            Assert.NotNull(direct);
            AssertSame(RecordCodec.Read(Table, row), direct);
        }
    }

    [Fact]
    public void TryDirect_EveryFieldSet_EqualsTheMapperPath()
    {
        var source = Source.Create("s-1", "Publisher \"Ա\"", "Title 😀", new Uri("https://example.org/a?b=1&c=\u00e9"), new DateOnly(2022, 2, 3), "hy", "a quote");
        var derived = Source.Create(Source.DeriveId("P", "T", null, null), "P", "T");
        var incident = Incident.Create("i-1", "Title", IncidentType.Shelling, Occurrence.Parse("2021-05-12T04:30:00Z/2021-05-14"), IncidentStatus.Disputed,
            StoreFixtures.PointAt(46.34, 39.51), LocationPrecision.FromAcledGeoPrecision(2), "AM-SU", "desc", ["a", "Ա"], [source, derived],
            warnings: [Core.Validation.ValidationIssue.Warning(Core.Validation.ValidationCodes.NoSource, "sources", "msg")]);
        var row = RowOf(incident, revision: 7, updated: StoreFixtures.T0);

        var direct = RowDecoder.TryDirect(Table, row);

        Assert.NotNull(direct);
        AssertSame(RecordCodec.Read(Table, row), direct);
        Assert.Equal(7, ((Incident)direct).Revision);
    }

    [Fact]
    public void TryDirect_Polygon_IsReorientedAsTheMapperPathDoes()
    {
        // A clockwise exterior ring: the GeoJSON writer of the mapper path turns it counter-clockwise (RFC 7946).
        var clockwise = GeometryFactories.Wgs84.CreatePolygon([new(46, 39), new(46, 39.1), new(46.1, 39.1), new(46.1, 39), new(46, 39)]);
        var row = RowOf(StoreFixtures.Incident("poly", lon: null, lat: null), revision: 1, updated: StoreFixtures.T0);
        row.Geometry = clockwise;

        var direct = (Incident?)RowDecoder.TryDirect(Table, row);
        var mapper = (Incident)RecordCodec.Read(Table, row);

        Assert.NotNull(direct);
        AssertSame(mapper, direct);
        Assert.False(clockwise.EqualsExact(direct.Geometry));
    }

    /// <summary>Corrupted rows (as another tool could append): whatever the direct decoder accepts, the mapper accepts equally; what it rejects, the mapper rejects with its errors.</summary>
    [FsCheck.Xunit.Property(MaxTest = 400)]
    public Property TryDirect_CorruptedRows_NeverAcceptsWhatTheMapperRejects() =>
        Prop.ForAll(Gen.Choose(0, Mutations.Length - 1).ArrayOf().Select(a => a.Take(3).ToArray()).ToArbitrary(), Gen.Choose(0, 499).ToArbitrary(), (mutations, pick) =>
        {
            var incident = StoreFixtures.RandomIncidents(500, seed: 3)[pick];
            var row = RowOf(incident, revision: 2, updated: StoreFixtures.T0);
            foreach (var m in mutations)
            {
                Mutations[m](row);
            }

            var (record, errors) = RecordCodec.TryRead(Table, row);
            var direct = RowDecoder.TryDirect(Table, row);
            if (direct is not null)
            {
                Assert.True(record is not null, $"mutations {string.Join(",", mutations)}: direct accepted a row the mapper rejects: {string.Join("; ", errors)}");
                AssertSame(record, direct);
            }

            if (record is null)
            {
                var e = Assert.Throws<StoreSchemaException>(() => RowDecoder.Read(Table, row));
                Assert.Contains(errors[0].Message, e.Message, StringComparison.Ordinal);
            }
            else
            {
                AssertSame(record, RowDecoder.Read(Table, row));
            }

            return true;
        });

    [Fact]
    public void TryDirect_EveryMutationAlone_AgreesWithTheMapperOnValidity()
    {
        var incident = StoreFixtures.Incident("inc-m", description: "d");
        for (var m = 0; m < Mutations.Length; m++)
        {
            var row = RowOf(incident, revision: 1, updated: StoreFixtures.T0);
            Mutations[m](row);

            var (record, _) = RecordCodec.TryRead(Table, row);
            var direct = RowDecoder.TryDirect(Table, row);

            Assert.True(direct is null || record is not null, $"mutation {m}: direct accepted a row the mapper rejects");
            if (direct is not null)
            {
                AssertSame(record, direct);
            }
        }
    }

    /// <summary>Column edits, valid and invalid, covering every rule the direct decoder mirrors.</summary>
    private static readonly Action<RecordRow>[] Mutations =
    [
        r => r["type"] = "no-such-type",
        r => r["type"] = null,
        r => r["status"] = null,
        r => r["status"] = "nonsense",
        r => r["occurred"] = null,
        r => r["occurred"] = "2021-13-40",
        r => r["occurred"] = "2021-05",
        r => r["occurred_precision"] = "day",
        r => r["occurred_precision"] = "year",
        r => r["occurred_precision"] = "fortnight",
        r => r["title"] = null,
        r => r["title"] = "  ",
        r => r["title"] = "lone \uD800 surrogate",
        r => r["title"] = "pair 😀",
        r => r["description"] = new string('x', 10_001),
        r => r["admin1"] = "not an id!",
        r => r["location_precision_m"] = 250.0,
        r => r["location_precision_m"] = -1.0,
        r => r["location_precision_m"] = double.NaN,
        r => r["location_precision_code"] = 2L,
        r => r["location_precision_code"] = 99L,
        r => r["location_precision_scheme"] = "acled-geo-precision",
        r => r["location_precision_scheme"] = "radius",
        r => r["location_precision_scheme"] = "ucdp-where-prec",
        r => r["location_precision_scheme"] = "bogus",
        r => r["tags"] = null,
        r => r["tags"] = "null",
        r => r["tags"] = "[]",
        r => r["tags"] = "[1]",
        r => r["tags"] = "{}",
        r => r["tags"] = "[\"a\",\"a\"]",
        r => r["tags"] = "[\" padded \"]",
        r => r["tags"] = "[\"a\"] x",
        r => r["tags"] = "[\"a\"] /* c */",
        r => r["tags"] = "",
        r => r["tags"] = "[\"a\\u00e9\\\"\"]",
        r => r["sources"] = "[\"s1\"]",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\"}]",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\",\"url\":\"not a url\"}]",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\",\"published\":\"2021-1-1\"}]",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\",\"published\":\"2021-01-01\",\"extra\":[1,{\"a\":2}]}]",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\",\"title\":\"U\"}]",
        r => r["sources"] = "[{\"publisher\":1,\"title\":\"T\"}]",
        r => r["sources"] = "[{\"publisher\":\"\",\"title\":\"\"}]",
        r => r["sources"] = "[null]",
        r => r["sources"] = "{\"publisher\":\"P\"}",
        r => r["sources"] = "[{\"id\":\"x\",\"publisher\":\"P\",\"title\":\"T\",\"language\":null,\"quote\":null}]",
        r => r["warnings"] = "[{\"code\":\"c\",\"field\":\"f\",\"message\":\"m\"}]",
        r => r["warnings"] = "[{\"code\":\" \",\"field\":\"f\",\"message\":\"m\"}]",
        r => r["warnings"] = "[{\"code\":\"c\",\"message\":\"m\"}]",
        r => r["warnings"] = "[{\"code\":\"c\",\"field\":3,\"message\":\"m\"}]",
        r => r["warnings"] = "[\"w\"]",
        r => r["warnings"] = "[{\"code\":\"c\",\"message\":\"m\",\"code\":\"d\"}]",
        r => r.Geometry = null,
        r => r.Geometry = GeometryFactories.Wgs84.CreatePoint(),
        r => r.Geometry = GeometryFactories.Wgs84.CreatePoint(new CoordinateZ(46.1, 39.2, 1500)),
        r => r.Geometry = GeometryFactories.Wgs84.CreatePoint(new Coordinate(46.1, 95)),
        r => r.Geometry = GeometryFactories.Wgs84.CreatePoint(new Coordinate(double.NaN, 39)),
        r => r.Geometry = new GeometryFactory(new PrecisionModel(), 3857).CreatePoint(new Coordinate(46.1, 39.2)),
        r => r.Geometry = GeometryFactories.Wgs84.CreateLineString([new(46, 39), new(46.2, 39.3)]),
        r => r.Geometry = GeometryFactories.Wgs84.CreateGeometryCollection([GeometryFactories.Wgs84.CreatePoint(new Coordinate(46, 39))]),
        r => r.Geometry = GeometryFactories.Wgs84.CreateMultiPoint([GeometryFactories.Wgs84.CreatePoint(new Coordinate(46, 39)), GeometryFactories.Wgs84.CreatePoint(new Coordinate(46.5, 39.5))]),
        r => r.Revision = 0,
        r => r.Created = null,
        r => r.Updated = null,
        r => r.Id = string.Empty,
        r => r.Id = "bad id with spaces",
    ];

    [Fact]
    public void TryDirect_SeedAndGeneratedClaimRows_EqualsTheMapperPath()
    {
        var claims = SeedData.Load().Claims.Concat(GeneratedClaims()).ToList();

        foreach (var claim in claims)
        {
            var row = ClaimRowOf(claim, revision: 3, updated: StoreFixtures.T0.AddTicks(12345));
            var direct = RowDecoder.TryDirect(ClaimTable, row);

            // Displacements and derivations are read by the mapper; every other claim takes the direct path.
            Assert.Equal(claim.Displacement is null && claim.Derivation is null, direct is not null);
            AssertSame(RecordCodec.Read(ClaimTable, row), RowDecoder.Read(ClaimTable, row));
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property TryDirect_CorruptedClaimRows_NeverAcceptsWhatTheMapperRejects() =>
        Prop.ForAll(Gen.Choose(0, ClaimMutations.Length - 1).ArrayOf().Select(a => a.Take(3).ToArray()).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), (mutations, pick) =>
        {
            var row = ClaimRowOf(GeneratedClaims()[pick], revision: 2, updated: StoreFixtures.T0);
            foreach (var m in mutations)
            {
                ClaimMutations[m](row);
            }

            var (record, errors) = RecordCodec.TryRead(ClaimTable, row);
            var direct = RowDecoder.TryDirect(ClaimTable, row);
            if (direct is not null)
            {
                Assert.True(record is not null, $"mutations {string.Join(",", mutations)}: direct accepted a claim row the mapper rejects: {string.Join("; ", errors)}");
                AssertSame(record, direct);
            }

            return true;
        });

    private static List<Claim> GeneratedClaims()
    {
        var source = Source.Create("s-2", "Ministry", "Statement", new Uri("https://example.org/x"), new DateOnly(2021, 5, 13), "en", "quote");
        return
        [
            StoreFixtures.Claim("c-1", "inc-1"),
            StoreFixtures.Claim("c-2", "inc-1", occurred: Occurrence.InMonth(2021, 5), geometry: StoreFixtures.PointAt(46.1, 39.2)),
            Claim.Create("c-3", "inc-2", "az-mod", "Shelling of positions", Occurrence.Parse("2021-05-12T04:30:00Z"), new DateOnly(2021, 5, 12),
                StoreFixtures.PointAt(45.9, 39.9), LocationPrecision.FromRadius(Geodesy.Units.Length.FromMeters(500)), sources: [source]),
            Claim.Create("c-4", "inc-2", "am-mod", "Said 😀 \"quoted\"", null, new DateOnly(2020, 11, 10), null, LocationPrecision.FromAcledGeoPrecision(3)),
            Claim.Create("c-5", "inc-3", "am-mod", "Line", Occurrence.OnDay(new DateOnly(2022, 9, 13)), null,
                GeometryFactories.Wgs84.CreateLineString([new(46, 39), new(46.1, 39.05)])),
            Claim.Create("c-6", "inc-3", "az-mod", "Area", null, null,
                GeometryFactories.Wgs84.CreatePolygon([new(46, 39), new(46, 39.1), new(46.1, 39.1), new(46.1, 39), new(46, 39)])),
            Claim.Create("c-7", "inc-4", "am-mod", "With warnings", warnings: [Core.Validation.ValidationIssue.Warning("w", "f", "m")]),
            Claim.Create("c-8", "inc-4", "am-mod", "Two sources", sources: [source, Source.Create("s-3", "P", "T")]),
        ];
    }

    private static readonly Action<RecordRow>[] ClaimMutations =
    [
        r => r["incident"] = null,
        r => r["incident"] = "bad id!",
        r => r["claimant"] = null,
        r => r["asserted"] = null,
        r => r["asserted"] = "lone \uDC00",
        r => r["occurred"] = null,
        r => r["occurred"] = "2021-02-30",
        r => r["occurred"] = "2021",
        r => r["occurred_precision"] = "day",
        r => r["occurred_precision"] = "nonsense",
        r => r["stated_on"] = null,
        r => r["stated_on"] = new DateOnly(1999, 1, 1),
        r => r["displacement"] = "null",
        r => r["displacement"] = "{\"origin\":[46.1,39.2],\"distance_m\":3500,\"azimuth_deg\":90,\"origin_radius_m\":null,\"toward_region\":null}",
        r => r["displacement"] = "[]",
        r => r["derivation"] = "null",
        r => r["derivation"] = " null x",
        r => r["derivation"] = "{\"method\":\"border-band\"}",
        r => r["location_precision_m"] = 10.0,
        r => r["location_precision_code"] = 5L,
        r => r["location_precision_scheme"] = "ucdp-where-prec",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\",\"url\":\"relative/path\"}]",
        r => r["sources"] = "[{\"publisher\":\"P\",\"title\":\"T\"}]",
        r => r["warnings"] = "[{\"code\":\"c\",\"message\":\"\"}]",
        r => r.Geometry = GeometryFactories.Wgs84.CreatePoint(new Coordinate(200, 39)),
        r => r.Geometry = GeometryFactories.Wgs84.CreatePoint(),
        r => r.Revision = null,
        r => r.Id = "",
    ];

    private static ClaimRow ClaimRowOf(Claim claim, int revision, DateTimeOffset updated)
    {
        var row = new ClaimRow { Fid = 1, Created = StoreFixtures.T0, Revision = revision, Updated = updated };
        RecordCodec.Apply(ClaimTable, RecordCodec.FromFeature(ClaimTable, claim), row);
        return row;
    }

    private static IncidentRow RowOf(Incident incident, int revision, DateTimeOffset updated)
    {
        var row = new IncidentRow { Fid = 1, Created = StoreFixtures.T0, Revision = revision, Updated = updated };
        RecordCodec.Apply(Table, RecordCodec.FromIncident(incident), row);
        return row;
    }

    private static void AssertSame(object? expected, object? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected, actual);
        var table = expected is Claim ? ClaimTable : Table;
        Assert.Equal(RecordCodec.SnapshotJson(table, expected), RecordCodec.SnapshotJson(table, actual));
        var (eg, ag) = expected is Claim ec0 ? (ec0.Geometry, ((Claim)actual).Geometry) : (((Incident)expected).Geometry, ((Incident)actual).Geometry);
        var (eu, au) = expected is Claim ec1 ? (ec1.Updated, ((Claim)actual).Updated) : (((Incident)expected).Updated, ((Incident)actual).Updated);
        Assert.Equal(eu?.Offset, au?.Offset);
        AssertSameGeometry(eg, ag);
    }

    private static void AssertSameGeometry(Geometry? expected, Geometry? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        var e = (Geometry: expected, Dummy: 0);
        var a = (Geometry: actual, Dummy: 0);
        Assert.NotNull(a.Geometry);
        Assert.Equal(e.Geometry.SRID, a.Geometry.SRID);
        Assert.Equal(e.Geometry.GeometryType, a.Geometry.GeometryType);
        Assert.True(e.Geometry.EqualsExact(a.Geometry), $"{e.Geometry} vs {a.Geometry}");
        Assert.Equal(e.Geometry.Factory.SRID, a.Geometry.Factory.SRID);
        var ec = e.Geometry.Coordinates;
        var ac = a.Geometry.Coordinates;
        Assert.Equal(ec.Length, ac.Length);
        for (var i = 0; i < ec.Length; i++)
        {
            Assert.Equal(ec[i].Z, ac[i].Z);
            Assert.Equal(ec[i].M, ac[i].M);
        }

        if (e.Geometry is Point ep && a.Geometry is Point ap)
        {
            Assert.Equal(ep.CoordinateSequence.Dimension, ap.CoordinateSequence.Dimension);
            Assert.Equal(ep.CoordinateSequence.Measures, ap.CoordinateSequence.Measures);
        }
    }
}
