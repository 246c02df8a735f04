using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

/// <summary>
/// The EF Core path: a context maps the feature table made by <see cref="GpkgSchema"/> (never EnsureCreated), writes
/// through SaveChanges (the R-tree triggers fire through the interceptor's ST_* functions) and reads through
/// FromSqlInterpolated with the R-tree join followed by the exact NTS check.
/// </summary>
public class EntityFrameworkTests
{
    [Fact]
    public void SaveChanges_Insert_TriggersIndexEveryLocatedRow()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using (var context = PlacesContext.Open(file))
        {
            context.Places.AddRange(
                new PlaceRow { Name = "Goris", Geom = PointAt(46.34, 39.51), Updated = TestClock.Now, Tags = """["town"]""" },
                new PlaceRow { Name = "Kapan", Geom = PointAt(46.41, 39.21), Updated = TestClock.Now },
                new PlaceRow { Name = "Unlocated", Geom = null, Updated = TestClock.Now });
            context.SaveChanges();
        }

        using var connection = file.Open();
        Assert.Equal(3, Count(connection, "SELECT count(*) FROM places"));
        Assert.Equal(2, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
        Assert.Equal("2026-11-26T12:00:00.000Z", Scalar(connection, "SELECT updated FROM places WHERE name = 'Goris'"));
        Assert.Equal(GpkgBlob.Write(PointAt(46.34, 39.51)), (byte[])Scalar(connection, "SELECT geom FROM places WHERE name = 'Goris'")!);
    }

    [Fact]
    public void SaveChanges_ReplacedAndMutatedGeometries_UpdateTheRTree()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        long replacedFid, mutatedFid;
        using (var context = PlacesContext.Open(file))
        {
            var replaced = new PlaceRow { Name = "replaced", Geom = PointAt(46.34, 39.51), Updated = TestClock.Now };
            var mutated = new PlaceRow { Name = "mutated", Geom = PointAt(46.41, 39.21), Updated = TestClock.Now };
            context.Places.AddRange(replaced, mutated);
            context.SaveChanges();
            (replacedFid, mutatedFid) = (replaced.Fid, mutated.Fid);

            replaced.Geom = PointAt(44.5, 40.2);

            // Changed in place: the comparer's deep-copy snapshot makes EF see it.
            mutated.Geom!.Coordinate.X = 45.0;
            mutated.Geom.GeometryChanged();
            context.SaveChanges();
        }

        using var connection = file.Open();
        Assert.InRange(RTreeIndexTests.RTreeRow(connection, replacedFid)!.Value.MinX, 44.49999, 44.5);
        Assert.InRange(RTreeIndexTests.RTreeRow(connection, mutatedFid)!.Value.MinX, 44.99999, 45.0);
    }

    [Fact]
    public void SaveChanges_Delete_RemovesTheRTreeRow()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using (var context = PlacesContext.Open(file))
        {
            context.Places.Add(new PlaceRow { Name = "gone", Geom = PointAt(46.34, 39.51), Updated = TestClock.Now });
            context.SaveChanges();
            context.Places.Remove(context.Places.Single());
            context.SaveChanges();
        }

        using var connection = file.Open();
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void FromSqlInterpolated_RTreeCandidatesThenExactCheck_FindsTheBoxsPlaces()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using var context = PlacesContext.Open(file);
        context.Places.AddRange(
            new PlaceRow { Name = "on edge", Geom = PointAt(45.2, 40.0), Updated = TestClock.Now },
            new PlaceRow { Name = "1e-7 outside", Geom = PointAt(45.2 - 1e-7, 40.0), Updated = TestClock.Now },
            new PlaceRow { Name = "inside", Geom = PointAt(45.4, 40.1), Updated = TestClock.Now },
            new PlaceRow { Name = "far", Geom = PointAt(47, 41), Updated = TestClock.Now },
            new PlaceRow { Name = "unlocated", Geom = null, Updated = TestClock.Now });
        context.SaveChanges();
        var bbox = GpkgBoundingBox.FromWestSouthEastNorth(45.2, 39.8, 45.6, 40.3);

        var candidates = context.Places.FromSqlInterpolated(GpkgSpatialQuery.CandidatesSql(Places(), bbox)).AsNoTracking()
            .OrderBy(p => p.Name).ToList();
        var hits = candidates.Where(p => bbox.Intersects(p.Geom!)).Select(p => p.Name).ToList();

        Assert.Equal(new[] { "1e-7 outside", "inside", "on edge" }, candidates.Select(p => p.Name));
        Assert.Equal(new[] { "inside", "on edge" }, hits);
        Assert.All(candidates, p => Assert.Same(GeometryFactories.Wgs84, p.Geom!.Factory));
    }

    [Fact]
    public void UpdateGpkgExtent_InTheSaveChangesTransaction_CommitsOrRollsBackWithTheRows()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using (var context = PlacesContext.Open(file))
        {
            using var transaction = context.Database.BeginTransaction();
            context.Places.Add(new PlaceRow { Name = "Goris", Geom = PointAt(46.34, 39.51), Updated = TestClock.Now });
            context.SaveChanges();
            context.Database.UpdateGpkgExtent(Places(), TestClock.Now);
            transaction.Commit();
        }

        using (var context = PlacesContext.Open(file))
        {
            using var transaction = context.Database.BeginTransaction();
            context.Places.Add(new PlaceRow { Name = "far", Geom = PointAt(48.9, 41.2), Updated = TestClock.Now });
            context.SaveChanges();
            Assert.Equal(new GpkgEnvelope(46.34, 39.51, 48.9, 41.2), context.Database.UpdateGpkgExtent(Places(), TestClock.Now.AddHours(1)));
            transaction.Rollback();
        }

        using var connection = file.Open();
        Assert.Equal((new GpkgEnvelope(46.34, 39.51, 46.34, 39.51), TestClock.Now), GpkgContents.Read(connection, null, "places"));
        Assert.Equal(1, Count(connection, "SELECT count(*) FROM rtree_places_geom"));
    }

    [Fact]
    public void SaveChanges_GeometryWithoutSrid_RejectedBeforeAnythingIsWritten()
    {
        using var file = TempGeoPackage.Create();
        file.CreateWith(Places());
        using (var context = PlacesContext.Open(file))
        {
            context.Places.Add(new PlaceRow { Name = "no SRID", Geom = new GeometryFactory().CreatePoint(new Coordinate(46.34, 39.51)), Updated = TestClock.Now });

            var e = Assert.ThrowsAny<Exception>(() => context.SaveChanges());

            Assert.Contains("SRID 0", (e.InnerException ?? e).Message, StringComparison.Ordinal);
        }

        using var connection = file.Open();
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM places"));
    }

    private sealed class PlaceRow
    {
        public long Fid { get; set; }

        public Point? Geom { get; set; }

        public string Name { get; set; } = string.Empty;

        public DateTimeOffset Updated { get; set; }

        public bool Active { get; set; } = true;

        public string? Tags { get; set; }
    }

    private sealed class PlacesContext(DbContextOptions<PlacesContext> options) : DbContext(options)
    {
        public DbSet<PlaceRow> Places => Set<PlaceRow>();

        public static PlacesContext Open(TempGeoPackage file) =>
            new(new DbContextOptionsBuilder<PlacesContext>().UseGeoPackage(file.FilePath).Options);

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            var place = modelBuilder.Entity<PlaceRow>();
            place.ToTable("places");
            place.HasKey(p => p.Fid);
            place.Property(p => p.Fid).HasColumnName("fid");
            place.Property(p => p.Geom).HasColumnName("geom").HasGpkgGeometryConversion();
            place.Property(p => p.Name).HasColumnName("name");
            place.Property(p => p.Updated).HasColumnName("updated").HasGpkgDateTimeConversion();
            place.Property(p => p.Active).HasColumnName("active");
            place.Property(p => p.Tags).HasColumnName("tags");
        }
    }
}
