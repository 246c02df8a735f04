using GeoIncidents.Server.Tests.Support;
using GeoIncidents.Testing;
using Microsoft.Playwright;

namespace GeoIncidents.MapClient.Tests.Browser;

/// <summary>The map client, built by the Server's build, served at /map/ and run in real Chromium.</summary>
public class MapPageTests
{
    [ChromiumFact]
    public async Task MapPage_LoadsEveryCollectionAndDrawsOnCanvas_WithoutConsoleErrors()
    {
        ExternalServices.Chromium.EnsureAvailable();
        await using var server = await RunningServer.StartAsync();
        await using var browser = await BrowserLauncher.LaunchAsync();
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(new Uri(server.BaseAddress, "map/").ToString());
        await page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("true", await page.GetAttributeAsync("body", "data-ready"));
        Assert.Equal("regions: 95, reference lines: 2, places: 18", await page.InnerTextAsync("#status"));

        // OpenLayers drew something: the map canvas holds non-background pixels.
        var painted = await page.EvaluateAsync<int>(@"() => {
            const c = document.querySelector('#map canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++;
            return n; }");
        Assert.True(painted > 10_000, $"only {painted} painted pixels");
        Assert.Contains("OpenStreetMap", await page.InnerTextAsync(".ol-attribution"), StringComparison.Ordinal);

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "map-page.png") });
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task MapPage_ClickOnReferenceLineShowsItsAccuracy()
    {
        ExternalServices.Chromium.EnsureAvailable();
        await using var server = await RunningServer.StartAsync();
        await using var browser = await BrowserLauncher.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "map/").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        // Hide everything but the reference lines, then click on a pixel the lines were drawn on.
        await page.UncheckAsync("input[data-layer=regions]");
        await page.UncheckAsync("input[data-layer=places]");
        var pixel = await page.EvaluateAsync<int[]>(@"async () => {
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const c = document.querySelector('#map canvas');
            const ctx = c.getContext('2d'); const d = ctx.getImageData(0, 0, c.width, c.height).data;
            const ratio = c.width / c.getBoundingClientRect().width;
            for (let y = 0; y < c.height; y += 3) for (let x = 0; x < c.width; x += 3) {
              const i = (y * c.width + x) * 4; if (d[i + 3] > 200) return [Math.round(x / ratio), Math.round(y / ratio)]; }
            return [-1, -1]; }");
        Assert.NotEqual(-1, pixel[0]);
        var box = await page.Locator("#map").BoundingBoxAsync();
        await page.Mouse.ClickAsync(box!.X + pixel[0], box.Y + pixel[1]);
        // OpenLayers fires singleclick after its double-click window (250 ms): wait for the panel, not a fixed time.
        await Assertions.Expect(page.Locator("#details")).ToContainTextAsync("accuracy_p95_m");
        await Assertions.Expect(page.Locator("#details")).ToContainTextAsync("left_country");
    }
}
