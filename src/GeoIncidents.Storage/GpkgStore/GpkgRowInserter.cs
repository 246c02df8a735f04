using System.Text;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using GeoIncidents.Storage.Records;
using GeoIncidents.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.GpkgStore;

/// <summary>
/// A prepared <c>INSERT … RETURNING fid</c> for one store table of a GeoPackage, with the values converted exactly as
/// the EF Core model converts them (GeoPackage geometry blobs, DATETIME text in UTC with milliseconds, DATE text,
/// booleans 0/1, JSON text). The R-tree triggers fire as for any insert.
/// </summary>
internal sealed class GpkgRowInserter : IRowInserter
{
    private readonly StoreTable _table;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public GpkgRowInserter(SqliteConnection connection, SqliteTransaction transaction, StoreTable table)
    {
        _table = table;
        var names = new List<string> { "id" };
        if (table.IsFeature)
        {
            names.Add("geom");
        }

        names.AddRange(table.Columns.Select(c => c.Name));
        names.AddRange(["revision", "created", "updated", "retracted"]);
        if (table.Temporal)
        {
            names.AddRange(["time_start", "time_end"]);
        }

        if (table.Searchable)
        {
            names.Add("search_text");
        }

        var sql = new StringBuilder("INSERT INTO \"").Append(table.Name).Append("\" (")
            .AppendJoin(", ", names.Select(n => "\"" + n + "\"")).Append(") VALUES (")
            .AppendJoin(", ", names.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(") RETURNING fid");
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql.ToString();
        _parameters = new SqliteParameter[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            _parameters[i] = _command.CreateParameter();
            _parameters[i].ParameterName = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _command.Parameters.Add(_parameters[i]);
        }

        _command.Prepare();
    }

    public long Insert(RecordRow row)
    {
        var i = 0;
        Set(ref i, row.Id);
        if (_table.IsFeature)
        {
            Set(ref i, row.Geometry is null ? null : GpkgBlob.Write(row.Geometry, GpkgFile.Wgs84SrsId));
        }

        foreach (var column in _table.Columns)
        {
            var value = row[column.Name];
            Set(ref i, value is DateOnly d ? GpkgDateTime.FormatDate(d) : value);
        }

        Set(ref i, row.Revision);
        Set(ref i, Instant(row.Created));
        Set(ref i, Instant(row.Updated));
        Set(ref i, row.Retracted);
        if (_table.Temporal)
        {
            Set(ref i, Instant(row.TimeStart));
            Set(ref i, Instant(row.TimeEnd));
        }

        if (_table.Searchable)
        {
            Set(ref i, row.SearchText);
        }

        try
        {
            return (long)_command.ExecuteScalar()!;
        }
        catch (SqliteException ex) when (ex is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
        {
            throw new RecordExistsException(_table.Collection, row.Id);
        }
    }

    public void Dispose() => _command.Dispose();

    private static string? Instant(DateTimeOffset? value) => value is { } v ? GpkgDateTime.Format(v) : null;

    private void Set(ref int i, object? value) => _parameters[i++].Value = value ?? DBNull.Value;
}
