using GeoIncidents.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GeoIncidents.Server.Tests.Support;

/// <summary>
/// The real service (the same <see cref="ServerApp"/> that <c>geoincidents serve</c> runs) on real Kestrel,
/// bound to a free loopback port, so out-of-process clients (ogrinfo, Chromium) can reach it. One per test, each
/// on its own store (a temporary GeoPackage, created and seeded from the shipped data) unless the options name one.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _storeDirectory;

    private RunningServer(WebApplication app, Uri baseAddress, string? storeDirectory)
    {
        _app = app;
        _storeDirectory = storeDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for the server.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a server on a free port.</summary>
    /// <param name="options">Options; the URL is replaced by a free loopback port.</param>
    /// <returns>The started server.</returns>
    public static async Task<RunningServer> StartAsync(ServerOptions? options = null)
    {
        options ??= new ServerOptions();
        string? storeDirectory = null;
        if (options.Db is null)
        {
            storeDirectory = Path.Combine(Path.GetTempPath(), "geoincidents-server-" + Guid.NewGuid().ToString("N")[..12]);
            options = options with { Db = Path.Combine(storeDirectory, "store.gpkg") };
        }

        var app = ServerApp.Build(options with { Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningServer(app, new Uri(address.TrimEnd('/') + "/"), storeDirectory);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_storeDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_storeDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; never mask the test's own outcome.
            }
        }
    }
}
