using System.Runtime.CompilerServices;
using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GeoIncidents.Storage.Relational;

/// <summary>One collection of an <see cref="EfStore"/>: reads with filters and keyset paging, single-record writes.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <typeparam name="TRow">Its row type.</typeparam>
internal sealed class EfRecordSet<T, TRow> : IRecordSet<T>
    where T : class
    where TRow : RecordRow, new()
{
    private readonly EfStore _store;
    private readonly StoreTable _table;

    public EfRecordSet(EfStore store)
    {
        _store = store;
        _table = StoreTables.Of(typeof(TRow));
    }

    public StoreCollection Collection => _table.Collection;

    public async Task<Stored<T>?> GetAsync(string id, bool includeRetracted = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = _store.NewContext();
        var row = await db.Set<TRow>().AsNoTracking().Where(r => r.Id == id && r.Created != null).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null || (row.Retracted && !includeRetracted) ? null : ToStored(row);
    }

    public async Task<StorePage<T>> QueryAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = _store.NewContext();
        var plan = await PlanAsync(db, query, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return new StorePage<T>([], null);
        }

        var after = query.After is null ? null : KeysetToken.Decode(query.After, Collection);
        var items = new List<TRow>(Math.Min(query.Limit, 1024) + 1);
        var fetch = query.Limit + 1;
        while (items.Count <= query.Limit)
        {
            var batch = await Ordered(After(plan.Rows, after)).Take(fetch).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in batch)
            {
                if (plan.Exact is null || plan.Exact(row))
                {
                    items.Add(row);
                    if (items.Count > query.Limit)
                    {
                        break;
                    }
                }
            }

            if (batch.Count < fetch || items.Count > query.Limit)
            {
                break;
            }

            after = KeyOf(batch[^1]);
        }

        string? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = KeyOf(items[^1]).Encode();
        }

        return new StorePage<T>(items.Select(ToStored).ToList(), next);
    }

    public async IAsyncEnumerable<Stored<T>> StreamAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await QueryAsync(query, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.Next is null)
            {
                yield break;
            }

            page = await QueryAsync(query with { After = page.Next }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> CountAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = _store.NewContext();
        var plan = await PlanAsync(db, query, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return 0;
        }

        if (plan.Exact is null)
        {
            return await plan.Rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        }

        long count = 0;
        await foreach (var row in plan.Rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (plan.Exact(row))
            {
                count++;
            }
        }

        return count;
    }

    public async Task<ChangesPage> ChangesAsync(DateTimeOffset since, int limit = RecordQuery.DefaultLimit, string? after = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > RecordQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be 1 to {RecordQuery.MaxLimit}");
        }

        await using var db = _store.NewContext();
        var sinceUtc = since.ToUniversalTime();
        var rows = db.Set<TRow>().AsNoTracking().Where(r => r.Created != null && r.Updated > sinceUtc);
        if (after is not null)
        {
            var key = KeysetToken.Decode(after, Collection);
            rows = rows.Where(r => r.Updated > key.Time || (r.Updated == key.Time && r.Fid > key.Fid));
        }

        var page = await rows.OrderBy(r => r.Updated).ThenBy(r => r.Fid).Take(limit + 1)
            .Select(r => new { r.Fid, r.Id, r.Revision, r.Created, r.Updated, r.Retracted })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = page.Take(limit).Select(r => new ChangeEntry(
            Collection,
            r.Id,
            r.Retracted ? ChangeKind.Retracted : r.Created > sinceUtc ? ChangeKind.Created : ChangeKind.Updated,
            r.Revision ?? 0,
            r.Updated!.Value)).ToList();
        var next = page.Count > limit ? new KeysetToken(Collection, page[limit - 1].Updated, string.Empty, page[limit - 1].Fid).Encode() : null;
        return new ChangesPage(items, next);
    }

    public async Task<Stored<T>> CreateAsync(T record, StoreActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = await WriteOneAsync(RecordWrite.Create(record), actor, cancellationToken).ConfigureAwait(false);
        return ToStored(outcome);
    }

    public async Task<Stored<T>> UpdateAsync(T record, int expectedRevision, StoreActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = await WriteOneAsync(RecordWrite.Update(record, expectedRevision), actor, cancellationToken).ConfigureAwait(false);
        return ToStored(outcome);
    }

    public async Task<int> RetractAsync(string id, int? expectedRevision, StoreActor actor, CancellationToken cancellationToken = default)
    {
        var outcome = await WriteOneAsync(RecordWrite.Retract(Collection, id, expectedRevision), actor, cancellationToken).ConfigureAwait(false);
        return outcome.Revision;
    }

    private async Task<WriteOutcome> WriteOneAsync(RecordWrite write, StoreActor actor, CancellationToken cancellationToken)
    {
        await using var db = _store.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new WriteSession(_store, db, _store.Clock.GetUtcNow(), actor);
        var outcome = await session.ApplyAsync<TRow>(write, cancellationToken).ConfigureAwait(false);
        await session.FinishAsync(cancellationToken).ConfigureAwait(false);
        if (outcome.Changed)
        {
            db.Revisions.Add(new RevisionRow
            {
                Collection = Collection.WireName(),
                RecordId = write.Id,
                Revision = outcome.Revision,
                Action = outcome.Action switch
                {
                    RevisionAction.Created => "created",
                    RevisionAction.Retracted => "retracted",
                    _ => "updated",
                },
                Actor = actor.Value,
                At = session.Now,
                ChangedFields = JsonSerializer.Serialize(outcome.ChangedFields),
                Snapshot = RecordCodec.SnapshotJson(_table, outcome.Record),
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Every matching row in the stable order, read from ONE statement with a data reader (one consistent snapshot,
    /// constant memory, no entity materialisation): the hot path of exports. The same cursor is handed out for every
    /// row and is valid until the next one; rows that the GeoPackage R-tree prefilter lets through but the exact test
    /// rejects are skipped.
    /// </summary>
    /// <param name="query">The filters (paging is ignored).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows.</returns>
    internal async IAsyncEnumerable<RowCursor> StreamRowsAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = _store.NewContext();
        var plan = await PlanAsync(db, query with { After = null }, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            yield break;
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Ordered(plan.Rows).AsNoTracking().CreateDbCommand();
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // GeoPackage: the same SQL through SQLitePCL, values read from SQLite's buffers (see SqliteRowCursor).
            // The stable order visits the table's rows in index order, i.e. at random in the file: a larger page cache
            // for this statement keeps the b-tree's interior pages cached, so most rows cost one page read, not three.
            var cacheSize = Pragma(sqlite, "PRAGMA cache_size");
            Pragma(sqlite, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA cache_size = {-StreamCacheKiB}"));
            try
            {
                using var statement = SqliteRawStatement.Prepare(sqlite, command);
                var cursor = new SqliteRowCursor(_table, statement.Handle);
                while (statement.Step())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (plan.Exact is null || plan.Exact(Probe(cursor)))
                    {
                        yield return cursor;
                    }
                }
            }
            finally
            {
                // The connection goes back to the pool: restore its cache size.
                Pragma(sqlite, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize}"));
            }

            yield break;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new DbRowCursor(_table, reader);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (plan.Exact is null || plan.Exact(Probe(rows)))
            {
                yield return rows;
            }
        }
    }

    /// <summary>The SQLite page cache of a streamed read, in KiB (SQLite's default is 2,000 KiB).</summary>
    private const int StreamCacheKiB = 8 * 1024;

    private static long Pragma(SqliteConnection connection, string sql)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = sql;
        return Convert.ToInt64(pragma.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A row with just what the exact spatial tests read (geometry, admin1).</summary>
    private TRow Probe(RowCursor cursor)
    {
        var probe = new TRow { Geometry = cursor.ReadGeometry() };
        probe["admin1"] = _table.Column("admin1") is null ? null : cursor.Text("admin1");
        return probe;
    }

    /// <summary>
    /// Runs a database EXPLAIN of the SQL of a query's first page (tests check that the spatial index drives it).
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="explainPrefix">The backend's EXPLAIN keyword(s), e.g. <c>EXPLAIN QUERY PLAN</c> or <c>EXPLAIN</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The plan's lines (the last column of each row).</returns>
    internal async Task<IReadOnlyList<string>> ExplainFirstPageAsync(RecordQuery query, string explainPrefix, CancellationToken cancellationToken = default)
    {
        await using var db = _store.NewContext();
        var plan = await PlanAsync(db, query, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException("the query matches nothing", nameof(query));
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Ordered(plan.Rows).Take(query.Limit + 1).CreateDbCommand();
        command.CommandText = explainPrefix + " " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return lines;
    }

    private Stored<T> ToStored(WriteOutcome outcome) => new(
        (T)outcome.Record,
        outcome.Row.Fid,
        outcome.Revision,
        outcome.Row.Created!.Value,
        outcome.Row.Updated ?? outcome.Row.Created!.Value,
        outcome.Row.Retracted);

    private Stored<T> ToStored(TRow row) => new(
        (T)RowDecoder.Read(_table, row),
        row.Fid,
        row.Revision ?? 0,
        row.Created!.Value,
        row.Updated ?? row.Created!.Value,
        row.Retracted);

    private IQueryable<TRow> Ordered(IQueryable<TRow> rows) => _table.OrderedByTime
        ? rows.OrderBy(r => r.TimeStart).ThenBy(r => r.Id)
        : rows.OrderBy(r => r.Id);

    private IQueryable<TRow> After(IQueryable<TRow> rows, KeysetToken? key)
    {
        if (key is null)
        {
            return rows;
        }

        var id = key.Id;
        if (!_table.OrderedByTime)
        {
            return rows.Where(r => string.Compare(r.Id, id) > 0);
        }

        var time = key.Time;
        return rows.Where(r => r.TimeStart > time || (r.TimeStart == time && string.Compare(r.Id, id) > 0));
    }

    private KeysetToken KeyOf(TRow row) => new(Collection, _table.OrderedByTime ? row.TimeStart : null, row.Id);

    /// <summary>The filtered rows (prefiltered in SQL) and, on GeoPackage, the exact NTS check; null when nothing can match (an unknown region).</summary>
    private async Task<QueryPlan?> PlanAsync(StoreDbContext db, RecordQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        CheckApplicable(query);
        IQueryable<TRow> rows = db.Set<TRow>().Where(r => r.Created != null);
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Select(s => WireNames.Of(s)).ToList();
            rows = rows.Where(r => names.Contains(EF.Property<string>(r, "status")));
        }
        else if (!query.IncludeRetracted)
        {
            rows = rows.Where(r => !r.Retracted);
        }

        if (query.Types is { Count: > 0 } types)
        {
            var names = types.Select(t => WireNames.Of(t)).ToList();
            rows = rows.Where(r => names.Contains(EF.Property<string>(r, "type")));
        }

        if (query.IncidentId is { } incidentId)
        {
            rows = rows.Where(r => EF.Property<string>(r, "incident") == incidentId);
        }

        if (query.Party is { } party)
        {
            rows = Collection == StoreCollection.Claims
                ? rows.Where(r => EF.Property<string>(r, "claimant") == party)
                : rows.Where(r => db.Set<ClaimRow>().Any(c => EF.Property<string>(c, "incident") == r.Id && EF.Property<string>(c, "claimant") == party && !c.Retracted && c.Created != null));
        }

        if (query.Text is { } text)
        {
            rows = _store.ApplyText(db, rows, Collection, text.Trim().ToLowerInvariant());
        }

        if (query.DateTime is { } dt)
        {
            if (dt.End is { } end)
            {
                rows = rows.Where(r => r.TimeStart == null || r.TimeStart <= end);
            }

            if (dt.Start is { } start)
            {
                rows = rows.Where(r => r.TimeEnd == null || r.TimeEnd > start);
            }
        }

        Func<TRow, bool>? exact = null;
        if (query.Bbox is { } box)
        {
            rows = _store.ApplyBbox(db, rows, box);
            if (_store.ExactCheckNeeded)
            {
                exact = r => r.Geometry is not null && box.Intersects(r.Geometry);
            }
        }

        if (query.Region is { } regionId)
        {
            var region = await db.Set<RegionRow>().AsNoTracking().Where(g => g.Id == regionId && g.Created != null)
                .Select(g => g.Geometry).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (region is null)
            {
                return null;
            }

            rows = _store.ApplyRegion(db, rows, _table, regionId, region);
            if (_store.ExactCheckNeeded)
            {
                var prepared = PreparedGeometryFactory.Prepare(region);
                var byAdmin = Collection == StoreCollection.Incidents;
                var previous = exact;
                exact = r => (previous is null || previous(r))
                             && ((byAdmin && r["admin1"] as string == regionId) || (r.Geometry is { IsEmpty: false } g && prepared.Intersects(g)));
            }
        }

        return new QueryPlan(rows, exact);
    }

    private void CheckApplicable(RecordQuery query)
    {
        var c = Collection;
        Require(query.Bbox is null || _table.IsFeature, "bbox");
        Require(query.DateTime is null || _table.Temporal, "datetime");
        Require(query.Region is null || c is StoreCollection.Incidents or StoreCollection.Claims, "region");
        Require(query.Types is null || c == StoreCollection.Incidents, "type");
        Require(query.Statuses is null || c == StoreCollection.Incidents, "status");
        Require(query.Party is null || c is StoreCollection.Incidents or StoreCollection.Claims, "party");
        Require(query.Text is null || _table.Searchable, "text");
        Require(query.IncidentId is null || c == StoreCollection.Claims, "incident");

        void Require(bool ok, string filter)
        {
            if (!ok)
            {
                throw new ArgumentException($"the {filter} filter does not apply to {c.WireName()}", nameof(query));
            }
        }
    }

    private sealed record QueryPlan(IQueryable<TRow> Rows, Func<TRow, bool>? Exact);
}
