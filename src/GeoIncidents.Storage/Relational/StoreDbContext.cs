using GeoIncidents.Storage.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GeoIncidents.Storage.Relational;

/// <summary>
/// The store's EF Core model, shared by both backends: one entity per table of <see cref="StoreTables"/> (bookkeeping
/// columns typed, the record's columns as indexer properties named as its GeoJSON properties), the revision log and
/// the store metadata. Each backend adds its column types, converters and indexes in <see cref="ConfigureTable"/>.
/// </summary>
internal abstract class StoreDbContext : DbContext
{
    /// <summary>The table holding the store's own metadata (schema version).</summary>
    public const string MetaTable = "geoincidents_meta";

    /// <summary>The revision log table.</summary>
    public const string RevisionsTable = "revisions";

    protected StoreDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<RevisionRow> Revisions => Set<RevisionRow>();

    /// <summary>True when searchable tables have a stored <c>search_text</c> column (see <see cref="EfStore.StoresSearchText"/>).</summary>
    protected virtual bool StoresSearchText => true;

    public DbSet<MetaRow> Meta => Set<MetaRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var table in StoreTables.All)
        {
            var e = modelBuilder.Entity(table.RowType);
            e.ToTable(table.Name);
            e.HasKey(nameof(RecordRow.Fid));
            e.Property(nameof(RecordRow.Fid)).HasColumnName("fid");
            e.Property(nameof(RecordRow.Id)).HasColumnName("id").IsRequired();
            e.HasIndex(nameof(RecordRow.Id)).IsUnique().HasDatabaseName($"ux_{table.Name}_id");
            e.Property(nameof(RecordRow.Revision)).HasColumnName("revision").IsConcurrencyToken();
            e.Property(nameof(RecordRow.Created)).HasColumnName("created");
            e.Property(nameof(RecordRow.Updated)).HasColumnName("updated");
            e.Property(nameof(RecordRow.Retracted)).HasColumnName("retracted");
            e.HasIndex(nameof(RecordRow.Updated)).HasDatabaseName($"ix_{table.Name}_updated");
            if (table.Temporal)
            {
                e.Property(nameof(RecordRow.TimeStart)).HasColumnName("time_start");
                e.Property(nameof(RecordRow.TimeEnd)).HasColumnName("time_end");
            }
            else
            {
                e.Ignore(nameof(RecordRow.TimeStart));
                e.Ignore(nameof(RecordRow.TimeEnd));
            }

            if (table.OrderedByTime)
            {
                e.HasIndex(nameof(RecordRow.TimeStart), nameof(RecordRow.Id)).HasDatabaseName($"ix_{table.Name}_order");
            }

            if (table.Searchable && StoresSearchText)
            {
                e.Property(nameof(RecordRow.SearchText)).HasColumnName("search_text");
            }
            else
            {
                e.Ignore(nameof(RecordRow.SearchText));
            }

            if (table.IsFeature)
            {
                e.Property(nameof(RecordRow.Geometry)).HasColumnName("geom");
            }
            else
            {
                e.Ignore(nameof(RecordRow.Geometry));
            }

            foreach (var column in table.Columns)
            {
                e.IndexerProperty(column.ClrType, column.Name).HasColumnName(column.Name);
            }

            foreach (var (name, columns) in SecondaryIndexes(table))
            {
                e.HasIndex(columns).HasDatabaseName(name);
            }

            ConfigureTable(e, table);
        }

        var revisions = modelBuilder.Entity<RevisionRow>();
        revisions.ToTable(RevisionsTable);
        revisions.HasKey(r => r.Fid);
        revisions.Property(r => r.Fid).HasColumnName("fid");
        revisions.Property(r => r.Collection).HasColumnName("collection");
        revisions.Property(r => r.RecordId).HasColumnName("record_id");
        revisions.Property(r => r.Revision).HasColumnName("revision");
        revisions.Property(r => r.Action).HasColumnName("action").IsRequired();
        revisions.Property(r => r.Actor).HasColumnName("actor").IsRequired();
        revisions.Property(r => r.At).HasColumnName("at");
        revisions.Property(r => r.ChangedFields).HasColumnName("changed_fields");
        revisions.Property(r => r.Snapshot).HasColumnName("snapshot");
        revisions.Property(r => r.BatchSource).HasColumnName("batch_source");
        revisions.Property(r => r.BatchSha256).HasColumnName("batch_sha256");
        revisions.Property(r => r.BatchRecords).HasColumnName("batch_records");
        revisions.Property(r => r.BatchCount).HasColumnName("batch_count");
        revisions.HasIndex(r => r.RecordId).HasDatabaseName("ix_revisions_record_id");
        revisions.HasIndex(r => r.Action).HasDatabaseName("ix_revisions_action");
        ConfigureRevisions(revisions);

        var meta = modelBuilder.Entity<MetaRow>();
        meta.ToTable(MetaTable);
        meta.HasKey(m => m.Fid);
        meta.Property(m => m.Fid).HasColumnName("fid");
        meta.Property(m => m.Key).HasColumnName("key").IsRequired();
        meta.Property(m => m.Value).HasColumnName("value");
        meta.HasIndex(m => m.Key).IsUnique().HasDatabaseName("ux_geoincidents_meta_key");
        ConfigureMeta(meta);
    }

    /// <summary>Secondary indexes beyond id, updated and the ordering index: the columns the filters use.</summary>
    public static IEnumerable<(string Name, string[] Columns)> SecondaryIndexes(StoreTable table) => table.Collection switch
    {
        Core.Storage.StoreCollection.Incidents => [("ix_incidents_admin1", ["admin1"]), ("ix_incidents_type", ["type"])],
        Core.Storage.StoreCollection.Claims => [("ix_claims_incident", ["incident"]), ("ix_claims_claimant", ["claimant"])],
        _ => [],
    };

    /// <summary>Backend column types and conversions of one record table.</summary>
    protected abstract void ConfigureTable(EntityTypeBuilder entity, StoreTable table);

    /// <summary>Backend column types and conversions of the revision log.</summary>
    protected abstract void ConfigureRevisions(EntityTypeBuilder<RevisionRow> entity);

    /// <summary>Backend column types of the metadata table.</summary>
    protected virtual void ConfigureMeta(EntityTypeBuilder<MetaRow> entity)
    {
    }
}
