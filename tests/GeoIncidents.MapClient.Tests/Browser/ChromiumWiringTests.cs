using GeoIncidents.Server.Tests.Support;
using GeoIncidents.Testing;
using Microsoft.Playwright;

namespace GeoIncidents.MapClient.Tests.Browser;

/// <summary>Proves the browser wiring: Microsoft.Playwright drives Debian's Chromium against the real service.</summary>
public class ChromiumWiringTests
{
    [ChromiumFact]
    public async Task Chromium_LoadsHealthFromTheRealService()
    {
        ExternalServices.Chromium.EnsureAvailable();
        await using var server = await RunningServer.StartAsync();
        await using var browser = await BrowserLauncher.LaunchAsync();
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(server.BaseAddress, "health").ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var body = await page.InnerTextAsync("body");
        Assert.Contains("\"status\":\"ok\"", body.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
