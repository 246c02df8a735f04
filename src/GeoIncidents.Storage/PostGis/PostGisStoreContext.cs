using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GeoIncidents.Storage.PostGis;

/// <summary>
/// The store model on PostgreSQL + PostGIS (Npgsql with the NTS plugin): geometry(…,4326) columns with GiST indexes,
/// timestamptz instants, date dates, JSON as text (kept byte-for-byte as written, like the GeoPackage), ids in the
/// "C" collation so keyset order is ordinal on both backends. The schema is created and upgraded by the EF Core
/// migrations in PostGis/Migrations.
/// </summary>
internal sealed class PostGisStoreContext(DbContextOptions<PostGisStoreContext> options) : StoreDbContext(options)
{
    /// <summary>The options for a connection string (keyword form).</summary>
    public static DbContextOptions<PostGisStoreContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostGisStoreContext>()
            .UseNpgsql(connectionString, o => o.UseNetTopologySuite().MigrationsHistoryTable("__ef_migrations_history"))
            .Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        base.OnModelCreating(modelBuilder);
    }

    protected override void ConfigureTable(EntityTypeBuilder entity, StoreTable table)
    {
        entity.Property(nameof(RecordRow.Id)).UseCollation("C");
        if (table.IsFeature)
        {
            entity.Property(nameof(RecordRow.Geometry)).HasColumnType($"geometry({GeometryTypeName(table.GeometryType!.Value)},4326)");
            entity.HasIndex(nameof(RecordRow.Geometry)).HasMethod("gist").HasDatabaseName($"ix_{table.Name}_geom");
        }
    }

    protected override void ConfigureRevisions(EntityTypeBuilder<RevisionRow> entity) =>
        entity.Property(r => r.RecordId).UseCollation("C");

    private static string GeometryTypeName(GpkgGeometryType type) => type switch
    {
        GpkgGeometryType.Point => "Point",
        GpkgGeometryType.LineString => "LineString",
        GpkgGeometryType.Polygon => "Polygon",
        GpkgGeometryType.MultiPoint => "MultiPoint",
        GpkgGeometryType.MultiLineString => "MultiLineString",
        GpkgGeometryType.MultiPolygon => "MultiPolygon",
        GpkgGeometryType.GeometryCollection => "GeometryCollection",
        _ => "Geometry",
    };
}

/// <summary>For <c>dotnet ef migrations add</c>: the model on a placeholder connection (never opened).</summary>
internal sealed class PostGisDesignTimeFactory : IDesignTimeDbContextFactory<PostGisStoreContext>
{
    public PostGisStoreContext CreateDbContext(string[] args) => new(PostGisStoreContext.Options("Host=localhost;Database=geoincidents"));
}
