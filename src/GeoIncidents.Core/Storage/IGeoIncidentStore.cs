using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// The store: every record collection, batches, the revision log and facts about the database. Two implementations
/// (GeoPackage file, PostGIS) behave the same. Every write is one transaction and appends to the revision log; a
/// delete retracts. Thread-safe: one instance may serve concurrent requests.
/// </summary>
public interface IGeoIncidentStore : IAsyncDisposable
{
    /// <summary>Which database this is.</summary>
    StoreDescription Description { get; }

    /// <summary>Incidents (their claims are in <see cref="Claims"/>; incidents are returned without embedded claims).</summary>
    IRecordSet<Incident> Incidents { get; }

    /// <summary>Claims about incidents.</summary>
    IRecordSet<Claim> Claims { get; }

    /// <summary>Regions (countries, provinces).</summary>
    IRecordSet<Region> Regions { get; }

    /// <summary>Reference lines.</summary>
    IRecordSet<ReferenceLine> ReferenceLines { get; }

    /// <summary>Zones.</summary>
    IRecordSet<Zone> Zones { get; }

    /// <summary>Places.</summary>
    IRecordSet<Place> Places { get; }

    /// <summary>Parties.</summary>
    IRecordSet<Party> Parties { get; }

    /// <summary>Sources.</summary>
    IRecordSet<Source> Sources { get; }

    /// <summary>Control events.</summary>
    IRecordSet<ControlEvent> ControlEvents { get; }

    /// <summary>API keys.</summary>
    IRecordSet<ApiKey> ApiKeys { get; }

    /// <summary>
    /// Writes many records in ONE transaction, recorded as ONE batch revision naming <paramref name="source"/> and the
    /// ids created and changed (the rows themselves are the snapshot). All or nothing: any failure (a conflict, an
    /// existing id on create, a missing record on update, a claim about an unknown incident) rolls everything back.
    /// The writes are consumed as they come, so a large import is streamed; writes of one batch may refer to records
    /// created earlier in it (a claim after its incident).
    /// </summary>
    /// <param name="writes">The writes, in order.</param>
    /// <param name="source">The file the batch came from.</param>
    /// <param name="actor">Who writes.</param>
    /// <param name="progress">Receives the number of writes applied so far (every 1,000 and at the end), or null.</param>
    /// <param name="cancellationToken">Cancels the batch (nothing is written).</param>
    /// <returns>What was written; the revision id is that of the batch entry, or 0 when nothing changed (no entry is written then).</returns>
    /// <exception cref="StoreException">A write breaks a rule; nothing was written.</exception>
    /// <exception cref="Validation.RecordValidationException">A record is invalid for the store; nothing was written.</exception>
    Task<BatchResult> WriteBatchAsync(IAsyncEnumerable<RecordWrite> writes, BatchSource source, StoreActor actor, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Every revision entry of the records with this id (in any collection unless one is named), oldest first, batches included.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="collection">The collection, or null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries; empty when no record ever had the id.</returns>
    Task<IReadOnlyList<RevisionEntry>> HistoryAsync(string id, StoreCollection? collection = null, CancellationToken cancellationToken = default);

    /// <summary>Record counts per collection, the schema version and the last revision.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statistics.</returns>
    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>The record set of a collection, untyped (for code that picks the collection at run time).</summary>
    /// <param name="collection">The collection.</param>
    /// <returns>The set.</returns>
    IRecordSet Set(StoreCollection collection);
}

/// <summary>A record set, untyped.</summary>
public interface IRecordSet
{
    /// <summary>The collection.</summary>
    StoreCollection Collection { get; }

    /// <summary>How many records match the filters (paging ignored).</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">A filter does not apply to the collection, or the continuation token is not one of this collection.</exception>
    Task<long> CountAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records changed since an instant (created, updated or retracted after it), oldest change first.</summary>
    /// <param name="since">The instant (exclusive).</param>
    /// <param name="limit">The page size, 1 to <see cref="RecordQuery.MaxLimit"/>.</param>
    /// <param name="after">The continuation token of the previous page, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of changes.</returns>
    /// <exception cref="ArgumentException">The limit or token is invalid.</exception>
    Task<ChangesPage> ChangesAsync(DateTimeOffset since, int limit = RecordQuery.DefaultLimit, string? after = null, CancellationToken cancellationToken = default);

    /// <summary>Retracts a record (DELETE): the row stays, flagged, hidden from queries unless asked; one revision.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="expectedRevision">The revision the writer saw, or null to skip the check.</param>
    /// <param name="actor">Who retracts it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new revision number (unchanged when it was already retracted).</returns>
    /// <exception cref="RecordNotFoundException">No such record.</exception>
    /// <exception cref="RevisionConflictException">The stored revision is not the expected one.</exception>
    Task<int> RetractAsync(string id, int? expectedRevision, StoreActor actor, CancellationToken cancellationToken = default);
}

/// <summary>One collection of a store.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IRecordSet<T> : IRecordSet
    where T : class
{
    /// <summary>Reads one record by id.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="includeRetracted">Return it even when retracted (default true: a direct read shows the flag).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or null when there is none.</returns>
    Task<Stored<T>?> GetAsync(string id, bool includeRetracted = true, CancellationToken cancellationToken = default);

    /// <summary>One page of the records matching the filters, in the collection's stable order.</summary>
    /// <param name="query">The filters and paging.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">A filter does not apply to the collection, or the continuation token is not one of this collection.</exception>
    Task<StorePage<T>> QueryAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every matching record, page by page (constant memory), in the stable order.</summary>
    /// <param name="query">The filters; <see cref="RecordQuery.Limit"/> is the page size used internally.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<Stored<T>> StreamAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Creates a record (revision 1), with one revision entry.</summary>
    /// <param name="record">The record.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="RecordExistsException">The id exists.</exception>
    /// <exception cref="StoreRuleException">The record refers to an unknown record (a claim's incident) or breaks a store rule.</exception>
    Task<Stored<T>> CreateAsync(T record, StoreActor actor, CancellationToken cancellationToken = default);

    /// <summary>Updates a record if it is still at <paramref name="expectedRevision"/> (optimistic concurrency), with one revision entry.</summary>
    /// <param name="record">The new state (same id).</param>
    /// <param name="expectedRevision">The revision the writer read.</param>
    /// <param name="actor">Who updates it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record (revision + 1; unchanged when the new state equals the stored one).</returns>
    /// <exception cref="RecordNotFoundException">No such record.</exception>
    /// <exception cref="RevisionConflictException">The stored revision is not the expected one; nothing was written.</exception>
    Task<Stored<T>> UpdateAsync(T record, int expectedRevision, StoreActor actor, CancellationToken cancellationToken = default);
}
