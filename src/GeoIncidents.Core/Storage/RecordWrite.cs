using System.Security.Cryptography;

namespace GeoIncidents.Core.Storage;

/// <summary>What a <see cref="RecordWrite"/> does.</summary>
public enum RecordWriteKind
{
    /// <summary>Create a record; its id must be new.</summary>
    Create,

    /// <summary>Update an existing record, checking its revision when one is expected.</summary>
    Update,

    /// <summary>Create the record, or update it when the id exists (an identical record is left unchanged): idempotent re-import by id.</summary>
    Put,

    /// <summary>Retract an existing record (the row stays, flagged).</summary>
    Retract,
}

/// <summary>One write of a batch (<see cref="IGeoIncidentStore.WriteBatchAsync"/>).</summary>
public sealed record RecordWrite
{
    private RecordWrite(RecordWriteKind kind, StoreCollection collection, string id, object? record, int? expectedRevision)
    {
        Kind = kind;
        Collection = collection;
        Id = id;
        Record = record;
        ExpectedRevision = expectedRevision;
    }

    /// <summary>What the write does.</summary>
    public RecordWriteKind Kind { get; }

    /// <summary>The collection written.</summary>
    public StoreCollection Collection { get; }

    /// <summary>The record's id.</summary>
    public string Id { get; }

    /// <summary>The record (null for <see cref="RecordWriteKind.Retract"/>).</summary>
    public object? Record { get; }

    /// <summary>For updates and retractions, the revision the writer last saw, or null to skip the check.</summary>
    public int? ExpectedRevision { get; }

    /// <summary>Creates a record.</summary>
    /// <typeparam name="T">A stored record type.</typeparam>
    /// <param name="record">The record.</param>
    /// <returns>The write.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not stored.</exception>
    public static RecordWrite Create<T>(T record)
        where T : class => new(RecordWriteKind.Create, StoreCollections.Of<T>(), IdOf(record), record, null);

    /// <summary>Updates a record.</summary>
    /// <typeparam name="T">A stored record type.</typeparam>
    /// <param name="record">The new state.</param>
    /// <param name="expectedRevision">The revision the writer saw, or null to skip the check.</param>
    /// <returns>The write.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not stored.</exception>
    public static RecordWrite Update<T>(T record, int? expectedRevision = null)
        where T : class => new(RecordWriteKind.Update, StoreCollections.Of<T>(), IdOf(record), record, expectedRevision);

    /// <summary>Creates or updates a record by id (idempotent: an identical record stays at its revision).</summary>
    /// <typeparam name="T">A stored record type.</typeparam>
    /// <param name="record">The record.</param>
    /// <returns>The write.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not stored.</exception>
    public static RecordWrite Put<T>(T record)
        where T : class => new(RecordWriteKind.Put, StoreCollections.Of<T>(), IdOf(record), record, null);

    /// <summary>Retracts a record.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="expectedRevision">The revision the writer saw, or null to skip the check.</param>
    /// <returns>The write.</returns>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public static RecordWrite Retract(StoreCollection collection, string id, int? expectedRevision = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new RecordWrite(RecordWriteKind.Retract, collection, id, null, expectedRevision);
    }

    /// <summary>The stable id of a stored record.</summary>
    /// <param name="record">A record of a stored type.</param>
    /// <returns>Its id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">The record is not of a stored type.</exception>
    public static string IdOf(object record) => record switch
    {
        null => throw new ArgumentNullException(nameof(record)),
        Model.Incident r => r.Id,
        Model.Claim r => r.Id,
        Model.Region r => r.Id,
        Model.ReferenceLine r => r.Id,
        Model.Zone r => r.Id,
        Model.Place r => r.Id,
        Model.Party r => r.Id,
        Model.Source r => r.Id,
        Model.ControlEvent r => r.Id,
        ApiKey r => r.Id,
        _ => throw new ArgumentException($"{record.GetType().Name} is not a stored record type", nameof(record)),
    };
}

/// <summary>The file a batch came from, as named in its revision: a name and the SHA-256 of its bytes.</summary>
/// <param name="Name">The file name or path as given (at most 1,000 characters), or a description such as <c>seed: data/</c>.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes as 64 lower-case hex digits.</param>
public sealed record BatchSource(string Name, string Sha256)
{
    /// <summary>
    /// The size of the source in bytes when known, else 0: a hint that lets a store prepare for a large batch (the
    /// GeoPackage store writes a batch from a large file through a rollback journal, see its documentation). Not part
    /// of the revision entry.
    /// </summary>
    public long Bytes { get; init; }

    /// <summary>Hashes a file (streaming).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the hashing.</param>
    /// <returns>The source, named by <paramref name="path"/> as given.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<BatchSource> FromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new BatchSource(path, Convert.ToHexStringLower(hash)) { Bytes = stream.Length };
        }
    }

    /// <summary>Names bytes held in memory (or a set of files hashed together by the caller).</summary>
    /// <param name="name">The name.</param>
    /// <param name="content">The bytes.</param>
    /// <returns>The source.</returns>
    public static BatchSource FromBytes(string name, ReadOnlySpan<byte> content) => new(name, Convert.ToHexStringLower(SHA256.HashData(content)));
}

/// <summary>What a batch wrote, all in one transaction and recorded as one revision.</summary>
/// <param name="RevisionId">The id of the batch's revision entry; 0 when the batch created and changed nothing (then no entry is written).</param>
/// <param name="Created">Ids created, per collection: at most <see cref="MaxListedIds"/> per collection (the revision entry lists them all).</param>
/// <param name="Updated">Ids changed (updated or retracted), per collection: at most <see cref="MaxListedIds"/> per collection.</param>
/// <param name="Unchanged">How many <see cref="RecordWriteKind.Put"/> writes found an identical record.</param>
public sealed record BatchResult(
    long RevisionId,
    IReadOnlyDictionary<StoreCollection, IReadOnlyList<string>> Created,
    IReadOnlyDictionary<StoreCollection, IReadOnlyList<string>> Updated,
    int Unchanged)
{
    /// <summary>How many ids per collection <see cref="Created"/> and <see cref="Updated"/> list at most (a million-row import keeps memory bounded).</summary>
    public const int MaxListedIds = 10_000;

    private readonly int? _createdCount;
    private readonly int? _updatedCount;

    /// <summary>How many records were created (all of them, also beyond <see cref="MaxListedIds"/>).</summary>
    public int CreatedCount
    {
        get => _createdCount ?? Created.Values.Sum(v => v.Count);
        init => _createdCount = value;
    }

    /// <summary>How many records were changed (all of them, also beyond <see cref="MaxListedIds"/>).</summary>
    public int UpdatedCount
    {
        get => _updatedCount ?? Updated.Values.Sum(v => v.Count);
        init => _updatedCount = value;
    }
}
