using System.Text.Json;
using System.Threading.Channels;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.Records;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Relational;

/// <summary>
/// The store logic shared by both backends, on EF Core: record sets, writes with revisions and optimistic
/// concurrency, batches, history and statistics. A backend supplies its context, its spatial prefilters and what
/// must follow a write (GeoPackage: extents).
/// </summary>
public abstract class EfStore : IGeoIncidentStore
{
    /// <summary>The store schema version this program writes.</summary>
    public const int CurrentSchemaVersion = 1;

    private readonly IRecordSet[] _sets;

    private protected EfStore(TimeProvider clock, StoreDescription description)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Description = description;
        Incidents = new EfRecordSet<Incident, IncidentRow>(this);
        Claims = new EfRecordSet<Claim, ClaimRow>(this);
        Regions = new EfRecordSet<Region, RegionRow>(this);
        ReferenceLines = new EfRecordSet<ReferenceLine, ReferenceLineRow>(this);
        Zones = new EfRecordSet<Zone, ZoneRow>(this);
        Places = new EfRecordSet<Place, PlaceRow>(this);
        Parties = new EfRecordSet<Party, PartyRow>(this);
        Sources = new EfRecordSet<Source, SourceRow>(this);
        ControlEvents = new EfRecordSet<ControlEvent, ControlEventRow>(this);
        ApiKeys = new EfRecordSet<ApiKey, ApiKeyRow>(this);
        _sets = [Incidents, Claims, Regions, ReferenceLines, Zones, Places, Parties, Sources, ControlEvents, ApiKeys];
    }

    /// <summary>The store's clock (revision times, <c>updated</c>).</summary>
    public TimeProvider Clock { get; }

    /// <inheritdoc />
    public StoreDescription Description { get; }

    /// <inheritdoc />
    public IRecordSet<Incident> Incidents { get; }

    /// <inheritdoc />
    public IRecordSet<Claim> Claims { get; }

    /// <inheritdoc />
    public IRecordSet<Region> Regions { get; }

    /// <inheritdoc />
    public IRecordSet<ReferenceLine> ReferenceLines { get; }

    /// <inheritdoc />
    public IRecordSet<Zone> Zones { get; }

    /// <inheritdoc />
    public IRecordSet<Place> Places { get; }

    /// <inheritdoc />
    public IRecordSet<Party> Parties { get; }

    /// <inheritdoc />
    public IRecordSet<Source> Sources { get; }

    /// <inheritdoc />
    public IRecordSet<ControlEvent> ControlEvents { get; }

    /// <inheritdoc />
    public IRecordSet<ApiKey> ApiKeys { get; }

    /// <summary>True when the spatial prefilters are exact (PostGIS); false when rows must be re-checked with NTS (GeoPackage R-tree).</summary>
    private protected abstract bool SpatialFiltersAreExact { get; }

    /// <inheritdoc />
    public IRecordSet Set(StoreCollection collection) => _sets[(int)collection];

    /// <inheritdoc />
    public async Task<BatchResult> WriteBatchAsync(IAsyncEnumerable<RecordWrite> writes, BatchSource source, StoreActor actor, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(source.Name) || source.Name.Length > 1000 || source.Sha256 is not { Length: 64 })
        {
            throw new ArgumentException("a batch source has a name (1–1000 characters) and a SHA-256 of 64 hex digits", nameof(source));
        }

        await using var db = CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var prepared = await PrepareBatchConnectionAsync(db, source, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await BeginBatchAsync(db, cancellationToken).ConfigureAwait(false);
            var session = new WriteSession(this, db, Clock.GetUtcNow(), actor) { Bulk = true };
            using var encoding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var encoded = Channel.CreateBounded<List<PreparedWrite>>(new BoundedChannelOptions(EncodeQueueCapacity) { SingleReader = true, SingleWriter = true });
            var encoder = Task.Run(() => EncodeAsync(writes, encoded.Writer, PrepareImage, StoresSearchText, encoding.Token), encoding.Token);
            try
            {
                var ledger = new BatchLedger();
                long count = 0;
                await foreach (var chunk in encoded.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    count = await ApplyChunkAsync(session, chunk, ledger, count, progress, cancellationToken).ConfigureAwait(false);
                }

                await encoder.ConfigureAwait(false);
                await session.FinishAsync(cancellationToken).ConfigureAwait(false);
                var created = ledger.CreatedCounts.Where(kv => kv.Value > 0)
                    .ToDictionary(kv => StoreTables.Of(kv.Key), kv => session.FidsBefore[StoreTables.Of(kv.Key)]);
                var revision = new BatchRevision(actor, session.Now, source, ledger.CreatedTotal + ledger.UpdatedTotal, created, ledger.UpdatedIds)
                {
                    CreatedCounts = ledger.CreatedCounts,
                    CreatedIds = session.CreatedIds,
                    CreatedThenChanged = ledger.CreatedThenChanged,
                };

                // A batch that changed nothing (the same file again) leaves no trace: no revision entry.
                var revisionId = revision.RecordCount == 0 ? 0 : await InsertBatchRevisionAsync(db, revision, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(count);
                return ledger.ToResult(revisionId);
            }
            catch
            {
                await encoding.CancelAsync().ConfigureAwait(false);
                try
                {
                    await encoder.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The batch's own failure is what the caller sees.
                }

                throw;
            }
            finally
            {
                session.DisposeInserters();
            }
        }
        finally
        {
            // After the transaction is committed or rolled back.
            EndBatch(db, prepared);
        }
    }

    /// <summary>How many chunks of encoded writes (<see cref="BatchChunkSize"/> each) may wait for the writing loop.</summary>
    private const int EncodeQueueCapacity = 1;

    /// <summary>
    /// The first stage of a batch, on its own thread: reads the writes and encodes their records into row images
    /// (<see cref="RecordCodec.FromRecord"/>: pure, no database), so that the writing loop only looks up, binds and
    /// inserts. An encoding failure travels with its write and is thrown when the write is applied, in order.
    /// Exceptions of the input itself (e.g. an import's reader rejecting the file) complete the queue with that error.
    /// </summary>
    private static async Task EncodeAsync(IAsyncEnumerable<RecordWrite> writes, ChannelWriter<List<PreparedWrite>> output, Action<StoreTable, RowImage> prepare, bool storesSearchText, CancellationToken ct)
    {
        try
        {
            // Handed over a chunk at a time: one hand-over per write woke the writing thread for almost every row.
            var chunk = new List<PreparedWrite>(BatchChunkSize);
            await foreach (var write in writes.WithCancellation(ct).ConfigureAwait(false))
            {
                RowImage? image = null;
                Exception? error = null;
                if (write.Record is { } record)
                {
                    try
                    {
                        if (StoreCollections.Of(record.GetType()) == write.Collection)
                        {
                            var table = StoreTables.Of(write.Collection);
                            image = RecordCodec.FromRecord(table, record);
                            if (table.Searchable && storesSearchText)
                            {
                                image.SetSearchText(WriteSession.SearchTextOf(record));
                            }

                            prepare(table, image);
                        }
                    }
                    catch (Exception ex) when (ex is StoreException or ArgumentException or InvalidOperationException)
                    {
                        error = ex;
                    }

                }

                chunk.Add(new PreparedWrite(write, image, error));
                if (chunk.Count == BatchChunkSize)
                {
                    await output.WriteAsync(chunk, ct).ConfigureAwait(false);
                    chunk = new List<PreparedWrite>(BatchChunkSize);
                }
            }

            if (chunk.Count > 0)
            {
                await output.WriteAsync(chunk, ct).ConfigureAwait(false);
            }

            output.TryComplete();
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
        }
    }

    /// <summary>How many writes of a batch are prefetched, applied and saved together.</summary>
    private const int BatchChunkSize = 64;

    private static async Task<long> ApplyChunkAsync(WriteSession session, List<PreparedWrite> chunk, BatchLedger ledger, long count, IProgress<long>? progress, CancellationToken ct)
    {
        await session.PrefetchAsync(chunk.ConvertAll(p => p.Write), ct).ConfigureAwait(false);
        for (var i = 0; i < chunk.Count; i++)
        {
            var (write, image, error) = chunk[i];

            // Released as soon as applied: the rest of the chunk is all that a garbage collection finds alive here.
            chunk[i] = default;
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            var outcome = await session.ApplyAsync(write, ct, image).ConfigureAwait(false);
            var table = StoreTables.Of(write.Collection);
            ledger.Record(write, outcome, outcome.Row.Fid == 0 || outcome.Row.Fid > session.FidsBefore[table]);
        }

        count += chunk.Count;
        chunk.Clear();
        await session.FlushAsync(ct).ConfigureAwait(false);
        progress?.Report(count);
        return count;
    }

    /// <summary>
    /// Computes what the backend's bulk inserter binds for a row (<see cref="RowImage.Encoded"/>), on the batch's
    /// encoding thread, so that the writing loop only binds and inserts (GeoPackage: UTF-8 text and geometry blob).
    /// Called for every record of a batch; pure (no database). Default: nothing.
    /// </summary>
    /// <param name="table">The row's table.</param>
    /// <param name="image">The row image (its search text set when the table is searchable).</param>
    private protected virtual void PrepareImage(StoreTable table, RowImage image)
    {
    }

    /// <summary>A write with its record's row image computed ahead (or the error computing it raised).</summary>
    private readonly record struct PreparedWrite(RecordWrite Write, RowImage? Image, Exception? Error);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RevisionEntry>> HistoryAsync(string id, StoreCollection? collection = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var db = CreateContext();
        var wire = collection?.WireName();
        var quoted = "\"" + id + "\"";
        var rows = await db.Revisions.AsNoTracking()
            .Where(r => (r.RecordId == id && (wire == null || r.Collection == wire))
                        || ((r.Action == "batch" || r.Action == "adopted") && r.BatchRecords!.Contains(quoted)))
            .OrderBy(r => r.Fid)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<RevisionEntry>();
        foreach (var row in rows)
        {
            if (row.RecordId is not null)
            {
                entries.Add(ToEntry(row));
                continue;
            }

            // A batch names the id somewhere: keep it only when it lists the record, and say which revision it gave.
            foreach (var (c, number) in BatchMembership(row.BatchRecords!, id))
            {
                if (collection is null || collection == c)
                {
                    entries.Add(ToEntry(row) with { Collection = c, RecordId = id, Revision = number });
                }
            }
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        var counts = new List<CollectionCount>();
        foreach (var table in StoreTables.All)
        {
            var (active, retracted) = await CountStatesAsync(db, table, cancellationToken).ConfigureAwait(false);
            counts.Add(new CollectionCount(table.Collection, active, retracted));
        }

        var last = await db.Revisions.AsNoTracking().OrderByDescending(r => r.Fid).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var version = await ReadSchemaVersionAsync(db, cancellationToken).ConfigureAwait(false);
        return new StoreStatistics(version, counts, last is null ? null : ToEntry(last));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases backend resources (pooled connections).</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>How many disposed contexts each store keeps for reuse (EF Core context pooling).</summary>
    private protected const int ContextPoolSize = 32;

    /// <summary>A context for one operation (short-lived; disposing it releases it).</summary>
    private protected abstract StoreDbContext CreateContext();

    /// <summary>Narrows rows to candidates intersecting the box (exact on PostGIS, an R-tree superset on GeoPackage).</summary>
    private protected abstract IQueryable<TRow> BboxPrefilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, BoundingBox box)
        where TRow : RecordRow;

    /// <summary>
    /// True when the backend stores each searchable row's lower-cased text (<c>search_text</c>, kept by the write
    /// session); false when <see cref="TextFilter"/> folds the text columns in SQL instead (GeoPackage).
    /// </summary>
    internal virtual bool StoresSearchText => true;

    /// <summary>
    /// Narrows rows to those whose text contains <paramref name="needle"/> (already trimmed and lower-cased, invariant):
    /// an incident's title, description and the assertions of its current claims; a claim's assertion. Default: the
    /// stored <c>search_text</c>.
    /// </summary>
    private protected virtual IQueryable<TRow> TextFilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreCollection collection, string needle)
        where TRow : RecordRow => rows.Where(r => r.SearchText != null && r.SearchText.Contains(needle));

    /// <summary>Narrows rows to candidates in the region: geometry intersects its outline, or (incidents) admin1 equals its id.</summary>
    private protected abstract IQueryable<TRow> RegionPrefilter<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreTable table, string regionId, Geometry regionGeometry)
        where TRow : RecordRow;

    /// <summary>Runs after a write's rows are saved, inside its transaction (GeoPackage: extents and last_change).</summary>
    private protected abstract Task AfterWriteAsync(StoreDbContext db, IReadOnlyCollection<StoreTable> touched, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a batch's revision entry in the batch's transaction and returns its id. The ids the batch created are
    /// read back from the rows (above <see cref="BatchRevision.CreatedAfterFid"/>, created at
    /// <see cref="BatchRevision.At"/>, in fid order), so a million-row import never keeps them in a managed list: only the
    /// revision's text is built (in the database on PostGIS, as one UTF-8 buffer on GeoPackage).
    /// </summary>
    private protected abstract Task<long> InsertBatchRevisionAsync(StoreDbContext db, BatchRevision revision, CancellationToken cancellationToken);

    /// <summary>A prepared inserter for new rows of a table inside the context's current transaction, or null to let EF Core insert them.</summary>
    /// <param name="db">The context, in a transaction.</param>
    /// <param name="table">The table.</param>
    /// <param name="bulk">A large batch: the inserter may defer index maintenance to <see cref="IRowInserter.Complete"/>.</param>
    private protected virtual IRowInserter? CreateRowInserter(StoreDbContext db, StoreTable table, bool bulk) => null;

    /// <summary>
    /// Prepares a batch's connection before its transaction begins (GeoPackage: a large batch from a file may switch the
    /// file to a rollback journal while it runs).
    /// </summary>
    /// <returns>True when <see cref="EndBatch"/> must undo something that outlives the transaction.</returns>
    private protected virtual Task<bool> PrepareBatchConnectionAsync(StoreDbContext db, BatchSource source, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Prepares a batch's connection inside its transaction (GeoPackage: a larger page cache while the batch runs).</summary>
    private protected virtual Task BeginBatchAsync(StoreDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Undoes <see cref="PrepareBatchConnectionAsync"/> and <see cref="BeginBatchAsync"/> after the transaction was
    /// committed or rolled back, before the connection returns to the pool (also after a failure).
    /// </summary>
    /// <param name="db">The batch's context.</param>
    /// <param name="prepared">What <see cref="PrepareBatchConnectionAsync"/> returned.</param>
    private protected virtual void EndBatch(StoreDbContext db, bool prepared)
    {
    }

    /// <summary>Whether a failed save broke a unique index.</summary>
    private protected abstract bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>Counts adopted rows of a table by retracted flag.</summary>
    private protected static async Task<(long Active, long Retracted)> CountStatesAsync(StoreDbContext db, StoreTable table, CancellationToken cancellationToken)
    {
        var groups = table.Collection switch
        {
            StoreCollection.Incidents => await Count<IncidentRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.Claims => await Count<ClaimRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.Regions => await Count<RegionRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.ReferenceLines => await Count<ReferenceLineRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.Zones => await Count<ZoneRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.Places => await Count<PlaceRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.Parties => await Count<PartyRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.Sources => await Count<SourceRow>(db, cancellationToken).ConfigureAwait(false),
            StoreCollection.ControlEvents => await Count<ControlEventRow>(db, cancellationToken).ConfigureAwait(false),
            _ => await Count<ApiKeyRow>(db, cancellationToken).ConfigureAwait(false),
        };
        return (groups.Where(g => !g.Retracted).Sum(g => g.Count), groups.Where(g => g.Retracted).Sum(g => g.Count));

        static async Task<List<(bool Retracted, long Count)>> Count<TRow>(StoreDbContext db, CancellationToken ct)
            where TRow : RecordRow
        {
            var list = await db.Set<TRow>().Where(r => r.Created != null).GroupBy(r => r.Retracted)
                .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct).ConfigureAwait(false);
            return list.Select(x => (x.Key, x.Count)).ToList();
        }
    }

    /// <summary>The schema version recorded in the metadata table, 0 when absent.</summary>
    private protected static async Task<int> ReadSchemaVersionAsync(StoreDbContext db, CancellationToken cancellationToken)
    {
        var text = await db.Meta.AsNoTracking().Where(m => m.Key == "schema_version").Select(m => m.Value).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    /// <summary>
    /// Takes rows written by another tool (no <c>created</c> time; e.g. <c>ogr2ogr -append</c> with the same property
    /// names) into the store: each valid row gets revision 1 (or keeps its own), created/updated now and its derived
    /// columns, and one <c>adopted</c> revision lists them. Invalid rows stay unadopted (invisible) and are counted.
    /// </summary>
    /// <returns>How many rows were adopted and how many were left because they are not valid records.</returns>
    private protected async Task<(int Adopted, int Invalid)> AdoptForeignRowsAsync(StoreActor actor, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new WriteSession(this, db, Clock.GetUtcNow(), actor);
        var adopted = new Dictionary<StoreCollection, Dictionary<string, int>>();
        var invalid = 0;
        var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var table in StoreTables.All)
        {
            var (ids, bad) = await session.AdoptAsync(table, hash, cancellationToken).ConfigureAwait(false);
            invalid += bad;
            if (ids.Count > 0)
            {
                adopted[table.Collection] = ids;
            }
        }

        if (adopted.Count == 0)
        {
            return (0, invalid);
        }

        await session.FinishAsync(cancellationToken).ConfigureAwait(false);
        db.Revisions.Add(new RevisionRow
        {
            Action = "adopted",
            Actor = actor.Value,
            At = session.Now,
            BatchSource = "rows written by another tool",
            BatchSha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
            BatchRecords = BatchRecordsJson(adopted, []),
            BatchCount = adopted.Values.Sum(v => v.Count),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (adopted.Values.Sum(v => v.Count), invalid);
    }

    internal StoreDbContext NewContext() => CreateContext();

    /// <summary>The collections a batch revision lists (created or updated rows), ordered by wire name.</summary>
    private protected static IEnumerable<StoreCollection> BatchCollections(BatchRevision revision) =>
        revision.CreatedAfterFid.Keys.Select(t => t.Collection)
            .Concat(revision.Updated.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key))
            .Distinct()
            .OrderBy(c => c.WireName(), StringComparer.Ordinal);

    internal IRowInserter? NewRowInserter(StoreDbContext db, StoreTable table, bool bulk) => CreateRowInserter(db, table, bulk);

    internal bool ExactCheckNeeded => !SpatialFiltersAreExact;

    internal IQueryable<TRow> ApplyBbox<TRow>(StoreDbContext db, IQueryable<TRow> rows, BoundingBox box)
        where TRow : RecordRow => BboxPrefilter(db, rows, box);

    internal IQueryable<TRow> ApplyText<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreCollection collection, string needle)
        where TRow : RecordRow => TextFilter(db, rows, collection, needle);

    internal IQueryable<TRow> ApplyRegion<TRow>(StoreDbContext db, IQueryable<TRow> rows, StoreTable table, string regionId, Geometry regionGeometry)
        where TRow : RecordRow => RegionPrefilter(db, rows, table, regionId, regionGeometry);

    internal Task RunAfterWriteAsync(StoreDbContext db, IReadOnlyCollection<StoreTable> touched, DateTimeOffset now, CancellationToken cancellationToken) =>
        AfterWriteAsync(db, touched, now, cancellationToken);

    internal bool UniqueViolation(DbUpdateException exception) => IsUniqueViolation(exception);

    internal static RevisionEntry ToEntry(RevisionRow row)
    {
        StoreCollections.TryParse(row.Collection, out var collection);
        var action = row.Action switch
        {
            "created" => RevisionAction.Created,
            "updated" => RevisionAction.Updated,
            "retracted" => RevisionAction.Retracted,
            "adopted" => RevisionAction.Adopted,
            _ => RevisionAction.Batch,
        };
        var fields = row.ChangedFields is null ? [] : JsonSerializer.Deserialize<string[]>(row.ChangedFields) ?? [];
        return new RevisionEntry(
            row.Fid,
            action,
            StoreActor.Parse(row.Actor),
            row.At,
            row.Collection is null ? null : collection,
            row.RecordId,
            row.Revision,
            fields,
            row.Snapshot,
            row.BatchSource is null ? null : new BatchSource(row.BatchSource, row.BatchSha256 ?? string.Empty),
            row.BatchCount ?? 0);
    }

    private static string BatchRecordsJson(Dictionary<StoreCollection, Dictionary<string, int>> created, Dictionary<StoreCollection, Dictionary<string, int>> updated)
    {
        var doc = new SortedDictionary<string, Dictionary<string, Dictionary<string, int>>>(StringComparer.Ordinal);
        foreach (var (name, part) in new[] { ("created", created), ("updated", updated) })
        {
            foreach (var (collection, ids) in part)
            {
                if (ids.Count == 0)
                {
                    continue;
                }

                if (!doc.TryGetValue(collection.WireName(), out var entry))
                {
                    doc[collection.WireName()] = entry = [];
                }

                entry[name] = ids;
            }
        }

        return JsonSerializer.Serialize(doc);
    }

    private static IEnumerable<(StoreCollection Collection, int Revision)> BatchMembership(string batchRecords, string id)
    {
        using var doc = JsonDocument.Parse(batchRecords);
        foreach (var collection in doc.RootElement.EnumerateObject())
        {
            if (!StoreCollections.TryParse(collection.Name, out var c))
            {
                continue;
            }

            foreach (var part in collection.Value.EnumerateObject())
            {
                if (part.Value.ValueKind == JsonValueKind.Object && part.Value.TryGetProperty(id, out var number) && number.TryGetInt32(out var revision))
                {
                    yield return (c, revision);
                }
            }
        }
    }
}
