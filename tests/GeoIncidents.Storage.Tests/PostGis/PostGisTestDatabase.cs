using GeoIncidents.Testing;
using Npgsql;

namespace GeoIncidents.Storage.Tests.PostGis;

/// <summary>A fresh PostGIS database per test (STYLE.md 15), dropped on dispose.</summary>
public sealed class PostGisTestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private PostGisTestDatabase(string adminConnectionString, string name, NpgsqlDataSource dataSource)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        DataSource = dataSource;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A data source on the test database with the NTS plugin.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The connection string of the test database.</summary>
    public string ConnectionString => DataSource.ConnectionString;

    /// <summary>Creates a database with the postgis extension.</summary>
    /// <returns>The database; dispose it to drop it.</returns>
    public static async Task<PostGisTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(ExternalServices.PostGisVariable)!;
        var name = "gi_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var adminSource = NpgsqlDataSource.Create(admin))
        await using (var create = adminSource.CreateCommand($"CREATE DATABASE \"{name}\""))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
        await using (var plain = NpgsqlDataSource.Create(builder.ConnectionString))
        await using (var ext = plain.CreateCommand("CREATE EXTENSION IF NOT EXISTS postgis"))
        {
            await ext.ExecuteNonQueryAsync();
        }

        var sourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        sourceBuilder.UseNetTopologySuite();
        return new PostGisTestDatabase(admin, name, sourceBuilder.Build());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var adminSource = NpgsqlDataSource.Create(_adminConnectionString);
        await using var drop = adminSource.CreateCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
