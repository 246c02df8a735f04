using System.Net;
using System.Text.Json;
using GeoIncidents.Cli.Tests.Support;

namespace GeoIncidents.Cli.Tests.Commands;

public class ServeCommandTests
{
    [Fact]
    public async Task Serve_FromFilesystemRoot_ServesShippedRegionsAndHealth()
    {
        // No --db: the default store under $XDG_DATA_HOME, here a temporary folder, is created and seeded on first use.
        using var dataHome = new TempFolder();
        var port = CliProcess.FreePort();
        using var process = CliProcess.Start(new Dictionary<string, string> { ["XDG_DATA_HOME"] = dataHome.Path, ["GEOINCIDENTS_DB"] = string.Empty }, "serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var health = await WaitForAsync(client, "health", process);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("collections/regions/items?limit=200", UriKind.Relative)));
            Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
            Assert.Equal(95, doc.RootElement.GetProperty("features").GetArrayLength());
            Assert.True(File.Exists(Path.Combine(dataHome.Path, "geoincidents", "geoincidents.gpkg")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task UnknownCommand_IsUsageErrorWithExitCode2()
    {
        var run = await CliProcess.RunAsync(["no-such-command"]);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("geoincidents: ", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal); // no stack trace
        Assert.Equal(string.Empty, run.StandardOutput);
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient client, string path, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"serve exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                return await client.GetAsync(new Uri(path, UriKind.Relative));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
