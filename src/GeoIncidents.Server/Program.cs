using GeoIncidents.Server.Hosting;

// Composition only: everything is built by ServerApp, shared with the CLI's `serve` and the tests.
var app = ServerApp.Build(ServerOptions.FromArgs(args), args);
await app.RunAsync();
