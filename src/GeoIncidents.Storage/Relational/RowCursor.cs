using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using NetTopologySuite.Geometries;
using SQLitePCL;

namespace GeoIncidents.Storage.Relational;

/// <summary>
/// One row of <see cref="EfRecordSet{T, TRow}.StreamRowsAsync"/>, read by column name: the stable id, the geometry as
/// the backend stores it (a GeoPackage blob, or an NTS geometry from PostGIS), the record's columns (named as its
/// GeoJSON properties) and the revision and update time. Valid until the next row. The <c>Write…</c> members copy a
/// value straight into a JSON writer (on GeoPackage from SQLite's UTF-8 buffers, without a string per value).
/// </summary>
internal abstract class RowCursor(StoreTable table)
{
    private object? _lastUpdatedKey;
    private string? _lastUpdatedText;

    public StoreTable Table { get; } = table;

    public abstract string Id { get; }

    /// <summary>The geometry as stored: a GeoPackage blob (byte[]), an NTS <see cref="Geometry"/>, or null.</summary>
    public abstract object? GeometryValue { get; }

    public abstract int? Revision { get; }

    public abstract DateTimeOffset? Updated { get; }

    /// <summary>Whether column <paramref name="index"/> (of <see cref="StoreTable.Columns"/>) is NULL.</summary>
    public abstract bool IsNull(int index);

    public abstract string GetString(int index);

    public abstract double GetDouble(int index);

    public abstract long GetInt64(int index);

    public bool GetBoolean(int index) => GetInt64Or(index) != 0;

    /// <summary>A date column as <c>yyyy-MM-dd</c>.</summary>
    public abstract string GetDateText(int index);

    /// <summary>A text column by name, or null.</summary>
    public string? Text(string name)
    {
        for (var i = 0; i < Table.Columns.Count; i++)
        {
            if (Table.Columns[i].Name == name)
            {
                return IsNull(i) ? null : GetString(i);
            }
        }

        return null;
    }

    /// <summary>The geometry decoded (for exact filters and non-point output).</summary>
    public Geometry? ReadGeometry() => GeometryValue switch
    {
        null => null,
        byte[] blob => GpkgBlob.Read(blob),
        Geometry g => g,
        var other => throw new InvalidCastException($"unexpected geometry value {other.GetType().Name}"),
    };

    public virtual void WriteId(Utf8JsonWriter writer, JsonEncodedText name) => writer.WriteString(name, Id);

    public virtual void WriteText(Utf8JsonWriter writer, JsonEncodedText name, int index) => writer.WriteString(name, GetString(index));

    /// <summary>Writes a JSON column as it is stored (the store only ever holds valid JSON there: a CHECK constraint on GeoPackage).</summary>
    public virtual void WriteJson(Utf8JsonWriter writer, JsonEncodedText name, int index)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(GetString(index), skipInputValidation: true);
    }

    /// <summary>The X and Y of a non-empty point geometry, read without building a geometry; false for anything else.</summary>
    public virtual bool TryGetPoint(out double x, out double y)
    {
        switch (GeometryValue)
        {
            case byte[] blob:
                return GpkgBlob.TryReadPoint(blob, out x, out y);
            case Point { IsEmpty: false } p:
                (x, y) = (p.X, p.Y);
                return true;
            default:
                x = y = double.NaN;
                return false;
        }
    }

    /// <summary>The update time in the API's form (<c>2026-11-26T12:00:00.123Z</c>); consecutive equal values are formatted once.</summary>
    public string? UpdatedText()
    {
        var key = UpdatedKey();
        if (key is null)
        {
            return null;
        }

        if (!key.Equals(_lastUpdatedKey))
        {
            _lastUpdatedKey = key;
            _lastUpdatedText = Updated!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        }

        return _lastUpdatedText;
    }

    /// <summary>The raw stored update value (compared to skip re-formatting), or null.</summary>
    private protected abstract object? UpdatedKey();

    private protected abstract long GetInt64Or(int index);
}

/// <summary>A row read through ADO.NET (PostGIS; any provider).</summary>
internal sealed class DbRowCursor : RowCursor
{
    private readonly DbDataReader _reader;
    private readonly int _id;
    private readonly int _geometry;
    private readonly int _revision;
    private readonly int _updated;
    private readonly int[] _columns;

    public DbRowCursor(StoreTable table, DbDataReader reader)
        : base(table)
    {
        _reader = reader;
        _id = reader.GetOrdinal("id");
        _geometry = table.IsFeature ? reader.GetOrdinal("geom") : -1;
        _revision = reader.GetOrdinal("revision");
        _updated = reader.GetOrdinal("updated");
        _columns = table.Columns.Select(c => reader.GetOrdinal(c.Name)).ToArray();
    }

    public override string Id => _reader.GetString(_id);

    public override object? GeometryValue => _geometry < 0 || _reader.IsDBNull(_geometry) ? null : _reader.GetValue(_geometry);

    public override int? Revision => _reader.IsDBNull(_revision) ? null : Convert.ToInt32(_reader.GetValue(_revision), CultureInfo.InvariantCulture);

    public override DateTimeOffset? Updated => _reader.IsDBNull(_updated) ? null : _reader.GetValue(_updated) switch
    {
        string text => GpkgDateTime.Parse(text),
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var other => throw new InvalidCastException($"unexpected updated value {other.GetType().Name}"),
    };

    public override bool IsNull(int index) => _reader.IsDBNull(_columns[index]);

    public override string GetString(int index) => _reader.GetString(_columns[index]);

    public override double GetDouble(int index) => _reader.GetDouble(_columns[index]);

    public override long GetInt64(int index) => _reader.GetInt64(_columns[index]);

    public override string GetDateText(int index) => _reader.GetValue(_columns[index]) switch
    {
        string text => text,
        DateOnly d => GpkgDateTime.FormatDate(d),
        DateTime d => GpkgDateTime.FormatDate(DateOnly.FromDateTime(d)),
        var other => throw new InvalidCastException($"unexpected date value {other.GetType().Name}"),
    };

    private protected override object? UpdatedKey() => _reader.IsDBNull(_updated) ? null : _reader.GetValue(_updated);

    private protected override long GetInt64Or(int index) => Convert.ToInt64(_reader.GetValue(_columns[index]), CultureInfo.InvariantCulture);
}

/// <summary>
/// A row read through SQLitePCL directly (GeoPackage): values are read from SQLite's own buffers, text as UTF-8 spans,
/// the geometry blob without a copy.
/// </summary>
internal sealed class SqliteRowCursor : RowCursor
{
    private const int SqliteNull = 5;

    private readonly sqlite3_stmt _statement;
    private readonly int _id;
    private readonly int _geometry;
    private readonly int _revision;
    private readonly int _updated;
    private readonly int[] _columns;

    public SqliteRowCursor(StoreTable table, sqlite3_stmt statement)
        : base(table)
    {
        _statement = statement;
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < raw.sqlite3_column_count(statement); i++)
        {
            ordinals.TryAdd(raw.sqlite3_column_name(statement, i).utf8_to_string(), i);
        }

        int Ordinal(string name) => ordinals.TryGetValue(name, out var i) ? i : throw new InvalidOperationException($"the query has no column '{name}'");
        _id = Ordinal("id");
        _geometry = table.IsFeature ? Ordinal("geom") : -1;
        _revision = Ordinal("revision");
        _updated = Ordinal("updated");
        _columns = table.Columns.Select(c => Ordinal(c.Name)).ToArray();
    }

    public override string Id => Utf8(_id);

    public override object? GeometryValue => _geometry < 0 || Null(_geometry) ? null : raw.sqlite3_column_blob(_statement, _geometry).ToArray();

    public override int? Revision => Null(_revision) ? null : raw.sqlite3_column_int(_statement, _revision);

    public override DateTimeOffset? Updated => Null(_updated) ? null : GpkgDateTime.Parse(Utf8(_updated));

    public override bool IsNull(int index) => Null(_columns[index]);

    public override string GetString(int index) => Utf8(_columns[index]);

    public override double GetDouble(int index) => raw.sqlite3_column_double(_statement, _columns[index]);

    public override long GetInt64(int index) => raw.sqlite3_column_int64(_statement, _columns[index]);

    public override string GetDateText(int index) => Utf8(_columns[index]);

    public override void WriteId(Utf8JsonWriter writer, JsonEncodedText name) => writer.WriteString(name, raw.sqlite3_column_blob(_statement, _id));

    public override void WriteText(Utf8JsonWriter writer, JsonEncodedText name, int index) =>
        writer.WriteString(name, raw.sqlite3_column_blob(_statement, _columns[index]));

    public override void WriteJson(Utf8JsonWriter writer, JsonEncodedText name, int index)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(raw.sqlite3_column_blob(_statement, _columns[index]), skipInputValidation: true);
    }

    public override bool TryGetPoint(out double x, out double y)
    {
        if (_geometry < 0 || Null(_geometry))
        {
            x = y = double.NaN;
            return false;
        }

        return GpkgBlob.TryReadPoint(raw.sqlite3_column_blob(_statement, _geometry), out x, out y);
    }

    private protected override object? UpdatedKey() => Null(_updated) ? null : Utf8(_updated);

    private protected override long GetInt64Or(int index) => raw.sqlite3_column_int64(_statement, _columns[index]);

    /// <summary>Copies the current row into a batch (for a reader and a writer on two threads).</summary>
    internal void CopyTo(RowBatch batch)
    {
        batch.BeginRow();
        batch.AddBytes(raw.sqlite3_column_blob(_statement, _id));
        if (_geometry < 0 || Null(_geometry))
        {
            batch.AddNull();
        }
        else
        {
            batch.AddBytes(raw.sqlite3_column_blob(_statement, _geometry));
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            var ordinal = _columns[i];
            if (Null(ordinal))
            {
                batch.AddNull();
                continue;
            }

            switch (Table.Columns[i].Kind)
            {
                case ColumnKind.Real:
                    batch.AddDouble(raw.sqlite3_column_double(_statement, ordinal));
                    break;
                case ColumnKind.Integer or ColumnKind.Boolean:
                    batch.AddInt64(raw.sqlite3_column_int64(_statement, ordinal));
                    break;
                default:
                    batch.AddBytes(raw.sqlite3_column_blob(_statement, ordinal));
                    break;
            }
        }

        if (Null(_updated))
        {
            batch.AddNull();
        }
        else
        {
            batch.AddBytes(raw.sqlite3_column_blob(_statement, _updated));
        }

        batch.EndRow(Revision);
    }

    private bool Null(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) == SqliteNull;

    private string Utf8(int ordinal) => System.Text.Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, ordinal));
}

/// <summary>
/// Rows copied out of a <see cref="SqliteRowCursor"/> into one byte arena (text and blobs as SQLite holds them,
/// numbers as 8 bytes), so that one thread can step the statement while another writes the rows out. Slots per row:
/// id, geometry, the table's columns, the update time; a slot of length -1 is NULL.
/// </summary>
internal sealed class RowBatch(StoreTable table)
{
    /// <summary>A batch is handed over at this many rows...</summary>
    public const int MaxRows = 512;

    /// <summary>...or at this many bytes.</summary>
    public const int MaxBytes = 1 << 19;

    private readonly int _slotsPerRow = table.Columns.Count + 3;
    private byte[] _data = new byte[MaxBytes + (16 * 1024)];
    private int[] _offsets = new int[(table.Columns.Count + 3) * MaxRows];
    private int[] _lengths = new int[(table.Columns.Count + 3) * MaxRows];
    private readonly int?[] _revisions = new int?[MaxRows];
    private int _used;
    private int _slot;

    public StoreTable Table { get; } = table;

    public int Count { get; private set; }

    public bool IsFull => Count >= MaxRows || _used >= MaxBytes;

    public void Clear() => (Count, _used, _slot) = (0, 0, 0);

    public void BeginRow() => _slot = Count * _slotsPerRow;

    public void AddNull()
    {
        _offsets[_slot] = _used;
        _lengths[_slot++] = -1;
    }

    public void AddBytes(ReadOnlySpan<byte> bytes)
    {
        var target = Reserve(bytes.Length);
        bytes.CopyTo(target);
    }

    public void AddDouble(double value) => System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void AddInt64(long value) => System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void EndRow(int? revision) => _revisions[Count++] = revision;

    /// <summary>Slot <paramref name="slot"/> (0 id, 1 geometry, 2.. columns, last update time) of row <paramref name="row"/>; false when NULL.</summary>
    public bool TryGet(int row, int slot, out ReadOnlySpan<byte> bytes)
    {
        var k = (row * _slotsPerRow) + slot;
        if (_lengths[k] < 0)
        {
            bytes = default;
            return false;
        }

        bytes = _data.AsSpan(_offsets[k], _lengths[k]);
        return true;
    }

    public int? RevisionOf(int row) => _revisions[row];

    private Span<byte> Reserve(int length)
    {
        if (_used + length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + length));
        }

        _offsets[_slot] = _used;
        _lengths[_slot++] = length;
        var span = _data.AsSpan(_used, length);
        _used += length;
        return span;
    }
}

/// <summary>A row of a <see cref="RowBatch"/>, read as the <see cref="SqliteRowCursor"/> it was copied from reads it.</summary>
internal sealed class BatchRowCursor(StoreTable table) : RowCursor(table)
{
    private readonly int _updatedSlot = table.Columns.Count + 2;

    /// <summary>The batch.</summary>
    public RowBatch? Batch { get; set; }

    /// <summary>The row of <see cref="Batch"/>.</summary>
    public int Row { get; set; }

    public override string Id => Utf8(0) ?? string.Empty;

    public override object? GeometryValue => Batch!.TryGet(Row, 1, out var blob) ? blob.ToArray() : null;

    public override int? Revision => Batch!.RevisionOf(Row);

    public override DateTimeOffset? Updated => Utf8(_updatedSlot) is { } text ? GpkgDateTime.Parse(text) : null;

    public override bool IsNull(int index) => !Batch!.TryGet(Row, index + 2, out _);

    public override string GetString(int index) => Utf8(index + 2) ?? throw new InvalidOperationException("the column is NULL");

    public override double GetDouble(int index) => Table.Columns[index].Kind == ColumnKind.Real
        ? System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(Bytes(index + 2))
        : System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Bytes(index + 2));

    public override long GetInt64(int index) => Table.Columns[index].Kind == ColumnKind.Real
        ? (long)System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(Bytes(index + 2))
        : System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Bytes(index + 2));

    public override string GetDateText(int index) => GetString(index);

    public override void WriteId(Utf8JsonWriter writer, JsonEncodedText name) => writer.WriteString(name, Bytes(0));

    public override void WriteText(Utf8JsonWriter writer, JsonEncodedText name, int index) => writer.WriteString(name, Bytes(index + 2));

    public override void WriteJson(Utf8JsonWriter writer, JsonEncodedText name, int index)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(Bytes(index + 2), skipInputValidation: true);
    }

    public override bool TryGetPoint(out double x, out double y)
    {
        if (!Batch!.TryGet(Row, 1, out var blob))
        {
            x = y = double.NaN;
            return false;
        }

        return GpkgBlob.TryReadPoint(blob, out x, out y);
    }

    private protected override object? UpdatedKey() => Utf8(_updatedSlot);

    private protected override long GetInt64Or(int index) => GetInt64(index);

    private ReadOnlySpan<byte> Bytes(int slot) => Batch!.TryGet(Row, slot, out var bytes) ? bytes : throw new InvalidOperationException("the column is NULL");

    private string? Utf8(int slot) => Batch!.TryGet(Row, slot, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
