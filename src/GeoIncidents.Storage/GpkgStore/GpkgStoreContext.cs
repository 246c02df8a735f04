using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.GpkgStore;

/// <summary>An R-tree row of a feature table's spatial index (<c>rtree_&lt;table&gt;_geom</c>), queried as the bbox prefilter.</summary>
/// <typeparam name="TRow">The feature table's row type (one entity type per table).</typeparam>
internal sealed class RTreeRow<TRow>
    where TRow : RecordRow
{
    public long Id { get; set; }

    public double MinX { get; set; }

    public double MaxX { get; set; }

    public double MinY { get; set; }

    public double MaxY { get; set; }
}

/// <summary>
/// The store model on a GeoPackage file (SQLite provider): geometries as GeoPackage blobs, instants as GeoPackage
/// DATETIME text (UTC, milliseconds; sortable as text), dates as DATE text, plus the R-tree virtual tables as
/// read-only entities. Tables are created by <see cref="GpkgStoreSchema"/>, never by EF Core.
/// </summary>
internal sealed class GpkgStoreContext(DbContextOptions<GpkgStoreContext> options) : StoreDbContext(options)
{
    /// <inheritdoc />
    protected override bool StoresSearchText => false;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasDbFunction(typeof(GpkgTextSearch).GetMethod(nameof(GpkgTextSearch.Contains))!).HasName(GpkgTextSearch.FunctionName);
        foreach (var table in StoreTables.All.Where(t => t.IsFeature))
        {
            var rtree = modelBuilder.Entity(typeof(RTreeRow<>).MakeGenericType(table.RowType));
            rtree.ToTable(GpkgStoreSchema.FeatureDeclaration(table).RTreeName);
            rtree.HasKey("Id");
            rtree.Property("Id").HasColumnName("id");
            rtree.Property("MinX").HasColumnName("minx");
            rtree.Property("MaxX").HasColumnName("maxx");
            rtree.Property("MinY").HasColumnName("miny");
            rtree.Property("MaxY").HasColumnName("maxy");
        }
    }

    protected override void ConfigureTable(EntityTypeBuilder entity, StoreTable table)
    {
        foreach (var name in new[] { nameof(RecordRow.Created), nameof(RecordRow.Updated) })
        {
            entity.Property(name).HasConversion(new GpkgDateTimeConverter());
        }

        if (table.Temporal)
        {
            entity.Property(nameof(RecordRow.TimeStart)).HasConversion(new GpkgDateTimeConverter());
            entity.Property(nameof(RecordRow.TimeEnd)).HasConversion(new GpkgDateTimeConverter());
        }

        if (table.IsFeature)
        {
            entity.Property(nameof(RecordRow.Geometry)).HasConversion(new GpkgGeometryConverter<Geometry>(), new GpkgGeometryComparer<Geometry>());
        }

        foreach (var column in table.Columns.Where(c => c.Kind == ColumnKind.Date))
        {
            entity.Property(column.Name).HasConversion(new GpkgDateConverter());
        }
    }

    protected override void ConfigureRevisions(EntityTypeBuilder<RevisionRow> entity) =>
        entity.Property(r => r.At).HasConversion(new GpkgDateTimeConverter());
}
