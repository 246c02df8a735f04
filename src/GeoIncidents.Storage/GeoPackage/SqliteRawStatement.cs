using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// A prepared statement driven through SQLitePCL directly (the library under Microsoft.Data.Sqlite), binding by
/// position: the per-row overhead of <see cref="SqliteCommand"/> (parameter lookup by name, a data reader per
/// execution) dominates bulk inserts of wide rows. It runs on the connection's handle, so it joins the connection's
/// current transaction. Text is bound as UTF-8 from a reused buffer.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[1024];

    /// <summary>Prepares a statement on an open connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL, with positional parameters <c>?1</c>, <c>?2</c>, ...</param>
    /// <exception cref="SqliteException">The SQL does not compile.</exception>
    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
    }

    /// <summary>Binds UTF-8 text (SQLite copies it).</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="utf8">The text's UTF-8 bytes.</param>
    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void Bind(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, double? value) => Check(value is { } v ? raw.sqlite3_bind_double(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, byte[]? value) => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to completion and resets it for the next row.</summary>
    /// <exception cref="SqliteException">SQLite reports an error (e.g. a constraint); the statement is reset.</exception>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != SqliteDone)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));
        }
    }

    /// <summary>Runs a data-changing statement to completion and resets it for the next row.</summary>
    /// <returns>True when it changed a row (false, e.g., for an insert that <c>ON CONFLICT DO NOTHING</c> skipped).</returns>
    /// <exception cref="SqliteException">SQLite reports an error (e.g. a constraint); the statement is reset.</exception>
    public bool ExecuteChanged()
    {
        Execute();
        return raw.sqlite3_changes(_connection.Handle) > 0;
    }

    /// <summary>The SQLitePCL statement (for reading columns of the current row).</summary>
    public sqlite3_stmt Handle => _statement;

    /// <summary>
    /// Prepares the SQL of an ADO.NET command (e.g. one EF Core generated) with its parameters bound by name: text,
    /// integers, reals, blobs, booleans (0/1) and NULL.
    /// </summary>
    /// <param name="connection">The open connection the command belongs to.</param>
    /// <param name="command">The command.</param>
    /// <returns>The prepared statement.</returns>
    /// <exception cref="SqliteException">The SQL does not compile or a parameter is not in it.</exception>
    /// <exception cref="NotSupportedException">A parameter value has another type.</exception>
    public static SqliteRawStatement Prepare(SqliteConnection connection, System.Data.Common.DbCommand command)
    {
        var statement = new SqliteRawStatement(connection, command.CommandText);
        try
        {
            foreach (System.Data.Common.DbParameter p in command.Parameters)
            {
                var name = p.ParameterName.Length > 0 && p.ParameterName[0] is '@' or '$' or ':' ? p.ParameterName : "@" + p.ParameterName;
                var index = raw.sqlite3_bind_parameter_index(statement._statement, name);
                if (index == 0)
                {
                    throw new SqliteException($"parameter {name} is not in the statement", 1);
                }

                switch (p.Value)
                {
                    case null or DBNull:
                        statement.Check(raw.sqlite3_bind_null(statement._statement, index));
                        break;
                    case string text:
                        statement.Bind(index, text);
                        break;
                    case byte[] blob:
                        statement.Bind(index, blob);
                        break;
                    case double d:
                        statement.Bind(index, d);
                        break;
                    case float f:
                        statement.Bind(index, (double)f);
                        break;
                    case bool b:
                        statement.Bind(index, b ? 1L : 0L);
                        break;
                    case long or int or short or byte:
                        statement.Bind(index, Convert.ToInt64(p.Value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new NotSupportedException($"parameter {name} has a value of type {p.Value.GetType().Name}");
                }
            }

            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>Steps to the next result row.</summary>
    /// <returns>True on a row; false when done.</returns>
    /// <exception cref="SqliteException">SQLite reports an error.</exception>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == SqliteRow)
        {
            return true;
        }

        if (rc == SqliteDone)
        {
            return false;
        }

        throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != 0)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));
        }
    }
}
