using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgSchemaTests
{
    [Fact]
    public void EnsureTable_FeatureTable_RegistersItAndItsSpatialIndex()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        Assert.Equal("features|Places|Sourced places (test)|2026-11-26T12:00:00.000Z|4326",
            Scalar(connection, "SELECT data_type || '|' || identifier || '|' || description || '|' || last_change || '|' || srs_id FROM gpkg_contents WHERE table_name = 'places'"));
        Assert.Equal("geom|POINT|4326|0|0",
            Scalar(connection, "SELECT column_name || '|' || geometry_type_name || '|' || srs_id || '|' || z || '|' || m FROM gpkg_geometry_columns WHERE table_name = 'places'"));
        Assert.Equal("geom|gpkg_rtree_index|write-only",
            Scalar(connection, "SELECT column_name || '|' || extension_name || '|' || scope FROM gpkg_extensions WHERE table_name = 'places'"));
        Assert.Equal("CREATE VIRTUAL TABLE \"rtree_places_geom\" USING rtree(id, minx, maxx, miny, maxy)",
            Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'rtree_places_geom'"));
        Assert.Equal("rtree_places_geom_delete,rtree_places_geom_insert,rtree_places_geom_update1,rtree_places_geom_update2,rtree_places_geom_update3,rtree_places_geom_update4",
            Scalar(connection, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'places' ORDER BY name)"));
        Assert.Equal(1, Count(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'places_name'"));
    }

    [Fact]
    public void EnsureTable_Columns_UseGeoPackageTypeNamesAndConstraints()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        Assert.Equal(
            "fid INTEGER 1 1;geom POINT 0 0;name TEXT 1 0;population INTEGER 0 0;elevation_m REAL 0 0;founded DATE 0 0;updated DATETIME 1 0;active BOOLEAN 1 0;tags TEXT 0 0;photo BLOB 0 0",
            Scalar(connection, "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || pk, ';') FROM pragma_table_info('places')"));
        Assert.Equal("1", Scalar(connection, "SELECT dflt_value FROM pragma_table_info('places') WHERE name = 'active'"));
        Assert.Equal("tags|application/json;elevation_m|",
            Scalar(connection, "SELECT group_concat(column_name || '|' || coalesce(mime_type, ''), ';') FROM (SELECT * FROM gpkg_data_columns WHERE table_name = 'places' ORDER BY mime_type DESC)"));
        Assert.Equal(2, Count(connection, "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'"));
    }

    [Fact]
    public void EnsureTable_AttributeTable_RegisteredAsAttributesWithoutSrsOrRTree()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Sources());
        using var connection = file.Open();

        Assert.Equal("attributes|sources|1", Scalar(connection, "SELECT data_type || '|' || identifier || '|' || (srs_id IS NULL) FROM gpkg_contents WHERE table_name = 'sources'"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM gpkg_geometry_columns"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree%'"));
    }

    [Fact]
    public void EnsureTable_Existing_ReturnsFalseAndKeepsRows()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        InsertPlace(connection, null, "Goris", PointAt(46.34, 39.51));

        var created = GpkgSchema.EnsureTable(connection, null, Places(), TestClock.Now.AddDays(1));

        Assert.False(created);
        Assert.Equal(1, Count(connection, "SELECT count(*) FROM places"));
        Assert.Equal("2026-11-26T12:00:00.000Z", Scalar(connection, "SELECT last_change FROM gpkg_contents WHERE table_name = 'places'"));
    }

    [Fact]
    public void EnsureTable_RTreeDropped_RebuildsAndRepopulatesIt()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var goris = InsertPlace(connection, null, "Goris", PointAt(46.34, 39.51));
        InsertPlace(connection, null, "Unlocated", null);
        Execute(connection, "DROP TABLE rtree_places_geom");   // as a tool might; the triggers on places stay behind

        GpkgSchema.EnsureTable(connection, null, Places(), TestClock.Now);

        Assert.Equal(goris, Scalar(connection, "SELECT id FROM rtree_places_geom"));
        Assert.Equal(6, Count(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'places'"));
        var later = InsertPlace(connection, null, "Stepanakert", PointAt(46.75, 39.82));
        Assert.Equal(1, Count(connection, $"SELECT count(*) FROM rtree_places_geom WHERE id = {later}"));
    }

    [Fact]
    public void EnsureTable_TriggerDropped_RebuildsTheSpatialIndex()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        Execute(connection, "DROP TRIGGER rtree_places_geom_insert");
        var missed = InsertPlace(connection, null, "inserted while the trigger was gone", PointAt(46.34, 39.51));
        Assert.Null(RTreeIndexTests.RTreeRow(connection, missed));

        GpkgSchema.EnsureTable(connection, null, Places(), TestClock.Now);

        Assert.NotNull(RTreeIndexTests.RTreeRow(connection, missed));
        Assert.Equal(6, Count(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'places'"));
    }

    [Fact]
    public void EnsureTable_ExistingWithOtherGeometryType_Throws()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var asLines = new GpkgFeatureTable("places", GpkgGeometryType.LineString, [new GpkgColumn("name", GpkgColumnType.Text)]);

        var e = Assert.Throws<InvalidOperationException>(() => GpkgSchema.EnsureTable(connection, null, asLines, TestClock.Now));

        Assert.Contains("POINT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureTable_ExistingWithoutADeclaredColumn_ThrowsNamingIt()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Sources());
        using var connection = file.Open();
        var wider = new GpkgAttributeTable("sources", [new GpkgColumn("publisher", GpkgColumnType.Text), new GpkgColumn("language", GpkgColumnType.Text)]);

        var e = Assert.Throws<InvalidOperationException>(() => GpkgSchema.EnsureTable(connection, null, wider, TestClock.Now));

        Assert.Contains("language", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureTable_NotInitialised_Throws()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.Open();

        Assert.Throws<InvalidOperationException>(() => GpkgSchema.EnsureTable(connection, null, Places(), TestClock.Now));
    }

    [Fact]
    public void Insert_BooleanOtherThanZeroOrOne_RejectedByCheck()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        var e = Assert.Throws<SqliteException>(() => Execute(connection, "INSERT INTO places (name, updated, active) VALUES ('x', '2026-11-26T12:00:00.000Z', 2)"));

        Assert.Contains("CHECK", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_InvalidJson_RejectedByCheck()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        Execute(connection, "INSERT INTO places (name, updated, tags) VALUES ('ok', '2026-11-26T12:00:00.000Z', '[\"border\"]')");

        var e = Assert.Throws<SqliteException>(() => Execute(connection, "INSERT INTO places (name, updated, tags) VALUES ('x', '2026-11-26T12:00:00.000Z', '[border')"));

        Assert.Contains("CHECK", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_GeometryThatIsNotABlob_FailsInTheTriggerFunction()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        var e = Assert.Throws<SqliteException>(() => Execute(connection, "INSERT INTO places (geom, name, updated) VALUES (X'0102030405060708', 'x', '2026-11-26T12:00:00.000Z')"));

        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM places"));
    }

    [Fact]
    public void Insert_ConnectionWithoutStFunctions_FailsWithNoSuchFunction()
    {
        // The trap the interceptor and GpkgConnection.Open exist for: plain SQLite cannot write a GeoPackage feature table.
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var plain = new SqliteConnection($"Data Source={file.FilePath};Pooling=False");
        plain.Open();

        var e = Assert.Throws<SqliteException>(() => InsertPlace(plain, null, "Goris", PointAt(46.34, 39.51)));

        Assert.Contains("no such function: ST_IsEmpty", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Func<GpkgTable>, string> InvalidDeclarations => new()
    {
        { () => new GpkgAttributeTable("bad name", []), "not a valid name" },
        { () => new GpkgAttributeTable("1places", []), "not a valid name" },
        { () => new GpkgAttributeTable("gpkg_things", []), "reserved" },
        { () => new GpkgAttributeTable("rtree_things", []), "reserved" },
        { () => new GpkgAttributeTable("t", [new GpkgColumn("a", GpkgColumnType.Text), new GpkgColumn("A", GpkgColumnType.Integer)]), "used twice" },
        { () => new GpkgAttributeTable("t", [new GpkgColumn("fid", GpkgColumnType.Integer)]), "used twice" },
        { () => new GpkgFeatureTable("t", GpkgGeometryType.Point, [new GpkgColumn("geom", GpkgColumnType.Text)]), "used twice" },
        { () => new GpkgAttributeTable("t", [new GpkgColumn("a", GpkgColumnType.Text)], indexes: [new GpkgIndex("t_b", "b")]), "unknown column 'b'" },
        { () => new GpkgAttributeTable("t", [new GpkgColumn("a", GpkgColumnType.Integer) { Default = GpkgDefault.Text("x") }]), "does not suit" },
        { () => new GpkgAttributeTable("t", [new GpkgColumn("a", GpkgColumnType.Boolean) { Default = GpkgDefault.Integer(2) }]), "does not suit" },
        { () => new GpkgFeatureTable("t", (GpkgGeometryType)99, []), "unknown geometry type" },
    };

    [Theory]
    [MemberData(nameof(InvalidDeclarations))]
    public void Declaration_Invalid_ThrowsSayingWhy(Func<GpkgTable> declare, string reason)
    {
        var e = Assert.ThrowsAny<ArgumentException>(declare);

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RTreeTriggerSql_IsTheSpecTemplateWithQuotedNames()
    {
        var triggers = GpkgSchema.RTreeTriggerSql(Places());

        Assert.Equal(6, triggers.Count);
        Assert.Equal(
            "CREATE TRIGGER \"rtree_places_geom_update3\" AFTER UPDATE ON \"places\" WHEN OLD.\"fid\" != NEW.\"fid\" AND (NEW.\"geom\" NOTNULL AND NOT ST_IsEmpty(NEW.\"geom\")) " +
            "BEGIN DELETE FROM \"rtree_places_geom\" WHERE id = OLD.\"fid\"; INSERT OR REPLACE INTO \"rtree_places_geom\" VALUES (NEW.\"fid\", ST_MinX(NEW.\"geom\"), ST_MaxX(NEW.\"geom\"), ST_MinY(NEW.\"geom\"), ST_MaxY(NEW.\"geom\")); END",
            triggers[3]);
    }

    [Fact]
    public void EnsureAcceptable_ChecksTypeSridAndNull()
    {
        var places = Places();
        var regions = Regions();
        var collection = new GpkgFeatureTable("c", GpkgGeometryType.GeometryCollection, []);

        places.EnsureAcceptable(PointAt(46.34, 39.51));
        places.EnsureAcceptable(null);
        collection.EnsureAcceptable(Wkt("MULTIPOINT ((1 2))"));
        Assert.Throws<ArgumentException>(() => places.EnsureAcceptable(Wkt("LINESTRING (0 0, 1 1)")));
        Assert.Throws<ArgumentException>(() => places.EnsureAcceptable(new GeometryFactory().CreatePoint(new Coordinate(1, 2))));
        Assert.Throws<ArgumentException>(() => regions.EnsureAcceptable(null));
        Assert.Throws<ArgumentException>(() => regions.EnsureAcceptable(Wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))")));
        Assert.Equal(GeometryFactories.Wgs84Srid, regions.SrsId);
    }
}
