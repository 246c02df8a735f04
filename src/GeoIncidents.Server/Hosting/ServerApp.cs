using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.ShippedData;
using GeoIncidents.Server.Endpoints;

namespace GeoIncidents.Server.Hosting;

/// <summary>Builds the web application: services, error handling and endpoints.</summary>
public static class ServerApp
{
    /// <summary>Builds the application without starting it.</summary>
    /// <param name="options">Listen address and data location.</param>
    /// <param name="args">Extra host arguments (configuration), may be empty.</param>
    /// <returns>A ready-to-run application.</returns>
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
        builder.Services.AddSingleton(_ => ShippedDataSet.Load(options.DataDirectory));
        builder.Services.AddSingleton(TimeProvider.System);

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
