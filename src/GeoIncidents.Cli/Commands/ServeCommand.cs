using System.CommandLine;
using GeoIncidents.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace GeoIncidents.Cli.Commands;

/// <summary><c>geoincidents serve [--urls URL]</c>: runs the HTTP service until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Listen address(es), semicolon-separated",
            DefaultValueFactory = _ => ServerOptions.DefaultUrls,
        };
        var command = new Command("serve", "Run the HTTP service (OGC API - Features, /health)") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ServerOptions { Urls = parse.GetValue(urls)! };
            var app = ServerApp.Build(options);
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
