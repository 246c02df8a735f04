using GeoIncidents.Core.Storage;

namespace GeoIncidents.Storage.Interchange;

/// <summary>
/// The state of one import, shared by its reading task and its writing task: counts, the first errors, whether it
/// was rejected, and progress. Thread-safe; receives the store's "records written" progress.
/// </summary>
internal sealed class ImportRun : IProgress<long>
{
    private const int ProgressEvery = 1000;

    private readonly ImportOptions _options;
    private readonly long _totalBytes;
    private readonly List<string> _errors = [];
    private readonly Lock _gate = new();
    private long _records;
    private long _bad;
    private long _errorCount;
    private long _warned;
    private long _written;
    private long _bytes;
    private int _rejected;

    public ImportRun(ImportOptions options, long totalBytes)
    {
        _options = options;
        _totalBytes = totalBytes;
    }

    /// <summary>True once any bad record (or a file-level problem) was found.</summary>
    public bool Rejected => Volatile.Read(ref _rejected) != 0;

    public long Records => Interlocked.Read(ref _records);

    /// <summary>A record read without error.</summary>
    /// <param name="warned">It carries plausibility warnings.</param>
    public void Good(bool warned)
    {
        Interlocked.Increment(ref _records);
        if (warned)
        {
            Interlocked.Increment(ref _warned);
        }
    }

    /// <summary>A record with errors: counted, reported, and the import is rejected.</summary>
    /// <param name="errors">Its errors, as text.</param>
    public void Bad(IEnumerable<string> errors)
    {
        Interlocked.Increment(ref _records);
        Interlocked.Increment(ref _bad);
        foreach (var e in errors)
        {
            AddError(e);
        }

        Volatile.Write(ref _rejected, 1);
    }

    /// <summary>A problem not tied to one record (the file, the store): reported, and the import is rejected.</summary>
    /// <param name="records">Records it concerns (0 for the file).</param>
    /// <param name="message">The problem.</param>
    public void Fail(long records, string message)
    {
        Interlocked.Add(ref _bad, records);
        AddError(message);
        Volatile.Write(ref _rejected, 1);
    }

    /// <summary>Reports reading progress (every <see cref="ProgressEvery"/> records, or when forced).</summary>
    /// <param name="bytesRead">Bytes of the input consumed.</param>
    /// <param name="force">Report now.</param>
    public void Report(long bytesRead, bool force = false)
    {
        Volatile.Write(ref _bytes, bytesRead);
        if (force || Records % ProgressEvery == 0)
        {
            Publish();
        }
    }

    /// <summary>The store's progress: records written so far.</summary>
    /// <param name="value">The count.</param>
    void IProgress<long>.Report(long value)
    {
        Volatile.Write(ref _written, value);
        Publish();
    }

    public ImportResult Result(bool accepted, BatchResult? batch, BatchSource source, IReadOnlyList<string> notes)
    {
        lock (_gate)
        {
            return new ImportResult(accepted, Records, Interlocked.Read(ref _bad), Interlocked.Read(ref _errorCount), [.. _errors],
                Interlocked.Read(ref _warned), accepted ? batch : null, source, notes);
        }
    }

    private void AddError(string error)
    {
        Interlocked.Increment(ref _errorCount);
        lock (_gate)
        {
            if (_errors.Count < ImportResult.MaxErrorsKept)
            {
                _errors.Add(error);
            }
        }

        _options.OnError?.Invoke(error);
    }

    private void Publish() => _options.Progress?.Report(new ImportProgress(Volatile.Read(ref _bytes), _totalBytes, Records, Volatile.Read(ref _written)));
}
