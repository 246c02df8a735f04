using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.Interchange;
using GeoIncidents.Storage.Tests.Store;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Interchange;

/// <summary>
/// Import and export, specified once and run on every backend (one subclass per backend, each test on a fresh store
/// seeded with the shipped data): ACLED CSV, GeoJSON and GeoJSON Sequence imports, all or nothing, idempotent by id;
/// exports that import back to the same records; boundaries with stated source, licence and accuracy.
/// </summary>
public abstract class InterchangeSpecification : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "geoincidents-io-" + Guid.NewGuid().ToString("N")[..12]);
    private IGeoIncidentStore? _store;

    private protected ManualClock Clock { get; } = new(T0);

    private protected IGeoIncidentStore Store => _store ?? throw new InvalidOperationException("the store is not open");

    private protected static string Sample => TestFile("acled-sample.csv");

    private protected static string BadRows => TestFile("acled-bad-rows.csv");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = await OpenStoreAsync(Clock, "a");
        await StoreSeeder.SeedIfEmptyAsync(_store, () => SeedData.Load(clock: Clock), Tester);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await CleanUpAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Opens a new, empty store owned by this test (several per test: <paramref name="name"/> tells them apart).</summary>
    private protected abstract Task<IGeoIncidentStore> OpenStoreAsync(TimeProvider clock, string name);

    /// <summary>Deletes the test's databases.</summary>
    private protected abstract Task CleanUpAsync();

    private protected string TempFile(string name) => Path.Combine(_folder, name);

    private protected static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "Interchange", "TestData", name);

    [ServiceFact]
    public async Task ImportAsync_AcledSample_WritesEveryRowAsOneBatchRevisionNamingTheFile()
    {
        var before = await Store.GetStatisticsAsync();

        var result = await ImportAsync(Sample);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal((7L, 0L), (result.Records, result.BadRecords));
        Assert.Equal(7, result.Batch!.CreatedCount);
        var after = await Store.GetStatisticsAsync();
        Assert.Equal(Count(before, StoreCollection.Incidents) + 7, Count(after, StoreCollection.Incidents));
        Assert.Equal(before.LastRevision!.Id + 1, after.LastRevision!.Id);
        var revision = after.LastRevision;
        Assert.Equal(RevisionAction.Batch, revision.Action);
        Assert.Equal(Sample, revision.Batch!.Name);
        Assert.Equal((await BatchSource.FromFileAsync(Sample)).Sha256, revision.Batch.Sha256);
        Assert.Equal(7, revision.BatchRecordCount);
        var history = await Store.HistoryAsync("ARM9002");
        Assert.Equal(revision.Id, history.Single().Id);
        Assert.Equal(1, history.Single().Revision);
    }

    [ServiceFact]
    public async Task ImportAsync_AcledSample_ConvertsDatesPrecisionsTypesAndAdmin1()
    {
        await ImportAsync(Sample);

        var sotk = await Get("ARM9001");
        var jermuk = await Get("ARM9002");
        var lachin = await Get("AZE9001");
        var agreement = await Get("ARM9003");
        var mine = await Get("ARM9004");

        // ISO and ACLED's "12 May 2021" give the same day; time_precision 2 is the week around the date, 3 the month.
        Assert.Equal(Occurrence.OnDay(new DateOnly(2021, 5, 12)), sotk.Occurred);
        Assert.Equal(Occurrence.OnDay(new DateOnly(2021, 5, 12)), jermuk.Occurred);
        Assert.Equal(Occurrence.Between(new DateOnly(2022, 9, 10), new DateOnly(2022, 9, 16)), lachin.Occurred);
        Assert.Equal(Occurrence.InMonth(2021, 6), agreement.Occurred);

        // geo_precision 1, 2, 3 become ACLED-coded precisions with their radii.
        Assert.Equal((LocationPrecisionScheme.AcledGeoPrecision, 1, 2_000.0), Precision(sotk));
        Assert.Equal((LocationPrecisionScheme.AcledGeoPrecision, 2, 25_000.0), Precision(jermuk));
        Assert.Equal((LocationPrecisionScheme.AcledGeoPrecision, 3, 100_000.0), Precision(lachin));

        Assert.Equal((IncidentType.Clash, IncidentType.Shelling, IncidentType.Agreement, IncidentType.Casualty), (sotk.Type, jermuk.Type, agreement.Type, mine.Type));
        Assert.Equal(GeometryFactories.Wgs84.CreatePoint(new Coordinate(45.9337, 40.2036)), sotk.Geometry);
        Assert.Equal(("AM-GR", "AZ-LAC"), (sotk.Admin1, lachin.Admin1));
        // ARM9004 names an admin1 no region has: the store computes it from the location and keeps ACLED's own text as
        // a tag (the CSV export gives it back). The row's point (46.43, 39.145) lies in Zangilan by the shipped Natural
        // Earth outlines (GDAL's OGR Contains on data/regions/provinces.geojson agrees), ~1 km from Syunik.
        Assert.Equal("AZ-ZAN", mine.Admin1);
        Assert.Contains("admin1=Nowhere", mine.Tags);
        Assert.Contains("country=Armenia", mine.Tags);
        Assert.DoesNotContain(sotk.Tags, t => t.StartsWith("admin1=", StringComparison.Ordinal));
        Assert.Contains("event_type=Battles", sotk.Tags);
        Assert.Contains("sub_event_type=Armed clash", sotk.Tags);
        Assert.Contains("acled_tag=crowd size=no report", mine.Tags);
        Assert.Equal(["Azatutyun", "Ministry of Defence of Armenia"], sotk.Sources.Select(s => s.Publisher).Order(StringComparer.Ordinal));
        Assert.All(sotk.Sources, s => Assert.Equal("ACLED event ARM9001", s.Title));
        Assert.Equal("ACLED", agreement.Sources.Single().Publisher);
        Assert.Equal("On 12 May 2021, Armenian and Azerbaijani forces exchanged fire near Sotk, \"no casualties\" reported.", sotk.Description);
        Assert.Empty(sotk.Warnings);
    }

    [ServiceFact]
    public async Task ImportAsync_GeoJsonIncidentsWithoutAdmin1_GetTheUnitContainingTheirLocation()
    {
        // Known answers: ne_admin1_containing of Kapan and Kalbajar in data/places/places.geojson.
        var file = TempFile("incidents.geojson");
        await File.WriteAllTextAsync(file, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"t-kapan","properties":{"title":"Near Kapan","type":"shelling","occurred":"2021-05-12"},"geometry":{"type":"Point","coordinates":[46.40678,39.20762]}},
             {"type":"Feature","id":"t-kalbajar","properties":{"title":"Near Kalbajar","type":"clash","occurred":"2021-05-12"},"geometry":{"type":"Point","coordinates":[46.04446,40.10984]}},
             {"type":"Feature","id":"t-stated","properties":{"title":"Stated","type":"clash","occurred":"2021-05-12","admin1":"AM-VD"},"geometry":{"type":"Point","coordinates":[45.67112,39.83948]}},
             {"type":"Feature","id":"t-unlocated","properties":{"title":"Unlocated","type":"statement","occurred":"2021-05-12"},"geometry":null}]}
            """);

        var result = await ImportAsync(file);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal(
            ("AM-SU", "AZ-KAL", "AM-VD", (string?)null),
            ((await Get("t-kapan")).Admin1, (await Get("t-kalbajar")).Admin1, (await Get("t-stated")).Admin1, (await Get("t-unlocated")).Admin1));
    }

    [ServiceFact]
    public async Task ImportAsync_ClaimGivenByItsDerivationOnly_IsStoredWithTheAreaItGives()
    {
        // The seeded Armenian MoD claim of 12 May 2021 (a 3.5 km band of Syunik) under new ids, without geometry: the
        // import must store the same area the seeding derived for the original.
        var data = SeedData.Load().Directory;
        var incident = FeatureById(Path.Combine(data, "incidents", "incidents.geojson"), "inc-2021-05-12-sev-lich");
        var claim = FeatureById(Path.Combine(data, "incidents", "claims.geojson"), "clm-2021-05-12-am-mod");
        Assert.Null(claim["geometry"]);
        incident["id"] = "t-sev";
        claim["id"] = "t-sev-am-mod";
        claim["properties"]!["incident"] = "t-sev";
        incident["properties"]!["claims"] = new System.Text.Json.Nodes.JsonArray(claim);
        var file = TempFile("derived.geojson");
        await File.WriteAllTextAsync(file, new System.Text.Json.Nodes.JsonObject { ["type"] = "FeatureCollection", ["features"] = new System.Text.Json.Nodes.JsonArray(incident) }.ToJsonString());

        var result = await ImportAsync(file);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var seeded = (await Store.Claims.GetAsync("clm-2021-05-12-am-mod"))!.Record.Geometry;
        var imported = (await Store.Claims.GetAsync("t-sev-am-mod"))!.Record.Geometry;
        Assert.NotNull(seeded);
        Assert.NotNull(imported);
        Assert.True(seeded.EqualsExact(imported), "the imported claim's area must be the seeded one");
    }

    [ServiceFact]
    public async Task ImportBoundaries_CorridorGivenByItsDerivationOnly_IsStoredWithTheOutlineItGives()
    {
        var zone = FeatureById(Path.Combine(SeedData.Load().Directory, "incidents", "zones.geojson"), "lachin-corridor");
        Assert.Null(zone["geometry"]);
        zone["id"] = "t-corridor";
        var file = TempFile("zones.geojson");
        await File.WriteAllTextAsync(file, new System.Text.Json.Nodes.JsonObject { ["type"] = "FeatureCollection", ["features"] = new System.Text.Json.Nodes.JsonArray(zone) }.ToJsonString());

        var result = await BoundaryImporter.ImportAsync(Store, file, ImportFormat.GeoJson,
            new BoundaryImport(BoundaryLayer.Zones, "Trilateral statement of 10 November 2020", "CC0-1.0", 5000), new ImportOptions { Actor = Tester, Clock = Clock });

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var seeded = (await Store.Zones.GetAsync("lachin-corridor"))!.Record.Geometry;
        var imported = (await Store.Zones.GetAsync("t-corridor"))!.Record.Geometry;
        Assert.NotNull(seeded);
        Assert.NotNull(imported);
        Assert.True(seeded.EqualsExact(imported), "the imported corridor's outline must be the seeded one");
    }

    [ServiceFact]
    public async Task ImportAsync_ClaimDerivationOutsideItsDomain_IsRejectedNamingTheFeatureAndWritesNothing()
    {
        // A band deeper than the method accepts: the derivation cannot be computed, so the file is refused.
        var data = SeedData.Load().Directory;
        var incident = FeatureById(Path.Combine(data, "incidents", "incidents.geojson"), "inc-2021-05-12-sev-lich");
        var claim = FeatureById(Path.Combine(data, "incidents", "claims.geojson"), "clm-2021-05-12-am-mod");
        incident["id"] = "t-deep";
        claim["id"] = "t-deep-claim";
        claim["properties"]!["incident"] = "t-deep";
        claim["properties"]!["derivation"]!["depth_m"] = 150_000; // valid for the model (at most 1,000 km), beyond the metric buffer's 100 km
        incident["properties"]!["claims"] = new System.Text.Json.Nodes.JsonArray(claim);
        var file = TempFile("deep.geojson");
        await File.WriteAllTextAsync(file, new System.Text.Json.Nodes.JsonObject { ["type"] = "FeatureCollection", ["features"] = new System.Text.Json.Nodes.JsonArray(incident) }.ToJsonString());

        var result = await ImportAsync(file);

        Assert.False(result.Accepted);
        Assert.StartsWith("feature 1", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Null(await Store.Incidents.GetAsync("t-deep"));
    }

    /// <summary>A feature of a shipped seed file, its source references dropped (they name the seed's source ids, which an import cannot resolve).</summary>
    private static System.Text.Json.Nodes.JsonObject FeatureById(string file, string id)
    {
        var feature = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!["features"]!.AsArray()
            .Select(f => f!.AsObject()).Single(f => (string?)f["id"] == id).DeepClone().AsObject();
        feature["properties"]!.AsObject().Remove("sources");
        return feature;
    }

    [ServiceFact]
    public async Task ImportAsync_LatLonSwappedRow_IsImportedWithAWarning()
    {
        var result = await ImportAsync(Sample);

        var swapped = await Get("AZE9002");
        Assert.Equal(1, result.WarnedRecords);
        Assert.Contains(swapped.Warnings, w => w.Code == ValidationCodes.LikelyLatLonSwap);
        Assert.Equal(GeometryFactories.Wgs84.CreatePoint(new Coordinate(40.1012, 46.0433)), swapped.Geometry);
    }

    [ServiceFact]
    public async Task ImportAsync_BadRows_RejectsWritesNothingAndNamesEveryBadLine()
    {
        var before = await Store.GetStatisticsAsync();
        var reported = new List<string>();

        var result = await IncidentImporter.ImportAsync(Store, BadRows, ImportFormat.AcledCsv, new ImportOptions { Actor = Tester, Clock = Clock, OnError = reported.Add });

        Assert.False(result.Accepted);
        Assert.Null(result.Batch);
        Assert.Equal((5L, 3L), (result.Records, result.BadRecords));

        // The first record spans lines 2-3 (a quoted note with a line break): the bad records start on lines 4, 5 and 6.
        Assert.Equal(
            ["line 4: latitude: 'forty' is not a number (decimal degrees with a '.')", "line 5: event_date: the event date is required", "line 6: latitude: 95 is out of range (-90 to 90 degrees)"],
            reported);
        Assert.Equal(reported, result.Errors);
        var after = await Store.GetStatisticsAsync();
        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(before.LastRevision!.Id, after.LastRevision!.Id);
        Assert.Null(await Store.Incidents.GetAsync("ARM9101"));
    }

    [ServiceFact]
    public async Task ImportAsync_SameFileTwice_SecondRunWritesNoRevision()
    {
        await ImportAsync(Sample);
        var before = await Store.GetStatisticsAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await ImportAsync(Sample);

        Assert.True(second.Accepted);
        Assert.Equal((0, 0, 7), (second.Batch!.CreatedCount, second.Batch.UpdatedCount, second.Batch.Unchanged));
        Assert.Equal(0, second.Batch.RevisionId);
        var after = await Store.GetStatisticsAsync();
        Assert.Equal(before.LastRevision!.Id, after.LastRevision!.Id);
        Assert.Equal(1, (await Store.Incidents.GetAsync("ARM9001"))!.Revision);
    }

    [ServiceFact]
    public async Task ImportAsync_OneRowChanged_WritesOneRevisionChangingOnlyThatRecord()
    {
        await ImportAsync(Sample);
        var changed = TempFile("acled-changed.csv");
        var text = await File.ReadAllTextAsync(Sample);
        await File.WriteAllTextAsync(changed, text.Replace("Mortar fire reported in the Jermuk direction.", "Mortar and drone fire reported near Jermuk.", StringComparison.Ordinal));
        Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await ImportAsync(changed);

        Assert.Equal((0, 1, 6), (result.Batch!.CreatedCount, result.Batch.UpdatedCount, result.Batch.Unchanged));
        var stored = await Store.Incidents.GetAsync("ARM9002");
        Assert.Equal(2, stored!.Revision);
        Assert.Equal("Mortar and drone fire reported near Jermuk.", stored.Record.Description);
        Assert.Equal(1, (await Store.Incidents.GetAsync("ARM9001"))!.Revision);
        var history = await Store.HistoryAsync("ARM9002");
        Assert.Equal(2, history.Count);
        Assert.Equal((changed, 2), (history[1].Batch!.Name, history[1].Revision));
        Assert.Equal(1, history[1].BatchRecordCount);
    }

    [ServiceFact]
    public async Task ExportGeoJsonThenImport_IntoAnotherStore_GivesTheSameRecords()
    {
        await ImportAsync(Sample);
        var file = TempFile("out.geojson");
        await ExportAsync(file, (p, a) => IncidentExporter.WriteGeoJsonAsync(Store, new RecordQuery(), p, a));

        await AssertRoundTripAsync(file, ImportFormat.GeoJson);
    }

    [ServiceFact]
    public async Task ExportGeoJsonSeqThenImport_IntoAnotherStore_GivesTheSameRecords()
    {
        await ImportAsync(Sample);
        var file = TempFile("out.geojsonl");
        await ExportAsync(file, (p, a) => IncidentExporter.WriteGeoJsonSeqAsync(Store, new RecordQuery(), p, a));

        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(0x1E, bytes[0]);
        Assert.Equal((byte)'\n', bytes[^1]);
        await AssertRoundTripAsync(file, ImportFormat.GeoJsonSeq);
    }

    [ServiceFact]
    public async Task ExportCsvThenImport_IntoAnotherStore_GivesTheSameRecords()
    {
        await ImportAsync(Sample);
        var file = TempFile("out.csv");
        await ExportAsync(file, (p, a) => IncidentExporter.WriteCsvAsync(Store, new RecordQuery(), p));

        await AssertRoundTripAsync(file, ImportFormat.AcledCsv);
    }

    [ServiceFact]
    public async Task ExportCsv_FormulaLikeText_IsNeutralisedAndComesBackOnImport()
    {
        await ImportAsync(Sample);
        var file = TempFile("out.csv");

        await ExportAsync(file, (p, a) => IncidentExporter.WriteCsvAsync(Store, new RecordQuery(), p));

        var lines = await File.ReadAllLinesAsync(file);
        var kapan = lines.Single(l => l.StartsWith("ARM9005,", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://example.invalid\"\")+1 residents protested\",", kapan, StringComparison.Ordinal);
        Assert.DoesNotContain(lines.Skip(1).SelectMany(l => l.Split(',')), cell => cell.Length > 0 && cell[0] is '=' or '+' or '@');
        Assert.Equal([0xEF, 0xBB, 0xBF], (await File.ReadAllBytesAsync(file))[..3]);
        await AssertRoundTripAsync(file, ImportFormat.AcledCsv);
        Assert.Equal("=HYPERLINK(\"http://example.invalid\")+1 residents protested", (await Get("ARM9005")).Description);
    }

    [ServiceFact]
    public async Task ExportGeoJson_CarriesTheAttributionAndLicenceOfTheStoresData()
    {
        var file = TempFile("out.geojson");

        await ExportAsync(file, (p, a) => IncidentExporter.WriteGeoJsonAsync(Store, new RecordQuery(), p, a));

        using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var attribution = doc.RootElement.GetProperty("attribution").GetString()!;
        var license = doc.RootElement.GetProperty("license").GetString()!;
        Assert.Contains("© OpenStreetMap contributors", attribution, StringComparison.Ordinal);
        Assert.Contains("Made with Natural Earth", attribution, StringComparison.Ordinal);
        Assert.Contains("GeoNames", attribution, StringComparison.Ordinal);
        Assert.Contains("ODbL-1.0", license, StringComparison.Ordinal);
        Assert.Contains("CC-BY-4.0", license, StringComparison.Ordinal);
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
    }

    [ServiceFact]
    public async Task ExportGeoJson_WithFilters_HoldsExactlyWhatTheQueryReturns()
    {
        await ImportAsync(Sample);
        var queries = new[]
        {
            new RecordQuery { Bbox = BoundingBox.FromWestSouthEastNorth(45.5, 39.5, 46.0, 40.5) },
            new RecordQuery { DateTime = DateTimeFilter.Between(new DateTimeOffset(2021, 6, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 9, 11, 0, 0, 0, TimeSpan.Zero)) },
            new RecordQuery { Region = "AM-SU" },
        };
        foreach (var query in queries)
        {
            var file = TempFile("filtered.geojson");
            var written = await ExportAsync(file, (p, a) => IncidentExporter.WriteGeoJsonAsync(Store, query, p, a));

            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            var exported = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
            var expected = new List<string>();
            await foreach (var s in Store.Incidents.StreamAsync(query))
            {
                expected.Add(s.Record.Id);
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, exported);
            Assert.Equal(expected.Count, written);
        }
    }

    [ServiceFact]
    public async Task ImportBoundaries_GeoJsonRegion_IsStoredWithTheStatedSourceLicenceAndAccuracy()
    {
        var file = TempFile("regions.geojson");
        await File.WriteAllTextAsync(file, """
            {"type":"FeatureCollection","features":[{"type":"Feature","id":"AM-SU-official",
             "properties":{"kind":"province","name":"Syunik (official)","country":"ARM","accuracy_p95_m":9999},
             "geometry":{"type":"Polygon","coordinates":[[[46.0,39.0],[46.6,39.0],[46.6,39.6],[46.0,39.6],[46.0,39.0]]]}}]}
            """);

        var result = await BoundaryImporter.ImportAsync(Store, file, ImportFormat.GeoJson,
            new BoundaryImport(BoundaryLayer.Regions, "Cadastre of Armenia, 2024", "CC-BY-4.0", 15), new ImportOptions { Actor = Tester, Clock = Clock });

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var region = (await Store.Regions.GetAsync("AM-SU-official"))!.Record;
        Assert.Equal(("Cadastre of Armenia, 2024", "CC-BY-4.0", "AM", RegionKind.Province), (region.Source, region.Licence, region.Country, region.Kind));
        Assert.Equal(15, region.Accuracy.P95.Meters);
        Assert.False(region.Accuracy.Assumed);
        Assert.NotNull(await Store.Regions.GetAsync("AM-SU"));
        Assert.Equal(RevisionAction.Batch, (await Store.HistoryAsync("AM-SU-official")).Single().Action);
    }

    [ServiceFact]
    public async Task ImportBoundaries_ReferenceLineDrawnBackwards_IsReversedSoItsLeftCountryIsOnTheLeft()
    {
        // The shipped ne-10m line was oriented by data/tools/build_reference_lines.py (Armenia on the left of every
        // part); the same line with every part reversed must come back exactly as shipped.
        var shipped = (await Store.ReferenceLines.GetAsync("ne-10m"))!.Record;
        var backwards = shipped.Geometry.Factory.CreateMultiLineString(
            Enumerable.Range(0, shipped.Geometry.NumGeometries).Select(i => (LineString)shipped.Geometry.GetGeometryN(i).Reverse()).ToArray());
        var file = TempFile("line.geojson");
        var feature = new NetTopologySuite.Features.Feature(backwards, new NetTopologySuite.Features.AttributesTable { { "id", "my-border" }, { "name", "My border" } });
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new NetTopologySuite.Features.FeatureCollection { feature }, GeoJsonSerialization.Options));

        var result = await BoundaryImporter.ImportAsync(Store, file, ImportFormat.GeoJson,
            new BoundaryImport(BoundaryLayer.ReferenceLines, "Survey 2024", "CC0-1.0", 50, "AM", "AZ"), new ImportOptions { Actor = Tester, Clock = Clock });

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var note = Assert.Single(result.Notes);
        Assert.Contains("reversed so that AM lies on the left", note, StringComparison.Ordinal);
        var stored = (await Store.ReferenceLines.GetAsync("my-border"))!.Record;
        Assert.True(shipped.Geometry.EqualsExact(stored.Geometry), "every part must run as in the shipped line");
        Assert.Equal(("AM", "AZ", 50.0, false), (stored.LeftCountry, stored.RightCountry, stored.Accuracy.P95.Meters, stored.Accuracy.Assumed));
    }

    [ServiceFact]
    public async Task ImportBoundaries_RegionWithoutKind_IsRejectedNamingTheFeatureAndWritesNothing()
    {
        var file = TempFile("regions.geojson");
        await File.WriteAllTextAsync(file, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"ok","properties":{"kind":"district","name":"Ok","country":"AZ"},"geometry":{"type":"Polygon","coordinates":[[[46,39],[46.1,39],[46.1,39.1],[46,39]]]}},
             {"type":"Feature","id":"no-kind","properties":{"name":"No kind","country":"AZ"},"geometry":{"type":"Polygon","coordinates":[[[46,39],[46.1,39],[46.1,39.1],[46,39]]]}}]}
            """);

        var result = await BoundaryImporter.ImportAsync(Store, file, ImportFormat.GeoJson,
            new BoundaryImport(BoundaryLayer.Regions, "Somewhere", "CC0-1.0", 100), new ImportOptions { Actor = Tester, Clock = Clock });

        Assert.False(result.Accepted);
        Assert.StartsWith("feature 2: properties.kind: required", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Null(await Store.Regions.GetAsync("ok"));
    }

    private protected Task<ImportResult> ImportAsync(string path, IGeoIncidentStore? store = null) =>
        IncidentImporter.ImportAsync(store ?? Store, path, ImportFormats.Resolve(path, null), new ImportOptions { Actor = Tester, Clock = Clock });

    private protected async Task<long> ExportAsync(string file, Func<PipeWriter, ExportAttribution, Task<long>> export)
    {
        var attribution = await ExportAttribution.FromStoreAsync(Store);
        await using var stream = File.Create(file);
        var pipe = PipeWriter.Create(stream);
        var count = await export(pipe, attribution);
        await pipe.CompleteAsync();
        return count;
    }

    private async Task<Incident> Get(string id) => (await Store.Incidents.GetAsync(id))?.Record ?? throw new InvalidOperationException($"no incident {id}");

    private static (LocationPrecisionScheme, int?, double?) Precision(Incident i) =>
        (i.LocationPrecision!.Value.Scheme, i.LocationPrecision.Value.Code, i.LocationPrecision.Value.Radius?.Meters);

    private static long Count(StoreStatistics s, StoreCollection c) => s.Counts.Single(x => x.Collection == c).Active;

    /// <summary>Imports an export into a second seeded store and compares every incident (revision and update time aside).</summary>
    private async Task AssertRoundTripAsync(string file, ImportFormat format)
    {
        await using var other = await OpenStoreAsync(Clock, "b");
        await StoreSeeder.SeedIfEmptyAsync(other, () => SeedData.Load(clock: Clock), Tester);
        var result = await IncidentImporter.ImportAsync(other, file, format, new ImportOptions { Actor = Tester, Clock = Clock });

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var expected = await AllIncidents(Store);
        var actual = await AllIncidents(other);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, record) in expected)
        {
            Assert.Equal(record, actual[id]);
        }
    }

    private static async Task<Dictionary<string, Incident>> AllIncidents(IGeoIncidentStore store)
    {
        var all = new Dictionary<string, Incident>(StringComparer.Ordinal);
        await foreach (var s in store.Incidents.StreamAsync(new RecordQuery { Limit = RecordQuery.MaxLimit }))
        {
            all[s.Record.Id] = s.Record.WithRevision(1, DateTimeOffset.UnixEpoch);
        }

        return all;
    }
}
