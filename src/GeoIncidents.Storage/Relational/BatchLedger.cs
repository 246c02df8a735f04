using GeoIncidents.Core.Storage;

namespace GeoIncidents.Storage.Relational;

/// <summary>A batch's revision entry before it is written.</summary>
/// <param name="Actor">Who wrote the batch.</param>
/// <param name="At">The batch's instant (also the <c>created</c> time of every row it created).</param>
/// <param name="Source">The file.</param>
/// <param name="RecordCount">How many records it created or changed.</param>
/// <param name="CreatedAfterFid">For each table the batch created rows in: the largest fid before the batch.</param>
/// <param name="Updated">The ids the batch changed (not created), with their new revision, per collection.</param>
internal sealed record BatchRevision(
    StoreActor Actor,
    DateTimeOffset At,
    BatchSource Source,
    int RecordCount,
    IReadOnlyDictionary<Records.StoreTable, long> CreatedAfterFid,
    IReadOnlyDictionary<StoreCollection, Dictionary<string, int>> Updated)
{
    /// <summary>How many rows the batch created, per collection.</summary>
    public IReadOnlyDictionary<StoreCollection, int> CreatedCounts { get; init; } = new Dictionary<StoreCollection, int>();

    /// <summary>The ids the batch's bulk inserters created, in fid order, per table (a backend may list them from here).</summary>
    public IReadOnlyDictionary<Records.StoreTable, CreatedIds> CreatedIds { get; init; } = new Dictionary<Records.StoreTable, CreatedIds>();

    /// <summary>The revision of rows the batch created and then changed (every other created row has revision 1), per collection.</summary>
    public IReadOnlyDictionary<StoreCollection, Dictionary<string, int>> CreatedThenChanged { get; init; } = new Dictionary<StoreCollection, Dictionary<string, int>>();
}

/// <summary>
/// Counts what a batch does. Memory stays bounded by the number of records it changes: created ids are only
/// counted (and the first <see cref="BatchResult.MaxListedIds"/> per collection kept for the result); the revision
/// entry lists them from the database.
/// </summary>
internal sealed class BatchLedger
{
    private readonly Dictionary<StoreCollection, int> _created = [];
    private readonly Dictionary<StoreCollection, List<string>> _createdIds = [];
    private readonly Dictionary<StoreCollection, Dictionary<string, int>> _updated = [];
    private readonly Dictionary<StoreCollection, Dictionary<string, int>> _createdThenChanged = [];
    private int _unchanged;

    public IReadOnlyDictionary<StoreCollection, int> CreatedCounts => _created;

    public IReadOnlyDictionary<StoreCollection, Dictionary<string, int>> UpdatedIds => _updated;

    public IReadOnlyDictionary<StoreCollection, Dictionary<string, int>> CreatedThenChanged => _createdThenChanged;

    public int CreatedTotal => _created.Values.Sum();

    public int UpdatedTotal => _updated.Values.Sum(v => v.Count);

    /// <summary>Counts one applied write.</summary>
    /// <param name="write">The write.</param>
    /// <param name="outcome">What it did.</param>
    /// <param name="createdInBatch">The row was created by this batch (a later change keeps it counted as created).</param>
    public void Record(RecordWrite write, WriteOutcome outcome, bool createdInBatch)
    {
        switch (outcome.Action)
        {
            case RevisionAction.Created:
                _created[write.Collection] = _created.GetValueOrDefault(write.Collection) + 1;
                if (!_createdIds.TryGetValue(write.Collection, out var ids))
                {
                    _createdIds[write.Collection] = ids = [];
                }

                if (ids.Count < BatchResult.MaxListedIds)
                {
                    ids.Add(write.Id);
                }

                break;
            case RevisionAction.Updated or RevisionAction.Retracted when !createdInBatch:
                if (!_updated.TryGetValue(write.Collection, out var changed))
                {
                    _updated[write.Collection] = changed = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                changed[write.Id] = outcome.Revision;
                break;
            case RevisionAction.Updated or RevisionAction.Retracted:
                if (!_createdThenChanged.TryGetValue(write.Collection, out var revised))
                {
                    _createdThenChanged[write.Collection] = revised = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                revised[write.Id] = outcome.Revision;
                break;
            default:
                _unchanged++;
                break;
        }
    }

    public BatchResult ToResult(long revisionId) => new(
        revisionId,
        _createdIds.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value),
        _updated.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Keys.Take(BatchResult.MaxListedIds).ToList()),
        _unchanged)
    {
        CreatedCount = CreatedTotal,
        UpdatedCount = UpdatedTotal,
    };
}
