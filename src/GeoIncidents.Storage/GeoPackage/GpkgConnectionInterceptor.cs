using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Registers SQL functions on every connection EF Core opens: <see cref="Instance"/> the GeoPackage ST_* functions
/// (<see cref="GpkgSqlFunctions"/>), so that SaveChanges on a feature table fires the R-tree triggers instead of failing
/// with "no such function"; other instances the functions an application's own queries call.
/// <see cref="Instance"/> is added by <see cref="GpkgEntityFrameworkExtensions.UseGeoPackage(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder, string, Action{Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder}?)"/>.
/// </summary>
/// <param name="register">Registers the functions on an opened connection.</param>
public sealed class GpkgConnectionInterceptor(Action<SqliteConnection> register) : DbConnectionInterceptor
{
    /// <summary>The shared, stateless instance registering the GeoPackage ST_* functions.</summary>
    public static GpkgConnectionInterceptor Instance { get; } = new(GpkgSqlFunctions.Register);

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    /// <inheritdoc />
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private void Register(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            throw new InvalidOperationException($"GeoPackage storage needs a SqliteConnection, got {connection.GetType().Name}");
        }

        register(sqlite);
    }
}
