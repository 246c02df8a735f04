using System.Data.Common;
using System.Globalization;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Relational;

/// <summary>
/// One row of <see cref="EfRecordSet{T, TRow}.StreamRowsAsync"/>, read straight from the data reader by column name:
/// the stable id, the geometry as the backend returns it (a GeoPackage blob, or an NTS geometry from PostGIS), the
/// record's columns (named as its GeoJSON properties) and the revision and update time. Valid until the next row.
/// </summary>
internal sealed class RowCursor
{
    private readonly DbDataReader _reader;
    private readonly int _id;
    private readonly int _geometry;
    private readonly int _revision;
    private readonly int _updated;
    private readonly int[] _columns;

    public RowCursor(StoreTable table, DbDataReader reader)
    {
        Table = table;
        _reader = reader;
        _id = reader.GetOrdinal("id");
        _geometry = table.IsFeature ? reader.GetOrdinal("geom") : -1;
        _revision = reader.GetOrdinal("revision");
        _updated = reader.GetOrdinal("updated");
        _columns = table.Columns.Select(c => reader.GetOrdinal(c.Name)).ToArray();
    }

    public StoreTable Table { get; }

    public string Id => _reader.GetString(_id);

    /// <summary>The geometry as stored: a GeoPackage blob (byte[]), an NTS <see cref="Geometry"/>, or null.</summary>
    public object? GeometryValue => _geometry < 0 || _reader.IsDBNull(_geometry) ? null : _reader.GetValue(_geometry);

    public int? Revision => _reader.IsDBNull(_revision) ? null : Convert.ToInt32(_reader.GetValue(_revision), CultureInfo.InvariantCulture);

    public DateTimeOffset? Updated => _reader.IsDBNull(_updated) ? null : _reader.GetValue(_updated) switch
    {
        string text => GpkgDateTime.Parse(text),
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var other => throw new InvalidCastException($"unexpected updated value {other.GetType().Name}"),
    };

    /// <summary>Whether column <paramref name="index"/> (of <see cref="StoreTable.Columns"/>) is NULL.</summary>
    public bool IsNull(int index) => _reader.IsDBNull(_columns[index]);

    public string GetString(int index) => _reader.GetString(_columns[index]);

    public double GetDouble(int index) => Convert.ToDouble(_reader.GetValue(_columns[index]), CultureInfo.InvariantCulture);

    public long GetInt64(int index) => Convert.ToInt64(_reader.GetValue(_columns[index]), CultureInfo.InvariantCulture);

    public bool GetBoolean(int index) => Convert.ToBoolean(_reader.GetValue(_columns[index]), CultureInfo.InvariantCulture);

    /// <summary>A date column as <c>yyyy-MM-dd</c>.</summary>
    public string GetDateText(int index) => _reader.GetValue(_columns[index]) switch
    {
        string text => text,
        DateOnly d => GpkgDateTime.FormatDate(d),
        DateTime d => GpkgDateTime.FormatDate(DateOnly.FromDateTime(d)),
        var other => throw new InvalidCastException($"unexpected date value {other.GetType().Name}"),
    };

    /// <summary>A text column by name, or null.</summary>
    public string? Text(string name)
    {
        var index = Table.Columns.ToList().FindIndex(c => c.Name == name);
        return index < 0 || IsNull(index) ? null : GetString(index);
    }

    /// <summary>The geometry decoded (for exact filters and non-point output).</summary>
    public Geometry? ReadGeometry() => GeometryValue switch
    {
        null => null,
        byte[] blob => GpkgBlob.Read(blob),
        Geometry g => g,
        var other => throw new InvalidCastException($"unexpected geometry value {other.GetType().Name}"),
    };
}
