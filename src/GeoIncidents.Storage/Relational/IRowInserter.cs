using GeoIncidents.Storage.Records;

namespace GeoIncidents.Storage.Relational;

/// <summary>
/// Inserts new rows of one table with a prepared statement inside the write transaction, bypassing EF Core's change
/// tracker: the fast path of large imports. The row is complete (bookkeeping and derived columns set by the write
/// session); every database rule still applies (unique id, R-tree triggers, CHECK constraints).
/// </summary>
internal interface IRowInserter : IDisposable
{
    /// <summary>Inserts a row.</summary>
    /// <param name="row">The bookkeeping and derived columns (its <see cref="RecordRow.Fid"/> and record columns are ignored).</param>
    /// <param name="image">The id, geometry and record columns.</param>
    /// <returns>The new row's fid.</returns>
    /// <exception cref="Core.Storage.RecordExistsException">A row with the id exists.</exception>
    long Insert(RecordRow row, RowImage image);

    /// <summary>Inserts a row unless a row with its id exists (then nothing is written).</summary>
    /// <param name="row">As for <see cref="Insert"/>.</param>
    /// <param name="image">As for <see cref="Insert"/>.</param>
    /// <returns>The new row's fid, or 0 when a row with the id exists.</returns>
    long TryInsert(RecordRow row, RowImage image);

    /// <summary>The ids of the rows this inserter created, in fid order, when it keeps them (a bulk insert); else null.</summary>
    CreatedIds? Created { get; }

    /// <summary>Finishes deferred work (e.g. spatial index entries of a bulk insert) before the write's follow-ups read the table.</summary>
    void Complete();

    /// <summary>Drops deferred work for a row this inserter wrote whose geometry is about to change (its triggers index the new one).</summary>
    /// <param name="fid">The row's fid.</param>
    void Forget(long fid);
}
