using System.CommandLine;
using GeoIncidents.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace GeoIncidents.Cli.Commands;

/// <summary><c>geoincidents serve [--db PATH|CONN] [--urls URL]</c>: runs the HTTP service on the store until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Listen address(es), semicolon-separated",
            DefaultValueFactory = _ => ServerOptions.DefaultUrls,
        };
        var db = StoreOptions.Db();
        var command = new Command("serve", "Run the HTTP service (OGC API - Features, /health) on the store") { urls, db };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ServerOptions { Urls = parse.GetValue(urls)!, Db = parse.GetValue(db) };
            var app = ServerApp.Build(options);
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
