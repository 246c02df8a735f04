using GeoIncidents.Core.Storage;

namespace GeoIncidents.Storage.Interchange;

/// <summary>How far an import has come (reported from the reading and the writing side; read it from any thread).</summary>
/// <param name="BytesRead">Bytes of the input read so far.</param>
/// <param name="TotalBytes">The input's size in bytes (0 when unknown).</param>
/// <param name="RecordsRead">Records (rows or features) read so far.</param>
/// <param name="RecordsWritten">Records handed to the store so far (nothing is visible before the commit).</param>
public readonly record struct ImportProgress(long BytesRead, long TotalBytes, long RecordsRead, long RecordsWritten);

/// <summary>What an import does besides reading the file.</summary>
public sealed class ImportOptions
{
    /// <summary>Who imports (written to the batch revision); default: the current OS user.</summary>
    public StoreActor Actor { get; init; } = StoreActor.CurrentUser;

    /// <summary>The clock for plausibility warnings (future dates); default: the system clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Receives progress about every 1,000 records, or null.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>
    /// Receives every problem as it is found (one line of text each: <c>line 7: latitude: …</c> or
    /// <c>feature 3: properties.occurred: …</c>), on the reading thread; null keeps only the first
    /// <see cref="ImportResult.MaxErrorsKept"/> in the result.
    /// </summary>
    public Action<string>? OnError { get; init; }
}

/// <summary>The outcome of an import.</summary>
/// <param name="Accepted">True when the file was written (as one batch revision); false when it was rejected and nothing was written.</param>
/// <param name="Records">Records read (rows or features).</param>
/// <param name="BadRecords">Records with at least one error.</param>
/// <param name="ErrorCount">Errors found (a record may have several).</param>
/// <param name="Errors">The first <see cref="MaxErrorsKept"/> errors, as text.</param>
/// <param name="WarnedRecords">Records stored with plausibility warnings (lat/lon swap, far outside admin1, ...).</param>
/// <param name="Batch">What the store wrote, when accepted.</param>
/// <param name="Source">The file as named in the revision (name and SHA-256).</param>
/// <param name="Notes">Changes the import made that the user should know (e.g. a reference line part reversed).</param>
public sealed record ImportResult(
    bool Accepted,
    long Records,
    long BadRecords,
    long ErrorCount,
    IReadOnlyList<string> Errors,
    long WarnedRecords,
    BatchResult? Batch,
    BatchSource Source,
    IReadOnlyList<string> Notes)
{
    /// <summary>How many error lines a result keeps (all are passed to <see cref="ImportOptions.OnError"/>).</summary>
    public const int MaxErrorsKept = 1000;
}

/// <summary>The import found bad records; the store was left unchanged.</summary>
internal sealed class ImportRejectedException() : Exception("the input has bad records; nothing was written");
