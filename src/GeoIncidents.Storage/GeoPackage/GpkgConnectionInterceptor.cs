using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Registers the GeoPackage ST_* functions (<see cref="GpkgSqlFunctions"/>) on every connection EF Core opens, so
/// that SaveChanges on a feature table fires the R-tree triggers instead of failing with "no such function".
/// Added by <see cref="GpkgEntityFrameworkExtensions.UseGeoPackage(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder, string, Action{Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder}?)"/>.
/// </summary>
public sealed class GpkgConnectionInterceptor : DbConnectionInterceptor
{
    /// <summary>The shared, stateless instance.</summary>
    public static GpkgConnectionInterceptor Instance { get; } = new();

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    /// <inheritdoc />
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            throw new InvalidOperationException($"GeoPackage storage needs a SqliteConnection, got {connection.GetType().Name}");
        }

        GpkgSqlFunctions.Register(sqlite);
    }
}
