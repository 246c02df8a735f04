using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgContentsTests
{
    [Fact]
    public void UpdateExtent_RandomRegions_EqualsTheExactEnvelopeNotTheFloat32One()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Regions());
        using var connection = file.Open();
        var random = new Random(1120);
        var all = new Envelope();
        for (var i = 0; i < 300; i++)
        {
            var x = 43.51234567891 + (random.NextDouble() * 4.5);
            var y = 38.31234567891 + (random.NextDouble() * 3);
            var geometry = GeometryFactories.Wgs84.CreateMultiPolygon([GeometryFactories.Wgs84.CreatePolygon([new(x, y), new(x + 0.1, y), new(x, y + 0.1), new(x, y)])]);
            InsertRegion(connection, null, "R" + i, geometry);
            all.ExpandToInclude(geometry.EnvelopeInternal);
        }

        var extent = GpkgContents.UpdateExtent(connection, null, Regions(), TestClock.Now.AddHours(1));

        Assert.Equal(GpkgEnvelope.FromEnvelope(all), extent);
        var (stored, lastChange) = GpkgContents.Read(connection, null, "regions");
        Assert.Equal(extent, stored);
        Assert.Equal(TestClock.Now.AddHours(1), lastChange);
    }

    [Fact]
    public void UpdateExtent_StoredBoundsOrderedOppositeToExactOnes_StillExact()
    {
        // Regression for SQLite's R-tree rounding, which is not monotone: of these two x values (found by scanning
        // around 45.2 with the bundled SQLite), the smaller one gets the larger stored minx (45.2000198 vs 45.2000160).
        // An extent taken from the features with the smallest stored minx alone would report the larger x.
        const double smaller = 45.20002174316701;
        const double larger = 45.200021744167;
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        var a = InsertPlace(connection, null, "smaller x", PointAt(smaller, 39.5));
        var b = InsertPlace(connection, null, "larger x", PointAt(larger, 39.6));
        Assert.True(RTreeIndexTests.RTreeRow(connection, a)!.Value.MinX > RTreeIndexTests.RTreeRow(connection, b)!.Value.MinX,
            "premise: SQLite stores the smaller x with the larger float32 bound");

        var extent = GpkgContents.UpdateExtent(connection, null, Places(), TestClock.Now);

        Assert.Equal(new GpkgEnvelope(smaller, 39.5, larger, 39.6), extent);
    }

    [Fact]
    public void UpdateExtent_AfterDeletingTheOutermostFeature_Shrinks()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        InsertPlace(connection, null, "Goris", PointAt(46.34, 39.51));
        InsertPlace(connection, null, "Kapan", PointAt(46.41, 39.21));
        var far = InsertPlace(connection, null, "far", PointAt(48.9, 41.2));
        InsertPlace(connection, null, "unlocated", null);
        Assert.Equal(new GpkgEnvelope(46.34, 39.21, 48.9, 41.2), GpkgContents.UpdateExtent(connection, null, Places(), TestClock.Now));

        Execute(connection, $"DELETE FROM places WHERE fid = {far}");

        Assert.Equal(new GpkgEnvelope(46.34, 39.21, 46.41, 39.51), GpkgContents.UpdateExtent(connection, null, Places(), TestClock.Now));
    }

    [Fact]
    public void UpdateExtent_NoGeometries_StoresNull()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        InsertPlace(connection, null, "unlocated", null);

        Assert.Null(GpkgContents.UpdateExtent(connection, null, Places(), TestClock.Now));
        Assert.Null(GpkgContents.Read(connection, null, "places").Extent);
    }

    [Fact]
    public void Touch_AttributeTable_SetsLastChangeOnly()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Sources());
        using var connection = file.Open();
        var later = new DateTimeOffset(2027, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(4));

        GpkgContents.Touch(connection, null, Sources(), later);

        Assert.Equal("2027-01-01T23:04:05.678Z", Scalar(connection, "SELECT last_change FROM gpkg_contents WHERE table_name = 'sources'"));
    }

    [Fact]
    public void Touch_UnregisteredTable_Throws()
    {
        using var file = TempGeoPackage.Create();
        using var connection = file.OpenInitialized();

        Assert.Throws<InvalidOperationException>(() => GpkgContents.Touch(connection, null, Sources(), TestClock.Now));
    }
}
