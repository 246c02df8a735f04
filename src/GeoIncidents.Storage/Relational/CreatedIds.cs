namespace GeoIncidents.Storage.Relational;

/// <summary>
/// The ids of the rows a bulk inserter created, in the order of their fids, as UTF-8 in one buffer (about 12 bytes per
/// id for ACLED's ids): the batch revision lists them from here instead of reading every new row back (a million-row
/// import read its 1.4 GB of new rows once more for that).
/// </summary>
internal sealed class CreatedIds
{
    private byte[] _bytes = new byte[4096];
    private int[] _ends = new int[256];
    private int _length;

    /// <summary>How many ids.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the id of the next row created (the next fid).</summary>
    /// <param name="utf8">The id as UTF-8.</param>
    public void Add(ReadOnlySpan<byte> utf8)
    {
        if (_length + utf8.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + utf8.Length));
        }

        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        utf8.CopyTo(_bytes.AsSpan(_length));
        _length += utf8.Length;
        _ends[Count++] = _length;
    }

    /// <summary>The id of the <paramref name="index"/>-th row created, as UTF-8.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>Its bytes (valid until the next <see cref="Add"/>).</returns>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var start = index == 0 ? 0 : _ends[index - 1];
            return _bytes.AsSpan(start, _ends[index] - start);
        }
    }
}
