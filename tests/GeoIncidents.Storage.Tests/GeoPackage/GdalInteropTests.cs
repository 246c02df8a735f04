using System.Globalization;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Testing;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

/// <summary>
/// Files made by this layer, checked by GDAL 3.6 (an independent GeoPackage implementation): GDAL's validator,
/// ogrinfo's view of layers, fields, SRS, counts and extents, its use of the R-tree, and GDAL writing into our file.
/// </summary>
public class GdalInteropTests
{
    private const string Licence = """{"license":"ODbL-1.0","attribution":"© OpenStreetMap contributors"}""";

    [GdalPythonFact]
    public async Task SampleFile_PassesGdalValidateGpkgWithExtraChecks()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        using var file = TempGeoPackage.Create("sample.gpkg");
        BuildSample(file);
        TempGeoPackage.ReleaseForExternalTool();

        // The sample holds no empty geometry on purpose: GDAL 3.6.2's validate_gpkg.py reads the empty flag from bit 3
        // instead of bit 4 of the header flags (Req 152) and so rejects every correctly flagged empty geometry, GDAL's
        // own included. Blobs_WrittenByGdal_ReadBackAndEmptyBytesMatch checks our empties against GDAL's bytes instead.
        var result = await ProcessRunner.RunAsync(ExternalServices.DebianPython,
            [ExternalServices.ValidateGpkgScript, "-k", "--extra", "--warning-as-error", file.FilePath]);

        Assert.True(result.ExitCode == 0, $"validate_gpkg.py exit {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
    }

    [GdalPythonFact]
    public async Task Initialize_FileMadeByGdal_KeepsGdalsLayerAndTakesOurs()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        using var file = TempGeoPackage.Create("gdal-made.gpkg");
        var seed = Path.Combine(file.DirectoryPath, "seed.geojson");
        await File.WriteAllTextAsync(seed, """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.5, 40.2]}, "properties": {"label": "Yerevan"}}]}
            """);
        var made = await ProcessRunner.RunAsync("ogr2ogr", ["-f", "GPKG", file.FilePath, seed, "-nln", "gdal_layer"]);
        Assert.True(made.ExitCode == 0, made.StandardError);

        using (var connection = file.OpenInitialized())
        {
            Assert.Equal(10200L, Scalar(connection, "PRAGMA user_version"));   // GDAL 3.6 writes 1.2; kept
            GpkgConnection.InWriteTransaction(connection, tx =>
            {
                GpkgSchema.EnsureTable(connection, tx, Places(), TestClock.Now);
                InsertPlace(connection, tx, "Goris", PointAt(46.34, 39.51));
                GpkgContents.UpdateExtent(connection, tx, Places(), TestClock.Now);
            });
        }

        TempGeoPackage.ReleaseForExternalTool();
        var validation = await ProcessRunner.RunAsync(ExternalServices.DebianPython, [ExternalServices.ValidateGpkgScript, "-k", "--extra", file.FilePath]);
        var listing = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-so", file.FilePath]);

        Assert.True(validation.ExitCode == 0, validation.StandardOutput + validation.StandardError);
        var layers = SplitLayers(listing.StandardOutput);
        AssertLine(layers["gdal_layer"], "Feature Count: 1");
        AssertLine(layers["gdal_layer"], "label: String (0.0)");
        AssertLine(layers["places"], "Feature Count: 1");
    }

    [GdalFact]
    public async Task SampleFile_OgrinfoListsEveryLayerWithFieldsGeometrySrsCountAndExtent()
    {
        ExternalServices.Gdal.EnsureAvailable();
        using var file = TempGeoPackage.Create("sample.gpkg");
        var extents = BuildSample(file);
        TempGeoPackage.ReleaseForExternalTool();

        var result = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-al", "-so", file.FilePath]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.DoesNotContain("Warning", result.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ERROR", result.StandardError, StringComparison.Ordinal);
        var layers = SplitLayers(result.StandardOutput);
        Assert.Equal(["places", "regions", "sources"], layers.Keys.Order());

        var places = layers["places"];
        AssertLine(places, "Geometry: Point");
        AssertLine(places, "Feature Count: 3");
        AssertLine(places, ExtentLine(extents.Places));
        Assert.Contains("ID[\"EPSG\",4326]", string.Join('\n', places), StringComparison.Ordinal);
        AssertLine(places, "FID Column = fid");
        AssertLine(places, "Geometry Column = geom");
        AssertLine(places, "name: String (0.0) NOT NULL");
        AssertLine(places, "population: Integer64 (0.0)");
        AssertLine(places, "elevation_m: Real (0.0)");
        AssertLine(places, "founded: Date (0.0)");
        AssertLine(places, "updated: DateTime (0.0) NOT NULL");
        AssertLine(places, "active: Integer(Boolean) (0.0) NOT NULL DEFAULT 1");
        AssertLine(places, "tags: String(JSON) (0.0)");
        AssertLine(places, "photo: Binary (0.0)");

        var regions = layers["regions"];
        AssertLine(regions, "Geometry: Multi Polygon");
        AssertLine(regions, "Feature Count: 2");
        AssertLine(regions, ExtentLine(extents.Regions));
        Assert.Contains("ID[\"EPSG\",4326]", string.Join('\n', regions), StringComparison.Ordinal);
        AssertLine(regions, "Geometry Column NOT NULL = geom");
        AssertLine(regions, "code: String (0.0) UNIQUE NOT NULL");
        AssertLine(regions, "kind: String (0.0) NOT NULL DEFAULT 'province'");

        var sources = layers["sources"];
        AssertLine(sources, "Geometry: None");
        AssertLine(sources, "Feature Count: 2");
        AssertLine(sources, "publisher: String (0.0) NOT NULL");
        AssertLine(sources, "published: DateTime (0.0)");
    }

    [GdalFact]
    public async Task SampleFile_OgrinfoShowsTheLicenceMetadata()
    {
        ExternalServices.Gdal.EnsureAvailable();
        using var file = TempGeoPackage.Create("sample.gpkg");
        BuildSample(file);
        TempGeoPackage.ReleaseForExternalTool();

        var dataset = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-so", file.FilePath]);
        var layer = await ProcessRunner.RunAsync("ogrinfo", ["-ro", "-so", file.FilePath, "places"]);

        Assert.Contains("GPKG_METADATA_ITEM_1=" + Licence, dataset.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("GPKG_METADATA_ITEM_1=Place coordinates: GeoNames (geonames.org), CC BY 4.0", layer.StandardOutput, StringComparison.Ordinal);
    }

    [GdalFact]
    public async Task OgrinfoSpat_UsesTheRTreeAndCountsExactly()
    {
        ExternalServices.Gdal.EnsureAvailable();
        using var file = TempGeoPackage.Create("sample.gpkg");
        BuildSample(file);
        TempGeoPackage.ReleaseForExternalTool();

        // Goris (46.34 39.51) and Kapan (46.41 39.21) are inside; Jermuk (45.67 39.84) is not.
        var result = await ProcessRunner.RunAsync("ogrinfo",
            ["-ro", "-so", "--debug", "on", "-spat", "46.0", "39.0", "46.5", "39.6", file.FilePath, "places"]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("Feature Count: 2", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("rtree_places_geom", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleFile_IntegrityAndForeignKeyChecksAreClean()
    {
        using var file = TempGeoPackage.Create("sample.gpkg");
        BuildSample(file);
        using var connection = file.Open();

        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Null(Scalar(connection, "PRAGMA foreign_key_check"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM pragma_foreign_key_check"));
    }

    [GdalFact]
    public async Task Ogr2OgrAppend_FeaturesReadBackAndIndexedByOurTriggers()
    {
        ExternalServices.Gdal.EnsureAvailable();
        using var file = TempGeoPackage.Create("sample.gpkg");
        BuildSample(file);
        TempGeoPackage.ReleaseForExternalTool();
        var add = Path.Combine(file.DirectoryPath, "add.geojson");
        await File.WriteAllTextAsync(add, """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.0123456789, 39.3456789012]},
               "properties": {"name": "Sisian", "updated": "2026-11-27T08:30:00Z", "population": 14894}},
              {"type": "Feature", "geometry": null,
               "properties": {"name": "Unlocated", "updated": "2026-11-27T08:31:00Z"}}
            ]}
            """);

        var result = await ProcessRunner.RunAsync("ogr2ogr", ["-update", "-append", file.FilePath, add, "-nln", "places"]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var connection = file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT fid, geom, updated, population, active FROM places WHERE name = 'Sisian'";
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            var fid = reader.GetInt64(0);
            var geometry = GpkgBlob.Read(reader.GetFieldValue<byte[]>(1));
            Assert.True(geometry.EqualsExact(PointAt(46.0123456789, 39.3456789012)), geometry.AsText());
            Assert.Same(GeometryFactories.Wgs84, geometry.Factory);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero), GpkgDateTime.Parse(reader.GetString(2)));
            Assert.Equal(14894, reader.GetInt64(3));
            Assert.Equal(1, reader.GetInt64(4));   // our DEFAULT applied
            var box = RTreeIndexTests.RTreeRow(connection, fid);
            Assert.NotNull(box);
            Assert.InRange(46.0123456789 - box.Value.MinX, 0, 1e-5);
        }

        Assert.Equal(5, Count(connection, "SELECT count(*) FROM places"));
        Assert.Equal(4, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
        var hits = GpkgSpatialQuery.FindIntersecting(connection, null, Places(), GpkgBoundingBox.FromWestSouthEastNorth(46.0, 39.3, 46.1, 39.4));
        Assert.Equal(["Sisian"], hits.Select(h => (string)Scalar(connection, $"SELECT name FROM places WHERE fid = {h.Fid}")!));
    }

    [GdalPythonFact]
    public async Task Blobs_WrittenByGdal_ReadBackAndEmptyBytesMatch()
    {
        ExternalServices.GdalPython.EnsureAvailable();
        using var file = TempGeoPackage.Create("gdal.gpkg");
        string[] wkts =
        [
            "POINT (46.34 39.51)", "LINESTRING (46.3 39.49,46.4 39.53)", "POLYGON ((46 39,46.5 39,46.5 39.5,46 39))",
            "MULTIPOINT ((46.34 39.51),(45.2 40.1))", "MULTIPOLYGON (((46 39,46.5 39,46.5 39.5,46 39)),((45 40,45.2 40,45.2 40.2,45 40)))",
            "GEOMETRYCOLLECTION (POINT (1 2),LINESTRING (0 0,1 1))",
            "POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY",
        ];
        var script = $$"""
            from osgeo import ogr, osr
            ogr.UseExceptions()
            ds = ogr.GetDriverByName('GPKG').CreateDataSource(r'{{file.FilePath}}')
            srs = osr.SpatialReference(); srs.ImportFromEPSG(4326)
            layer = ds.CreateLayer('t', srs, ogr.wkbUnknown)
            for wkt in {{"[" + string.Join(", ", wkts.Select(w => "'" + w + "'")) + "]"}}:
                f = ogr.Feature(layer.GetLayerDefn()); f.SetGeometry(ogr.CreateGeometryFromWkt(wkt)); layer.CreateFeature(f)
            ds = None
            """;

        var result = await ProcessRunner.RunAsync(ExternalServices.DebianPython, ["-c", script]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var connection = new SqliteConnection($"Data Source={file.FilePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT geom FROM t ORDER BY fid";
        using var reader = command.ExecuteReader();
        foreach (var wkt in wkts)
        {
            Assert.True(reader.Read());
            var blob = reader.GetFieldValue<byte[]>(0);
            var expected = Wkt(wkt);
            var geometry = GpkgBlob.Read(blob);
            Assert.True(geometry.EqualsExact(expected), $"{wkt}: read {geometry.AsText()}");
            Assert.Equal(4326, geometry.SRID);
            Assert.Equal(expected.IsEmpty ? null : GpkgEnvelope.FromEnvelope(expected.EnvelopeInternal), GpkgBlob.ReadEnvelope(blob));
            if (expected.IsEmpty)
            {
                Assert.Equal(Convert.ToHexString(blob), Convert.ToHexString(GpkgBlob.Write(expected)));
            }
        }
    }

    /// <summary>The sample: a POINT table, a MULTIPOLYGON table and an attribute table with rows, extents and licence metadata.</summary>
    internal static (GpkgEnvelope Places, GpkgEnvelope Regions) BuildSample(TempGeoPackage file)
    {
        file.CreateWith(Places(), Regions(), Sources());
        using var connection = file.Open();
        return GpkgConnection.InWriteTransaction(connection, tx =>
        {
            var goris = InsertPlace(connection, tx, "Goris", PointAt(46.34, 39.51));
            Execute(connection, $"""
                UPDATE places SET population = 20591, elevation_m = 1388.5, founded = '1876-05-01', tags = '["town","syunik"]',
                  photo = X'89504E470D0A1A0A' WHERE fid = {goris}
                """, tx);
            InsertPlace(connection, tx, "Kapan", PointAt(46.41, 39.21));
            InsertPlace(connection, tx, "Jermuk", PointAt(45.67, 39.84));
            InsertRegion(connection, tx, "AM-SU", Wkt("MULTIPOLYGON (((45.9 38.8, 46.6 38.8, 46.6 39.9, 45.9 39.9, 45.9 38.8)))"));
            InsertRegion(connection, tx, "AM-VD", Wkt("MULTIPOLYGON (((45.0 39.5, 45.9 39.5, 45.9 40.0, 45.0 40.0, 45.0 39.5)), ((44.8 39.6, 44.9 39.6, 44.9 39.7, 44.8 39.6)))"));
            Execute(connection, """
                INSERT INTO sources (publisher, url, published, quote) VALUES
                  ('Ministry of Defence', 'https://example.org/a', '2021-05-13T06:00:00.000Z', 'quoted text'),
                  ('News agency', NULL, NULL, NULL)
                """, tx);
            var places = GpkgContents.UpdateExtent(connection, tx, Places(), TestClock.Now)!.Value;
            var regions = GpkgContents.UpdateExtent(connection, tx, Regions(), TestClock.Now)!.Value;
            GpkgContents.Touch(connection, tx, Sources(), TestClock.Now);
            GpkgMetadata.AddForGeoPackage(connection, tx, GpkgMetadataScope.Dataset, "http://purl.org/dc/terms/", "application/json", Licence, TestClock.Now);
            GpkgMetadata.AddForTable(connection, tx, Places(), GpkgMetadataScope.FeatureType, "http://purl.org/dc/terms/", "text/plain",
                "Place coordinates: GeoNames (geonames.org), CC BY 4.0", TestClock.Now);
            return (places, regions);
        });
    }

    private static void AssertLine(List<string> layer, string expected) =>
        Assert.True(layer.Contains(expected), $"ogrinfo did not print '{expected}' for the layer:\n{string.Join('\n', layer)}");

    private static string ExtentLine(GpkgEnvelope e) => string.Create(CultureInfo.InvariantCulture,
        $"Extent: ({e.MinX:F6}, {e.MinY:F6}) - ({e.MaxX:F6}, {e.MaxY:F6})");

    private static Dictionary<string, List<string>> SplitLayers(string ogrinfo)
    {
        var layers = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var raw in ogrinfo.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Layer name: ", StringComparison.Ordinal))
            {
                current = [];
                layers[line["Layer name: ".Length..]] = current;
            }

            current?.Add(line);
        }

        return layers;
    }
}
