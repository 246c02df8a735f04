namespace GeoIncidents.Core.Storage;

/// <summary>What a revision records.</summary>
public enum RevisionAction
{
    /// <summary><c>created</c>: a record was created.</summary>
    Created,

    /// <summary><c>updated</c>: a record was changed.</summary>
    Updated,

    /// <summary><c>retracted</c>: a record was retracted (delete).</summary>
    Retracted,

    /// <summary><c>batch</c>: one batch (an import, the seed) created or changed many records; the rows are the snapshot.</summary>
    Batch,

    /// <summary><c>adopted</c>: rows written by another tool (e.g. <c>ogr2ogr -append</c>) were taken into the store.</summary>
    Adopted,
}

/// <summary>One entry of the append-only revision log.</summary>
/// <param name="Id">The entry's id (increasing).</param>
/// <param name="Action">What happened.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="At">When (UTC, from the store's injected clock).</param>
/// <param name="Collection">The collection of a single-record entry, or null for a batch.</param>
/// <param name="RecordId">The record of a single-record entry, or null for a batch.</param>
/// <param name="Revision">The record's revision number this entry produced (for a batch seen through <see cref="IGeoIncidentStore.HistoryAsync"/>, the number the batch gave that record), or null.</param>
/// <param name="ChangedFields">The GeoJSON property names that changed (<c>geometry</c> for the geometry); every field for a creation.</param>
/// <param name="Snapshot">The record's full state after the change as GeoJSON Feature text, or null for a batch (the rows are the snapshot).</param>
/// <param name="Batch">For a batch: the file it came from.</param>
/// <param name="BatchRecordCount">For a batch: how many records it created or changed.</param>
public sealed record RevisionEntry(
    long Id,
    RevisionAction Action,
    StoreActor Actor,
    DateTimeOffset At,
    StoreCollection? Collection,
    string? RecordId,
    int? Revision,
    IReadOnlyList<string> ChangedFields,
    string? Snapshot,
    BatchSource? Batch,
    int BatchRecordCount);

/// <summary>How a record changed since a given time (the latest state decides).</summary>
public enum ChangeKind
{
    /// <summary><c>created</c> after the time.</summary>
    Created,

    /// <summary><c>updated</c> after the time (created before it).</summary>
    Updated,

    /// <summary><c>retracted</c>: its latest state is retracted.</summary>
    Retracted,
}

/// <summary>One record changed since the time asked (<see cref="IRecordSet.ChangesAsync"/>).</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Id">The record id.</param>
/// <param name="Kind">How it changed.</param>
/// <param name="Revision">Its current revision.</param>
/// <param name="Updated">When it last changed.</param>
public sealed record ChangeEntry(StoreCollection Collection, string Id, ChangeKind Kind, int Revision, DateTimeOffset Updated);

/// <summary>One page of changes, oldest first.</summary>
/// <param name="Items">The changes.</param>
/// <param name="Next">The continuation token, or null on the last page.</param>
public sealed record ChangesPage(IReadOnlyList<ChangeEntry> Items, string? Next);
