using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Storage;
using GeoIncidents.Server.Endpoints;
using GeoIncidents.Storage;

namespace GeoIncidents.Server.Hosting;

/// <summary>Builds the web application: services, error handling and endpoints.</summary>
public static class ServerApp
{
    /// <summary>Builds the application without starting it.</summary>
    /// <param name="options">Listen address, store and data location.</param>
    /// <param name="args">Extra host arguments (configuration), may be empty.</param>
    /// <returns>A ready-to-run application.</returns>
    /// <exception cref="StoreSchemaException">The store cannot be used (another schema version, not a store).</exception>
    public static WebApplication Build(ServerOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            // Content lives beside the program, not in the caller's current directory.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in GeoJsonSerialization.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }

            o.SerializerOptions.Encoder = GeoJsonSerialization.Options.Encoder;
        });
        var clock = TimeProvider.System;
        builder.Services.AddSingleton(clock);

        // The store is opened (created and seeded on first use) before the host starts, so a bad --db fails fast.
        var location = StoreFactory.Resolve(options.Db);
        var store = StoreFactory.OpenAsync(location, clock, dataDirectory: options.DataDirectory).GetAwaiter().GetResult();
        builder.Services.AddSingleton<IGeoIncidentStore>(_ => store);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();   // /map -> /map/ -> /map/index.html (the map client, built into wwwroot/map)
        app.UseStaticFiles();
        app.MapHealth();
        app.MapCollections();
        return app;
    }

    /// <summary>JSON options for GeoJSON responses.</summary>
    internal static JsonSerializerOptions GeoJson => GeoJsonSerialization.Options;
}
