using System.Globalization;
using System.IO.Pipelines;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Interchange;
using GeoIncidents.Storage.Tests.Store;
using GeoIncidents.Testing;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Interchange;

/// <summary>
/// Exports and imports checked with GDAL 3.6, an independent reader and writer: ogrinfo/ogr2ogr read every export
/// format, validate_gpkg.py accepts the GeoPackage export and a store after a bulk import, and boundaries come in from
/// files GDAL made (GeoPackage, Shapefile), while projected inputs are refused.
/// </summary>
public sealed class InterchangeGdalTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "geoincidents-iogdal-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ManualClock _clock = new(T0);
    private GeoPackageStore? _store;

    private GeoPackageStore Store => _store!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = await GeoPackageStore.OpenAsync(File("store.gpkg"), _clock, create: true, actor: Tester);
        await StoreSeeder.SeedIfEmptyAsync(_store, () => SeedData.Load(clock: _clock), Tester);
        var result = await IncidentImporter.ImportAsync(_store, Path.Combine(AppContext.BaseDirectory, "Interchange", "TestData", "acled-sample.csv"), ImportFormat.AcledCsv,
            new ImportOptions { Actor = Tester, Clock = _clock });
        Assert.True(result.Accepted);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GdalFact]
    public async Task Ogrinfo_ReadsTheGeoJsonExport()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var file = File("out.geojson");
        var count = await ExportAsync(file, (p, a) => IncidentExporter.WriteGeoJsonAsync(Store, new RecordQuery(), p, a));

        var info = await Ogrinfo(file);

        Assert.Contains("using driver `GeoJSON' successful", info, StringComparison.Ordinal);
        Assert.Contains($"Feature Count: {count}\n", info, StringComparison.Ordinal);
        Assert.Contains("tags: StringList", info, StringComparison.Ordinal);
        Assert.Equal((count, await LocatedCount()), await GdalCount(file));
    }

    [GdalFact]
    public async Task Ogrinfo_ReadsTheGeoJsonSequenceExport()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var file = File("out.geojsonl");
        var count = await ExportAsync(file, (p, a) => IncidentExporter.WriteGeoJsonSeqAsync(Store, new RecordQuery(), p, a));

        var info = await Ogrinfo(file);

        Assert.Contains("using driver `GeoJSONSeq' successful", info, StringComparison.Ordinal);
        Assert.Contains($"Feature Count: {count}\n", info, StringComparison.Ordinal);
        Assert.Equal((count, await LocatedCount()), await GdalCount(file));
    }

    [GdalFact]
    public async Task Ogr2ogr_ReadsTheCsvExportWithPointsFromLatitudeAndLongitude()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var file = File("out.csv");
        var count = await ExportAsync(file, (p, _) => IncidentExporter.WriteCsvAsync(Store, new RecordQuery(), p));
        var geojson = File("from-csv.geojson");

        var run = await ProcessRunner.RunAsync("ogr2ogr", ["-f", "GeoJSON", geojson, file, "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4326"]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var back = GeoJsonSerialization.ReadFeatureCollection(geojson);
        Assert.Equal(count, back.Count);
        var sotk = back.Single(f => (string)f.Attributes["event_id_cnty"] == "ARM9001");
        Assert.Equal((45.9337, 40.2036), (sotk.Geometry.Coordinate.X, sotk.Geometry.Coordinate.Y));
        Assert.Equal("Gegharkunik", sotk.Attributes["admin1"]);
        Assert.Equal("2021-05-12", sotk.Attributes["event_date"]);
        Assert.Null(back.Single(f => (string)f.Attributes["event_id_cnty"] == "inc-2020-09-27-war").Geometry);
    }

    [GdalPythonFact]
    public async Task GeoPackageExport_PassesValidateGpkgAndCarriesTheLicenceAsMetadata()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        var file = File("out.gpkg");
        var attribution = await ExportAttribution.FromStoreAsync(Store);
        var count = await GeoPackageExporter.WriteAsync(Store, new RecordQuery(), file, attribution, _clock);

        var validate = await ProcessRunner.RunAsync(ExternalServices.DebianPython, [ExternalServices.ValidateGpkgScript, file]);
        var info = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-so", "-al", "-mdd", "all", file]);

        Assert.True(validate.ExitCode == 0, validate.StandardOutput + validate.StandardError);
        Assert.True(info.ExitCode == 0, info.StandardError);
        Assert.Contains($"Feature Count: {count}\n", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("sources: String(JSON)", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("© OpenStreetMap contributors", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ODbL-1.0", info.StandardOutput, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(file + "-journal"));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [GdalPythonFact]
    public async Task BulkImport_StoreStaysValidWithItsIndexesTriggersAndExtent()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        var file = File("bulk.csv");
        await WriteRowsAsync(file, 12_500);

        var result = await IncidentImporter.ImportAsync(Store, file, ImportFormat.AcledCsv, new ImportOptions { Actor = Tester, Clock = _clock });
        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        using (var connection = GpkgConnection.Open(Store.Path, readOnly: true, pooling: false))
        {
            Assert.Equal("ok", GpkgFile.Scalar(connection, null, "PRAGMA integrity_check"));
            var indexes = Names(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL");
            Assert.Equal(["ix_incidents_admin1", "ix_incidents_order", "ix_incidents_type", "ix_incidents_unadopted", "ix_incidents_updated", "ux_incidents_id"], indexes);

            // The partial index of rows to adopt is what the adoption query reads, and it is empty after our own import.
            using (var plan = GpkgFile.Command(connection, null, "EXPLAIN QUERY PLAN SELECT fid FROM incidents AS i WHERE i.created IS NULL ORDER BY i.fid"))
            using (var reader = plan.ExecuteReader())
            {
                Assert.True(reader.Read());
                Assert.Contains("USING INDEX ix_incidents_unadopted", reader.GetString(3), StringComparison.Ordinal);
            }

            Assert.Equal(0L, GpkgFile.Scalar(connection, null, "SELECT count(*) FROM incidents INDEXED BY ix_incidents_unadopted WHERE created IS NULL"));
            Assert.Equal(6, Names(connection, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_incidents_geom_%'").Count);
            var located = Convert.ToInt64(GpkgFile.Scalar(connection, null, "SELECT count(*) FROM incidents WHERE geom IS NOT NULL"), CultureInfo.InvariantCulture);
            Assert.Equal(located, Convert.ToInt64(GpkgFile.Scalar(connection, null, "SELECT count(*) FROM rtree_incidents_geom"), CultureInfo.InvariantCulture));
            Assert.Equal(0L, GpkgFile.Scalar(connection, null,
                "SELECT count(*) FROM incidents i JOIN rtree_incidents_geom r ON r.id = i.fid WHERE r.minx > ST_MinX(i.geom) OR r.maxx < ST_MaxX(i.geom) OR r.miny > ST_MinY(i.geom) OR r.maxy < ST_MaxY(i.geom)"));
            Assert.Equal(12_500L + 5 + 7, GpkgFile.Scalar(connection, null, "SELECT seq FROM sqlite_sequence WHERE name = 'incidents'"));
        }

        var validate = await ProcessRunner.RunAsync(ExternalServices.DebianPython, [ExternalServices.ValidateGpkgScript, Store.Path]);
        Assert.True(validate.ExitCode == 0, validate.StandardOutput + validate.StandardError);
        _store = await GeoPackageStore.OpenAsync(Store.Path, _clock, create: false);
        var box = BoundingBox.FromWestSouthEastNorth(45.0, 39.0, 45.5, 39.5);
        var viaIndex = (await Store.Incidents.QueryAsync(new RecordQuery { Bbox = box, Limit = RecordQuery.MaxLimit })).Items.Select(s => s.Record.Id).ToHashSet();
        var everything = new List<Incident>();
        await foreach (var s in Store.Incidents.StreamAsync(new RecordQuery { Limit = RecordQuery.MaxLimit }))
        {
            everything.Add(s.Record);
        }

        Assert.Equal(everything.Where(i => i.Geometry is not null && box.Intersects(i.Geometry)).Select(i => i.Id).ToHashSet(), viaIndex);
    }

    [GdalFact]
    public async Task ImportBoundaries_FromAGeoPackageMadeByOgr2ogr_IsStored()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var geojson = await RegionFileAsync();
        var gpkg = File("regions.gpkg");
        var run = await ProcessRunner.RunAsync("ogr2ogr", ["-f", "GPKG", gpkg, geojson, "-nln", "my_regions"]);
        Assert.True(run.ExitCode == 0, run.StandardError);

        var result = await BoundaryImporter.ImportAsync(Store, gpkg, ImportFormat.GeoPackage, Boundaries(BoundaryLayer.Regions), new ImportOptions { Actor = Tester, Clock = _clock });

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var region = (await Store.Regions.GetAsync("AM-TEST"))!.Record;
        Assert.Equal(("Test province", RegionKind.Province, "AM", "Cadastre"), (region.Name, region.Kind, region.Country, region.Source));
        Assert.Equal(4, region.Geometry.GetGeometryN(0).Coordinates.Length - 1);
    }

    [GdalFact]
    public async Task ImportBoundaries_FromAShapefileMadeByOgr2ogr_IsStoredWithTruncatedFieldNamesMappedBack()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var geojson = File("line.geojson");
        await System.IO.File.WriteAllTextAsync(geojson, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"shp-line","name":"Line from a shapefile","left_country":"AM","right_country":"AZ","valid_from":"2020-11-10"},
             "geometry":{"type":"LineString","coordinates":[[45.95,40.25],[46.05,40.15],[46.10,40.05]]}}]}
            """);
        var shp = File("line.shp");
        var run = await ProcessRunner.RunAsync("ogr2ogr", ["-f", "ESRI Shapefile", shp, geojson]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("left_count", await Ogrinfo(shp), StringComparison.Ordinal);

        var result = await BoundaryImporter.ImportAsync(Store, shp, ImportFormat.Shapefile, Boundaries(BoundaryLayer.ReferenceLines), new ImportOptions { Actor = Tester, Clock = _clock });

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        var line = (await Store.ReferenceLines.GetAsync("shp-line"))!.Record;
        Assert.Equal(("AM", "AZ", new DateOnly(2020, 11, 10)), (line.LeftCountry, line.RightCountry, line.ValidFrom));
        Assert.Equal(3, line.Geometry.NumPoints);
    }

    [GdalFact]
    public async Task ImportBoundaries_ProjectedInputs_AreRefusedWithTheirCrs()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var geojson = await RegionFileAsync();
        var gpkg = File("utm.gpkg");
        var shp = File("utm.shp");
        Assert.Equal(0, (await ProcessRunner.RunAsync("ogr2ogr", ["-f", "GPKG", "-t_srs", "EPSG:32638", gpkg, geojson])).ExitCode);
        Assert.Equal(0, (await ProcessRunner.RunAsync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:32638", shp, geojson])).ExitCode);

        var fromGpkg = await BoundaryImporter.ImportAsync(Store, gpkg, ImportFormat.GeoPackage, Boundaries(BoundaryLayer.Regions), new ImportOptions { Actor = Tester, Clock = _clock });
        var fromShp = await BoundaryImporter.ImportAsync(Store, shp, ImportFormat.Shapefile, Boundaries(BoundaryLayer.Regions), new ImportOptions { Actor = Tester, Clock = _clock });

        Assert.False(fromGpkg.Accepted);
        Assert.Contains("EPSG:32638", Assert.Single(fromGpkg.Errors), StringComparison.Ordinal);
        Assert.Contains("reprojects nothing", fromGpkg.Errors[0], StringComparison.Ordinal);
        Assert.False(fromShp.Accepted);
        Assert.Contains("is not geographic WGS 84", Assert.Single(fromShp.Errors), StringComparison.Ordinal);
        Assert.Null(await Store.Regions.GetAsync("AM-TEST"));
    }

    /// <summary>Writes <paramref name="rows"/> ACLED-style rows around the Armenia–Azerbaijan border (deterministic).</summary>
    internal static async Task WriteRowsAsync(string path, int rows)
    {
        var random = new Random(42);
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync(string.Join(',', AcledCsvMapper.AcledColumns));
        for (var i = 0; i < rows; i++)
        {
            var day = new DateOnly(2021, 1, 1).AddDays(random.Next(0, 1200));
            var lat = (39.0 + (random.NextDouble() * 2)).ToString("F4", CultureInfo.InvariantCulture);
            var lon = (44.8 + (random.NextDouble() * 2)).ToString("F4", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"BLK{i + 1},{day:yyyy-MM-dd},{day.Year},1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),,1,Military Forces of Azerbaijan (2003-),,1,11,,51,Caucasus and Central Asia,Armenia,Syunik,,,Place {i % 97},{lat},{lon},{1 + (i % 3)},Azatutyun,National,\"Row {i}, generated.\",0,,{1_600_000_000 + i}"));
        }
    }

    private static BoundaryImport Boundaries(BoundaryLayer layer) => new(layer, "Cadastre", "CC-BY-4.0", 25);

    private async Task<string> RegionFileAsync()
    {
        var path = File("region.geojson");
        await System.IO.File.WriteAllTextAsync(path, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"AM-TEST","kind":"province","name":"Test province","country":"AM"},
             "geometry":{"type":"Polygon","coordinates":[[[45.0,39.0],[45.5,39.0],[45.5,39.5],[45.0,39.5],[45.0,39.0]]]}}]}
            """);
        return path;
    }

    private async Task<long> ExportAsync(string file, Func<PipeWriter, ExportAttribution, Task<long>> export)
    {
        var attribution = await ExportAttribution.FromStoreAsync(Store);
        await using var stream = System.IO.File.Create(file);
        var pipe = PipeWriter.Create(stream);
        var count = await export(pipe, attribution);
        await pipe.CompleteAsync();
        return count;
    }

    private async Task<long> LocatedCount()
    {
        long n = 0;
        await foreach (var s in Store.Incidents.StreamAsync(new RecordQuery { Limit = RecordQuery.MaxLimit }))
        {
            n += s.Record.Geometry is null ? 0 : 1;
        }

        return n;
    }

    private static async Task<string> Ogrinfo(string file)
    {
        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-so", "-al", file]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.DoesNotContain("ERROR", run.StandardError, StringComparison.Ordinal);
        return run.StandardOutput;
    }

    /// <summary>Features GDAL iterates (not its quick count), and how many of them have a geometry.</summary>
    private static async Task<(long Features, long Located)> GdalCount(string file)
    {
        var run = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-q", file]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var lines = run.StandardOutput.Split('\n');
        return (lines.Count(l => l.StartsWith("OGRFeature(", StringComparison.Ordinal)), lines.Count(l => l.StartsWith("  POINT (", StringComparison.Ordinal)));
    }

    private static List<string> Names(SqliteConnection connection, string sql)
    {
        using var command = GpkgFile.Command(connection, null, sql + " ORDER BY name");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private string File(string name) => Path.Combine(_folder, name);
}
