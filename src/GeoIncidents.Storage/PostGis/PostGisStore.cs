using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoIncidents.Storage.PostGis;

/// <summary>
/// The store on PostgreSQL 15+ with PostGIS 3 (for servers; several service instances can share it): the same
/// tables and columns as the GeoPackage store, geometry(…,4326) with GiST indexes, spatial filters executed in SQL
/// (<c>ST_Intersects</c> with the bbox or the region's outline, translated from NTS LINQ), the schema created and
/// upgraded by EF Core migrations, optimistic concurrency on the revision column.
/// </summary>
public sealed class PostGisStore : EfStore
{
    private readonly PooledDbContextFactory<PostGisStoreContext> _contexts;

    private PostGisStore(string connectionString, TimeProvider clock)
        : base(clock, new StoreDescription(StoreBackend.PostGis, Describe(connectionString))) =>
        _contexts = new PooledDbContextFactory<PostGisStoreContext>(PostGisStoreContext.Options(connectionString), ContextPoolSize);

    /// <summary>
    /// Opens the store in a database. A database without the store's tables is created and migrated when
    /// <paramref name="create"/> is true; a database whose store schema is older than this program must be migrated
    /// first (<c>db migrate</c>). Rows another tool inserted (no <c>created</c> time) are adopted.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Database=…</c>).</param>
    /// <param name="clock">The clock for revision times.</param>
    /// <param name="create">Create the schema (and the database) when missing.</param>
    /// <param name="actor">Who adopts foreign rows, if any (default: the current OS user).</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="StoreSchemaException">The database has no store and <paramref name="create"/> is false, needs <c>db migrate</c>, or is newer than this program.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached.</exception>
    public static async Task<PostGisStore> OpenAsync(string connectionString, TimeProvider clock, bool create = true, StoreActor? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(clock);
        var store = new PostGisStore(connectionString, clock);
        await using (var db = store.CreateContext())
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            var known = db.Database.GetMigrations().ToList();
            if (applied.Count == 0)
            {
                if (!create)
                {
                    throw new StoreSchemaException($"no store in {store.Description.Location} (run `geoincidents db init`)");
                }

                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (applied.Except(known).Any())
            {
                throw new StoreSchemaException($"{store.Description.Location} has migrations this program does not know ({string.Join(", ", applied.Except(known))}): upgrade geoincidents");
            }
            else if (known.Except(applied).Any())
            {
                throw new StoreSchemaException($"{store.Description.Location} needs schema migrations ({string.Join(", ", known.Except(applied))}): run `geoincidents db migrate`");
            }
        }

        await store.AdoptForeignRowsAsync(actor ?? StoreActor.CurrentUser, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Applies every pending migration (creating the database and schema when missing), then adopts foreign rows (<c>db migrate</c>).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="actor">Who migrates.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The store schema version before and after, the migrations applied, and the rows adopted or left invalid.</returns>
    /// <exception cref="NpgsqlException">The server cannot be reached.</exception>
    public static async Task<(int Before, int After, IReadOnlyList<string> Applied, int Adopted, int Invalid)> MigrateAsync(string connectionString, TimeProvider clock, StoreActor actor, CancellationToken cancellationToken = default)
    {
        await using var store = new PostGisStore(connectionString, clock);
        int before;
        List<string> pending;
        await using (var db = store.CreateContext())
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            before = applied.Count == 0 ? 0 : await ReadSchemaVersionAsync(db, cancellationToken).ConfigureAwait(false);
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        var (adopted, invalid) = await store.AdoptForeignRowsAsync(actor, cancellationToken).ConfigureAwait(false);
        await using var check = store.CreateContext();
        return (before, await ReadSchemaVersionAsync(check, cancellationToken).ConfigureAwait(false), pending, adopted, invalid);
    }

    /// <summary><c>host:port/database</c> of a connection string (never the password).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The location.</returns>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    /// <inheritdoc />
    private protected override bool SpatialFiltersAreExact => true;

    /// <summary>A context from the store's pool (EF Core context pooling: no model and service set-up per query); disposing it returns it.</summary>
    private protected override StoreDbContext CreateContext() => _contexts.CreateDbContext();

    private protected override IQueryable<TRow> BboxPrefilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, BoundingBox box)
    {
        var envelope = box.ToGeometry();
        return rows.Where(r => r.Geometry != null && r.Geometry.Intersects(envelope));
    }

    private protected override IQueryable<TRow> RegionPrefilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreTable table, string regionId, Geometry regionGeometry) =>
        table.Collection == StoreCollection.Incidents
            ? rows.Where(r => EF.Property<string>(r, "admin1") == regionId || (r.Geometry != null && r.Geometry.Intersects(regionGeometry)))
            : rows.Where(r => r.Geometry != null && r.Geometry.Intersects(regionGeometry));

    private protected override Task AfterWriteAsync(StoreDbContext db, IReadOnlyCollection<StoreTable> touched, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private protected override async Task<long> InsertBatchRevisionAsync(StoreDbContext db, BatchRevision revision, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
        command.Parameters.AddWithValue("actor", revision.Actor.Value);
        command.Parameters.AddWithValue("at", revision.At.ToUniversalTime());
        command.Parameters.AddWithValue("source", revision.Source.Name);
        command.Parameters.AddWithValue("sha", revision.Source.Sha256);
        command.Parameters.AddWithValue("count", revision.RecordCount);

        // {"collection": {"created": {id: revision}, "updated": {id: revision}}}, collections by wire name; the created
        // ids come from the rows themselves (json_object_agg), so they never pass through managed memory.
        var members = new List<string>();
        foreach (var collection in BatchCollections(revision))
        {
            var table = StoreTables.Of(collection);
            var parts = new List<string>();
            var n = members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (revision.CreatedAfterFid.TryGetValue(table, out var after))
            {
                command.Parameters.AddWithValue("f" + n, after);
                parts.Add($"'created', (SELECT coalesce(json_object_agg(id, revision ORDER BY fid), '{{}}'::json) FROM \"{table.Name}\" WHERE fid > @f{n} AND created = @at)");
            }

            if (revision.Updated.TryGetValue(collection, out var updated) && updated.Count > 0)
            {
                command.Parameters.AddWithValue("u" + n, System.Text.Json.JsonSerializer.Serialize(updated));
                parts.Add($"'updated', @u{n}::json");
            }

            members.Add($"'{collection.WireName()}', json_build_object({string.Join(", ", parts)})");
        }

        var records = members.Count == 0 ? "'{}'" : $"json_build_object({string.Join(", ", members)})::text";
        command.CommandText = "INSERT INTO revisions (action, actor, at, batch_source, batch_sha256, batch_records, batch_count) " +
                              $"VALUES ('batch', @actor, @at, @source, @sha, {records}, @count) RETURNING fid";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private protected override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
