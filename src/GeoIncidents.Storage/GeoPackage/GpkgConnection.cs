using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Opening SQLite connections to a GeoPackage file the way every part of the project must: foreign keys on, the
/// R-tree trigger functions registered (<see cref="GpkgSqlFunctions"/>), and write transactions that take the write
/// lock up front. mod_spatialite is never loaded (it links Debian's libsqlite3 and breaks the bundled e_sqlite3).
/// </summary>
public static class GpkgConnection
{
    /// <summary>How long a statement waits for another writer's lock before failing, in seconds.</summary>
    public const int BusyTimeoutSeconds = 30;

    /// <summary>The connection string for a GeoPackage file.</summary>
    /// <param name="path">File path (created on open unless <paramref name="readOnly"/>).</param>
    /// <param name="readOnly">Open read-only (the file must exist).</param>
    /// <param name="pooling">Pool connections (default). Call <see cref="SqliteConnection.ClearAllPools"/> before another process (GDAL) needs the file closed.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static string BuildConnectionString(string path, bool readOnly = false, bool pooling = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = pooling,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>Opens a connection to a GeoPackage file with the ST_* functions registered. Does not initialise the file (see <see cref="GpkgFile.Initialize"/>).</summary>
    /// <param name="path">File path.</param>
    /// <param name="readOnly">Open read-only (the file must exist).</param>
    /// <param name="pooling">Pool connections (default).</param>
    /// <returns>The open connection; the caller disposes it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="SqliteException">The file cannot be opened.</exception>
    public static SqliteConnection Open(string path, bool readOnly = false, bool pooling = true)
    {
        var connection = new SqliteConnection(BuildConnectionString(path, readOnly, pooling));
        try
        {
            GpkgSqlFunctions.Register(connection);
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE, so two writers queue instead of
    /// deadlocking on a lock upgrade): committed when it returns, rolled back when it throws, so a failure midway
    /// leaves no rows, R-tree entries or extent changes behind.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="connection">An open connection without a pending transaction.</param>
    /// <param name="work">The writes; every command must use the transaction it is given.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public static T InWriteTransaction<T>(SqliteConnection connection, Func<SqliteTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(work);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            throw new InvalidOperationException("the connection must be open");
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; see <see cref="InWriteTransaction{T}"/>.</summary>
    /// <param name="connection">An open connection without a pending transaction.</param>
    /// <param name="work">The writes; every command must use the transaction it is given.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public static void InWriteTransaction(SqliteConnection connection, Action<SqliteTransaction> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        InWriteTransaction(connection, tx =>
        {
            work(tx);
            return true;
        });
    }
}
