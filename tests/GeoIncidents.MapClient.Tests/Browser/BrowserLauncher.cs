using GeoIncidents.Testing;
using Microsoft.Playwright;

namespace GeoIncidents.MapClient.Tests.Browser;

/// <summary>Launches Debian's Chromium through Playwright (no `playwright install`: the browser is the system one).</summary>
public static class BrowserLauncher
{
    /// <summary>Starts headless Chromium with flags for a closed network.</summary>
    /// <returns>A browser whose disposal also stops Playwright's driver.</returns>
    public static async Task<OwnedBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalServices.ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium hammers this closed network (TOOLCHAIN.md 8).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new OwnedBrowser(playwright, browser);
    }

    /// <summary>A browser and the Playwright instance that owns it.</summary>
    public sealed class OwnedBrowser(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        /// <summary>Opens a page.</summary>
        /// <returns>A new page.</returns>
        public Task<IPage> NewPageAsync() => browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 700 } });

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
