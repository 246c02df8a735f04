using GeoIncidents.Storage.GeoPackage;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

/// <summary>Crash safety: a write that fails midway leaves no rows, no R-tree entries and no changed extent.</summary>
public class WriteTransactionTests
{
    [Fact]
    public void InWriteTransaction_FailureMidway_RollsBackRowsRTreeAndExtent()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();
        GpkgConnection.InWriteTransaction(connection, tx =>
        {
            InsertPlace(connection, tx, "Goris", PointAt(46.34, 39.51));
            GpkgContents.UpdateExtent(connection, tx, Places(), TestClock.Now);
        });
        var before = GpkgContents.Read(connection, null, "places");

        var e = Assert.Throws<InvalidOperationException>(() => GpkgConnection.InWriteTransaction(connection, tx =>
        {
            InsertPlace(connection, tx, "Far east", PointAt(48.9, 41.2));
            InsertPlace(connection, tx, "Far west", PointAt(43.4, 38.8));
            GpkgContents.UpdateExtent(connection, tx, Places(), TestClock.Now.AddHours(1));
            Assert.Equal(3, Count(connection, "SELECT count(*) FROM rtree_places_geom", tx));   // visible inside the transaction
            throw new InvalidOperationException("import rejected at row 3");
        }));

        Assert.Equal("import rejected at row 3", e.Message);
        Assert.Equal(1, Count(connection, "SELECT count(*) FROM places"));
        Assert.Equal(1, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
        Assert.Equal(before, GpkgContents.Read(connection, null, "places"));
        Assert.Equal(new GpkgEnvelope(46.34, 39.51, 46.34, 39.51), before.Extent);
    }

    [Fact]
    public void InWriteTransaction_ConstraintViolationMidway_RollsBackEarlierRows()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var connection = file.Open();

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => GpkgConnection.InWriteTransaction(connection, tx =>
        {
            InsertPlace(connection, tx, "Goris", PointAt(46.34, 39.51));
            Execute(connection, "INSERT INTO places (name, updated) VALUES (NULL, '2026-11-26T12:00:00.000Z')", tx);   // name is NOT NULL
        }));

        Assert.Equal(0, Count(connection, "SELECT count(*) FROM places"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void InWriteTransaction_Success_CommitsEverything()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using (var connection = file.Open())
        {
            var fid = GpkgConnection.InWriteTransaction(connection, tx => InsertPlace(connection, tx, "Goris", PointAt(46.34, 39.51)));
            Assert.Equal(1, fid);
        }

        using var reopened = file.Open();
        Assert.Equal(1, Count(reopened, "SELECT count(*) FROM rtree_places_geom"));
    }
}
