using Microsoft.Playwright;

namespace StreamMetrics.Cli.Tests.Http;

/// <summary>The live page as an operator sees it: headless Chromium, driven by Playwright, while the demo runs.</summary>
[Collection(nameof(LiveDemoCollection))]
public sealed class LivePageBrowserTests(LiveDemo demo)
{
    /// <summary>Debian's package; Playwright's own browser builds cannot be downloaded here, and are not needed.</summary>
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task The_page_shows_at_least_two_event_types_and_its_numbers_change_over_time()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does) to drive the live page");
        using var playwright = await Playwright.CreateAsync();
        // Playwright gives the browser a new, empty profile directory of its own.
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Without the background-networking flags Chromium's own connections are refused on a closed network, slowly.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(demo.Address.ToString());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('section.type').length >= 2", null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        var before = await Numbers(page);
        await page.WaitForFunctionAsync("""
            before => [...document.querySelectorAll('[data-total], section.type [data-field]')]
                .map(e => e.textContent).join('|') !== before
            """, string.Join('|', before), new PageWaitForFunctionOptions { Timeout = 30_000 });
        var after = await Numbers(page);
        // Enough samples for the charts to show a line, then the picture.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('canvas').length >= 6");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "live-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });

        var types = await page.Locator("section.type h2 .name").AllTextContentsAsync();
        Assert.True(types.Count >= 2, $"types on the page: {string.Join(", ", types)}");
        Assert.NotEqual(before, after);
        Assert.NotEqual("–", await page.Locator("[data-total=processed]").TextContentAsync());
        Assert.Equal("ready", await page.Locator("#status").TextContentAsync());
        Assert.Empty(errors);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is nearly empty");
    }

    /// <summary>Every total and per-type figure the page shows, in page order.</summary>
    private static async Task<IReadOnlyList<string>> Numbers(IPage page) =>
        await page.Locator("[data-total], section.type [data-field]").AllTextContentsAsync();
}
