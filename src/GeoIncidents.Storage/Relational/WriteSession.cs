using System.Security.Cryptography;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace GeoIncidents.Storage.Relational;

/// <summary>The result of one write.</summary>
/// <remarks>The record as stored is built on first use only (batches never need it; single writes return it).</remarks>
internal sealed class WriteOutcome
{
    private readonly Func<object> _record;
    private readonly Func<IReadOnlyList<string>>? _changedFields;
    private object? _built;
    private IReadOnlyList<string>? _fields;

    /// <param name="action">Created, Updated, Retracted, or Batch for "unchanged".</param>
    /// <param name="row">The row written (or found).</param>
    /// <param name="record">Builds the record as now stored.</param>
    /// <param name="revision">The record's revision now.</param>
    /// <param name="changedFields">The GeoJSON property names that changed.</param>
    public WriteOutcome(RevisionAction action, RecordRow row, Func<object> record, int revision, IReadOnlyList<string> changedFields)
    {
        Action = action;
        Row = row;
        _record = record;
        Revision = revision;
        _fields = changedFields;
    }

    /// <summary>As the main constructor, with the changed fields computed on first use (a creation lists every set field).</summary>
    public WriteOutcome(RevisionAction action, RecordRow row, Func<object> record, int revision, Func<IReadOnlyList<string>> changedFields)
        : this(action, row, record, revision, (IReadOnlyList<string>)null!) => _changedFields = changedFields;

    public RevisionAction Action { get; }

    public RecordRow Row { get; }

    public object Record => _built ??= _record();

    public int Revision { get; }

    public IReadOnlyList<string> ChangedFields => _fields ??= _changedFields!();

    public bool Changed => Action != RevisionAction.Batch;
}

/// <summary>
/// Applies writes inside one transaction of one context: rules (ids, references, optimistic concurrency), derived
/// columns (time window, search text), and the follow-ups that depend on several records (an incident's search text
/// includes its claims' asserted text; claims without their own date take their incident's window). The caller
/// owns the transaction and the revision entries.
/// </summary>
internal sealed class WriteSession
{
    private readonly EfStore _store;
    private readonly StoreDbContext _db;
    private readonly Dictionary<(StoreCollection, string), RecordRow> _pending = [];
    private readonly HashSet<StoreTable> _touched = [];
    private readonly HashSet<string> _refreshSearch = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refreshClaimWindows = new(StringComparer.Ordinal);

    // Ids a prefetch found absent (valid until the next flush), so creates need no lookup query each.
    private readonly HashSet<(StoreCollection, string)> _missing = [];
    private readonly Dictionary<StoreTable, IRowInserter?> _inserters = [];

    // Collections whose last prefetch found none of its ids: new ids are inserted straight away (the unique id index
    // tells when one exists after all, and the lookups start again), so an import of new records needs no lookups.
    private readonly HashSet<StoreCollection> _insertFirst = [];
    private readonly Dictionary<StoreTable, long> _fidBefore = [];

    public WriteSession(EfStore store, StoreDbContext db, DateTimeOffset now, StoreActor actor)
    {
        _store = store;
        _db = db;

        // Stored times keep milliseconds (GeoPackage DATETIME); the records handed back must equal what is read later.
        Now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        Actor = actor;
    }

    public DateTimeOffset Now { get; }

    /// <summary>A large batch: new rows may be written in bulk (the backend may defer index work to <see cref="FinishAsync"/>).</summary>
    public bool Bulk { get; init; }

    public StoreActor Actor { get; }

    public ValueTask<WriteOutcome> ApplyAsync(RecordWrite write, CancellationToken ct, RowImage? image = null) => write.Collection switch
    {
        StoreCollection.Incidents => ApplyAsync<IncidentRow>(write, ct, image),
        StoreCollection.Claims => ApplyAsync<ClaimRow>(write, ct, image),
        StoreCollection.Regions => ApplyAsync<RegionRow>(write, ct, image),
        StoreCollection.ReferenceLines => ApplyAsync<ReferenceLineRow>(write, ct, image),
        StoreCollection.Zones => ApplyAsync<ZoneRow>(write, ct, image),
        StoreCollection.Places => ApplyAsync<PlaceRow>(write, ct, image),
        StoreCollection.Parties => ApplyAsync<PartyRow>(write, ct, image),
        StoreCollection.Sources => ApplyAsync<SourceRow>(write, ct, image),
        StoreCollection.ControlEvents => ApplyAsync<ControlEventRow>(write, ct, image),
        StoreCollection.ApiKeys => ApplyAsync<ApiKeyRow>(write, ct, image),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write.Collection, "unknown collection"),
    };

    /// <param name="write">The write.</param>
    /// <param name="ct">Cancels it.</param>
    /// <param name="image">The record's row image when already computed (<see cref="RecordCodec.FromRecord"/>), else null.</param>
    public async ValueTask<WriteOutcome> ApplyAsync<TRow>(RecordWrite write, CancellationToken ct, RowImage? image = null)
        where TRow : RecordRow, new()
    {
        var table = StoreTables.Of(write.Collection);
        if (write.Record is { } r && StoreCollections.Of(r.GetType()) != write.Collection)
        {
            throw new ArgumentException($"a {r.GetType().Name} cannot be written to {write.Collection.WireName()}", nameof(write));
        }

        if (write.Kind is RecordWriteKind.Create or RecordWriteKind.Put && _insertFirst.Contains(write.Collection) && (_pending.Count == 0 || !_pending.ContainsKey((write.Collection, write.Id))))
        {
            if (await CreateAsync<TRow>(table, write.Record!, image, ct, insertFirst: true).ConfigureAwait(false) is { } created)
            {
                return created;
            }

            // The id exists: look it up (and look ids up again from the next chunk on).
            _insertFirst.Remove(write.Collection);
        }

        var existing = await FindAsync<TRow>(table, write.Id, ct).ConfigureAwait(false);
        switch (write.Kind)
        {
            case RecordWriteKind.Create:
                return existing is null ? (await CreateAsync<TRow>(table, write.Record!, image, ct).ConfigureAwait(false))! : throw new RecordExistsException(write.Collection, write.Id);
            case RecordWriteKind.Put:
                return existing is null
                    ? (await CreateAsync<TRow>(table, write.Record!, image, ct).ConfigureAwait(false))!
                    : await UpdateAsync(table, existing, write.Record!, null, image, ct).ConfigureAwait(false);
            case RecordWriteKind.Update:
                return existing is null
                    ? throw new RecordNotFoundException(write.Collection, write.Id)
                    : await UpdateAsync(table, existing, write.Record!, write.ExpectedRevision, image, ct).ConfigureAwait(false);
            case RecordWriteKind.Retract:
                return existing is null
                    ? throw new RecordNotFoundException(write.Collection, write.Id)
                    : Retract(table, existing, write.ExpectedRevision);
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.Kind, "unknown write kind");
        }
    }

    /// <summary>
    /// The largest fid of each table written in this batch, read before its first write: rows above it were created by
    /// the batch (fids only grow: GeoPackage AUTOINCREMENT, PostgreSQL identity).
    /// </summary>
    public IReadOnlyDictionary<StoreTable, long> FidsBefore => _fidBefore;

    /// <summary>
    /// Loads (tracked) the existing rows of every id a chunk of writes names, one query per collection, and remembers
    /// the ids that do not exist, so that applying the chunk needs no query per write.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyList<RecordWrite> writes, CancellationToken ct)
    {
        foreach (var group in writes.GroupBy(w => w.Collection))
        {
            var table = StoreTables.Of(group.Key);
            if (!_fidBefore.ContainsKey(table))
            {
                _fidBefore[table] = await MaxFidAsync(table, ct).ConfigureAwait(false);
            }

            if (_insertFirst.Contains(group.Key))
            {
                continue;
            }

            var ids = group.Select(w => w.Id).Where(id => !_pending.ContainsKey((group.Key, id))).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var found = group.Key switch
            {
                StoreCollection.Incidents => await LoadAsync<IncidentRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.Claims => await LoadAsync<ClaimRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.Regions => await LoadAsync<RegionRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.ReferenceLines => await LoadAsync<ReferenceLineRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.Zones => await LoadAsync<ZoneRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.Places => await LoadAsync<PlaceRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.Parties => await LoadAsync<PartyRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.Sources => await LoadAsync<SourceRow>(ids, ct).ConfigureAwait(false),
                StoreCollection.ControlEvents => await LoadAsync<ControlEventRow>(ids, ct).ConfigureAwait(false),
                _ => await LoadAsync<ApiKeyRow>(ids, ct).ConfigureAwait(false),
            };
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in found)
            {
                _pending[(group.Key, row.Id)] = row;
                present.Add(row.Id);
            }

            foreach (var id in ids)
            {
                if (!present.Contains(id))
                {
                    _missing.Add((group.Key, id));
                }
            }

            if (present.Count == 0 && Bulk && Inserter(table) is not null)
            {
                _insertFirst.Add(group.Key);
            }
        }
    }

    /// <summary>The ids each bulk inserter of this batch created, in fid order, by table (see <see cref="IRowInserter.Created"/>).</summary>
    public IReadOnlyDictionary<StoreTable, CreatedIds> CreatedIds =>
        _inserters.Where(kv => kv.Value?.Created is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Created!);

    /// <summary>Releases the prepared insert commands.</summary>
    public void DisposeInserters()
    {
        foreach (var inserter in _inserters.Values)
        {
            inserter?.Dispose();
        }

        _inserters.Clear();
    }

    /// <summary>Saves pending rows and forgets them (keeps the change tracker small in large batches).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            _db.ChangeTracker.DetectChanges();
            await _db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var entry = ex.Entries.FirstOrDefault()?.Entity as RecordRow;
            var table = entry is null ? null : StoreTables.Of(entry.GetType());
            var current = entry is null || table is null ? 0 : await CurrentRevisionAsync(table, entry.Id, ct).ConfigureAwait(false);
            throw new RevisionConflictException(table?.Collection ?? StoreCollection.Incidents, entry?.Id ?? string.Empty, (entry?.Revision ?? 1) - 1, current);
        }
        catch (DbUpdateException ex) when (_store.UniqueViolation(ex))
        {
            var entry = ex.Entries.FirstOrDefault()?.Entity as RecordRow;
            var table = entry is null ? null : StoreTables.Of(entry.GetType());
            throw new RecordExistsException(table?.Collection ?? StoreCollection.Incidents, entry?.Id ?? string.Empty);
        }

        _db.ChangeTracker.Clear();
        _pending.Clear();
        _missing.Clear();
    }

    /// <summary>Runs the cross-record follow-ups, saves, and lets the backend finish (extents).</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        foreach (var inserter in _inserters.Values)
        {
            inserter?.Complete();
        }

        foreach (var incidentId in _refreshClaimWindows)
        {
            var window = await _db.Set<IncidentRow>().AsNoTracking().Where(i => i.Id == incidentId)
                .Select(i => new { i.TimeStart, i.TimeEnd }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (window is null)
            {
                continue;
            }

            await _db.Set<ClaimRow>()
                .Where(c => EF.Property<string>(c, "incident") == incidentId && EF.Property<string?>(c, "occurred") == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeStart, window.TimeStart).SetProperty(c => c.TimeEnd, window.TimeEnd), ct)
                .ConfigureAwait(false);
        }

        // An incident's stored search text includes its claims' assertions (backends that fold text in SQL keep none).
        foreach (var incidentId in _store.StoresSearchText ? _refreshSearch : [])
        {
            var incident = await _db.Set<IncidentRow>().Where(i => i.Id == incidentId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (incident is null)
            {
                continue;
            }

            var asserted = await _db.Set<ClaimRow>().AsNoTracking()
                .Where(c => EF.Property<string>(c, "incident") == incidentId && !c.Retracted && c.Created != null)
                .OrderBy(c => c.Id)
                .Select(c => EF.Property<string?>(c, "asserted"))
                .ToListAsync(ct).ConfigureAwait(false);
            incident.SearchText = SearchText([incident["title"] as string, incident["description"] as string, .. asserted]);
        }

        await FlushAsync(ct).ConfigureAwait(false);
        await _store.RunAfterWriteAsync(_db, _touched, Now, ct).ConfigureAwait(false);
    }

    /// <summary>Adopts the rows of one table that another tool wrote (see <see cref="EfStore"/>).</summary>
    public async Task<(Dictionary<string, int> Ids, int Invalid)> AdoptAsync(StoreTable table, IncrementalHash hash, CancellationToken ct) => table.Collection switch
    {
        StoreCollection.Incidents => await AdoptAsync<IncidentRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.Claims => await AdoptAsync<ClaimRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.Regions => await AdoptAsync<RegionRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.ReferenceLines => await AdoptAsync<ReferenceLineRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.Zones => await AdoptAsync<ZoneRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.Places => await AdoptAsync<PlaceRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.Parties => await AdoptAsync<PartyRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.Sources => await AdoptAsync<SourceRow>(table, hash, ct).ConfigureAwait(false),
        StoreCollection.ControlEvents => await AdoptAsync<ControlEventRow>(table, hash, ct).ConfigureAwait(false),
        _ => await AdoptAsync<ApiKeyRow>(table, hash, ct).ConfigureAwait(false),
    };

    /// <summary>The text the text filter searches: the parts lower-cased (invariant), joined by newlines.</summary>
    public static string? SearchText(IEnumerable<string?> parts)
    {
        var text = string.Join('\n', parts.Where(p => !string.IsNullOrEmpty(p)));
        return text.Length == 0 ? null : text.ToLowerInvariant();
    }

    /// <summary>As <see cref="SearchText(IEnumerable{string?})"/> for two parts, building the lower-cased text in one string.</summary>
    internal static string? SearchText(string? first, string? second)
    {
        if (string.IsNullOrEmpty(second))
        {
            return string.IsNullOrEmpty(first) ? null : first.ToLowerInvariant();
        }

        if (string.IsNullOrEmpty(first))
        {
            return second.ToLowerInvariant();
        }

        return string.Create(first.Length + 1 + second.Length, (first, second), static (text, parts) =>
        {
            parts.first.AsSpan().ToLowerInvariant(text);
            text[parts.first.Length] = '\n';
            parts.second.AsSpan().ToLowerInvariant(text[(parts.first.Length + 1)..]);
        });
    }

    /// <summary>The search text a record's own row gets (before claims about an incident add theirs).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The lower-cased text, or null (no text, or a collection without search text).</returns>
    public static string? SearchTextOf(object record) => record switch
    {
        Incident i => SearchText(i.Title, i.Description),
        Claim c => SearchText(c.Asserted, null),
        _ => null,
    };

    private async Task<(Dictionary<string, int> Ids, int Invalid)> AdoptAsync<TRow>(StoreTable table, IncrementalHash hash, CancellationToken ct)
        where TRow : RecordRow
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var invalid = 0;
        var rows = await _db.Set<TRow>().Where(r => r.Created == null).OrderBy(r => r.Fid).ToListAsync(ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            hash.AppendData(RecordCodec.FeatureJson(table, row));
            var (record, _) = RecordCodec.TryRead(table, row);
            if (record is null || ids.ContainsKey(row.Id))
            {
                invalid++;
                continue;
            }

            // The mapper may normalise values (e.g. alpha-3 country codes): store what it reads.
            RecordCodec.Apply(table, RecordCodec.FromRecord(table, record), row);
            row.Revision = row.Revision is > 0 ? row.Revision : 1;
            row.Created = Now;
            row.Updated = Now;
            row.Retracted = record is Incident { Status: IncidentStatus.Retracted };
            await SetDerivedAsync(table, row, record, ct).ConfigureAwait(false);
            ids[row.Id] = row.Revision.Value;
            _touched.Add(table);
        }

        return (ids, invalid);
    }

    private async Task<TRow?> FindAsync<TRow>(StoreTable table, string id, CancellationToken ct)
        where TRow : RecordRow
    {
        if (_pending.TryGetValue((table.Collection, id), out var pending))
        {
            return (TRow)pending;
        }

        if (_missing.Contains((table.Collection, id)))
        {
            return null;
        }

        var row = await _db.Set<TRow>().Where(r => r.Id == id && r.Created != null).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is not null)
        {
            _pending[(table.Collection, id)] = row;
        }

        return row;
    }

    /// <summary>Creates a row (inserted now by the table's inserter, or added to the context).</summary>
    /// <param name="table">The table.</param>
    /// <param name="record">The record.</param>
    /// <param name="prepared">Its row image when already computed.</param>
    /// <param name="ct">Cancels it.</param>
    /// <param name="insertFirst">Insert without having looked the id up: return null, writing nothing, when the id exists.</param>
    private async ValueTask<WriteOutcome?> CreateAsync<TRow>(StoreTable table, object record, RowImage? prepared, CancellationToken ct, bool insertFirst = false)
        where TRow : RecordRow, new()
    {
        await CheckRulesAsync(table, record, ct).ConfigureAwait(false);
        var image = prepared ?? RecordCodec.FromRecord(table, record);
        var row = (TRow)NewRow(table.Collection);
        var inserter = Inserter(table);
        if (inserter is null)
        {
            RecordCodec.Apply(table, image, row);
        }
        else
        {
            // The inserter binds the image's values; the row keeps the bookkeeping (no per-row column dictionary).
            row.Id = image.Id;
            row.Geometry = table.IsFeature ? image.Geometry : null;
        }

        row.Revision = 1;
        row.Created = Now;
        row.Updated = Now;
        row.Retracted = record is Incident { Status: IncidentStatus.Retracted };
        await SetDerivedAsync(table, row, record, ct, image).ConfigureAwait(false);
        if (inserter is not null)
        {
            // Written now, outside the change tracker (the fast path of large imports); a later write of the same id
            // in this batch finds it with a query, tracked.
            row.Fid = insertFirst ? inserter.TryInsert(row, image) : inserter.Insert(row, image);
            if (row.Fid == 0)
            {
                return null;
            }

            if (_missing.Count > 0)
            {
                _missing.Remove((table.Collection, row.Id));
            }
        }
        else
        {
            _db.Add(row);
            _pending[(table.Collection, row.Id)] = row;
        }

        _touched.Add(table);
        if (record is Claim claim)
        {
            _refreshSearch.Add(claim.IncidentId);
        }

        return new WriteOutcome(RevisionAction.Created, row, () => Stamp(record, row), 1, () => RecordCodec.SetFields(table, image));
    }

    private async Task<WriteOutcome> UpdateAsync(StoreTable table, RecordRow row, object record, int? expectedRevision, RowImage? prepared, CancellationToken ct)
    {
        var current = row.Revision ?? 0;
        if (expectedRevision is { } expected && expected != current)
        {
            throw new RevisionConflictException(table.Collection, row.Id, expected, current);
        }

        await CheckRulesAsync(table, record, ct).ConfigureAwait(false);
        var before = RecordCodec.FromRow(table, row);
        var after = prepared ?? RecordCodec.FromRecord(table, record);
        var changed = RecordCodec.Diff(table, before, after);
        var retracted = table.Collection == StoreCollection.Incidents ? record is Incident { Status: IncidentStatus.Retracted } : row.Retracted;
        if (changed.Count == 0 && retracted == row.Retracted)
        {
            return new WriteOutcome(RevisionAction.Batch, row, () => RecordCodec.Read(table, row), current, []);
        }

        if (changed.Contains("geometry") && _fidBefore.TryGetValue(table, out var lastFid) && row.Fid > lastFid)
        {
            // A row this batch inserted gets a new geometry: its deferred R-tree entry is stale; the update trigger indexes it.
            Inserter(table)?.Forget(row.Fid);
        }

        var oldIncident = row["incident"] as string;
        var oldWindow = (row.TimeStart, row.TimeEnd);
        RecordCodec.Apply(table, after, row);
        row.Revision = current + 1;
        row.Updated = Now;
        row.Retracted = retracted;
        await SetDerivedAsync(table, row, record, ct).ConfigureAwait(false);
        MarkModified(row);
        _touched.Add(table);
        switch (record)
        {
            case Incident incident:
                _refreshSearch.Add(incident.Id);
                if (oldWindow != (row.TimeStart, row.TimeEnd))
                {
                    _refreshClaimWindows.Add(incident.Id);
                }

                break;
            case Claim claim:
                _refreshSearch.Add(claim.IncidentId);
                if (oldIncident is not null && oldIncident != claim.IncidentId)
                {
                    _refreshSearch.Add(oldIncident);
                }

                break;
        }

        return new WriteOutcome(RevisionAction.Updated, row, () => Stamp(record, row), row.Revision.Value, changed);
    }

    private WriteOutcome Retract(StoreTable table, RecordRow row, int? expectedRevision)
    {
        var current = row.Revision ?? 0;
        if (expectedRevision is { } expected && expected != current)
        {
            throw new RevisionConflictException(table.Collection, row.Id, expected, current);
        }

        if (row.Retracted)
        {
            return new WriteOutcome(RevisionAction.Batch, row, () => RecordCodec.Read(table, row), current, []);
        }

        row.Retracted = true;
        var field = "retracted";
        if (table.Collection == StoreCollection.Incidents)
        {
            row["status"] = WireNames.Of(IncidentStatus.Retracted);
            field = "status";
        }

        row.Revision = current + 1;
        row.Updated = Now;
        MarkModified(row);
        _touched.Add(table);
        if (table.Collection == StoreCollection.Claims && row["incident"] is string incidentId)
        {
            _refreshSearch.Add(incidentId);
        }

        return new WriteOutcome(RevisionAction.Retracted, row, () => RecordCodec.Read(table, row), row.Revision.Value, [field]);
    }

    private void MarkModified(RecordRow row)
    {
        var entry = _db.Entry(row);
        if (entry.State == EntityState.Detached)
        {
            _db.Attach(row);
        }

        // Auto-detection is off in batches; detect this row now (the revision stays the concurrency token).
        entry.DetectChanges();
    }

    private async Task CheckRulesAsync(StoreTable table, object record, CancellationToken ct)
    {
        switch (record)
        {
            case Incident { Claims.Count: > 0 } incident:
                throw new StoreRuleException("embedded-claims", $"incident '{incident.Id}' carries {incident.Claims.Count} claim(s): store claims in the claims collection (write the incident without them, then its claims)");
            case Claim claim when await FindAsync<IncidentRow>(StoreTables.Incidents, claim.IncidentId, ct).ConfigureAwait(false) is null:
                throw new StoreRuleException("unknown-reference", $"claim '{claim.Id}' is about incident '{claim.IncidentId}', which is not in the store");
        }

        _ = table;
    }

    private async Task SetDerivedAsync(StoreTable table, RecordRow row, object record, CancellationToken ct, RowImage? image = null)
    {
        if (table.Temporal)
        {
            (row.TimeStart, row.TimeEnd) = record switch
            {
                Incident i => (i.Occurred.WidenedStart, i.Occurred.WidenedEnd),
                Claim { Occurred: { } o } => (o.WidenedStart, o.WidenedEnd),
                Claim c => await IncidentWindowAsync(c.IncidentId, ct).ConfigureAwait(false),
                Zone z => (Day(z.ValidFrom), z.ValidTo is { } to ? Day(to).AddDays(1) : null),
                ReferenceLine l => (l.ValidFrom is { } from ? Day(from) : null, l.ValidTo is { } to ? Day(to).AddDays(1) : null),
                ControlEvent e => (Day(e.Effective), Day(e.Effective).AddDays(1)),
                _ => (null, null),
            };
        }

        if (table.Searchable && _store.StoresSearchText)
        {
            row.SearchText = image is { HasSearchText: true } ? image.SearchText : SearchTextOf(record);
        }
    }

    private async Task<(DateTimeOffset?, DateTimeOffset?)> IncidentWindowAsync(string incidentId, CancellationToken ct)
    {
        var incident = await FindAsync<IncidentRow>(StoreTables.Incidents, incidentId, ct).ConfigureAwait(false);
        return incident is null ? (null, null) : (incident.TimeStart, incident.TimeEnd);
    }

    private async Task<int> CurrentRevisionAsync(StoreTable table, string id, CancellationToken ct)
    {
        _db.ChangeTracker.Clear();
        // The table name comes from the fixed catalogue, never from input; the id is a parameter.
        var sql = "SELECT revision AS \"Value\" FROM \"" + table.Name + "\" WHERE id = {0}";
        var revisions = await _db.Database
            .SqlQueryRaw<int?>(sql, id)
            .ToListAsync(ct).ConfigureAwait(false);
        return revisions.FirstOrDefault() ?? 0;
    }

    private IRowInserter? Inserter(StoreTable table)
    {
        if (!_inserters.TryGetValue(table, out var inserter))
        {
            _inserters[table] = inserter = _store.NewRowInserter(_db, table, Bulk);
        }

        return inserter;
    }

    private async Task<IReadOnlyList<RecordRow>> LoadAsync<TRow>(List<string> ids, CancellationToken ct)
        where TRow : RecordRow =>
        await _db.Set<TRow>().Where(r => ids.Contains(r.Id) && r.Created != null).ToListAsync(ct).ConfigureAwait(false);

    private async Task<long> MaxFidAsync(StoreTable table, CancellationToken ct)
    {
        // The table name comes from the fixed catalogue, never from input.
        var sql = "SELECT max(fid) AS \"Value\" FROM \"" + table.Name + "\"";
        var values = await _db.Database.SqlQueryRaw<long?>(sql).ToListAsync(ct).ConfigureAwait(false);
        return values.FirstOrDefault() ?? 0;
    }

    /// <summary>A new row of a collection's type (what <c>new TRow()</c> gives, without the reflection a shared generic's <c>new()</c> goes through).</summary>
    private static RecordRow NewRow(StoreCollection collection) => collection switch
    {
        StoreCollection.Incidents => new IncidentRow(),
        StoreCollection.Claims => new ClaimRow(),
        StoreCollection.Regions => new RegionRow(),
        StoreCollection.ReferenceLines => new ReferenceLineRow(),
        StoreCollection.Zones => new ZoneRow(),
        StoreCollection.Places => new PlaceRow(),
        StoreCollection.Parties => new PartyRow(),
        StoreCollection.Sources => new SourceRow(),
        StoreCollection.ControlEvents => new ControlEventRow(),
        StoreCollection.ApiKeys => new ApiKeyRow(),
        _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, "unknown collection"),
    };

    private static DateTimeOffset Day(DateOnly day) => new(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);

    private static object Stamp(object record, RecordRow row) => record switch
    {
        Incident i => i.WithRevision(row.Revision!.Value, row.Updated!.Value),
        Claim c => c.WithRevision(row.Revision!.Value, row.Updated!.Value),
        _ => record,
    };
}
