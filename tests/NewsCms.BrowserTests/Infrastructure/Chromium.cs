using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(NewsCms.BrowserTests.Infrastructure.Chromium))]

namespace NewsCms.BrowserTests.Infrastructure;

// Debian's Chromium, started once for the whole run. Playwright's own browser download cannot
// work here (and CI installs the distribution's package), so a missing binary fails loudly.
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    private IBrowser? browser;

    private string? missing;

    public IBrowser Browser
    {
        get
        {
            if (missing is not null) BrowserRequirement.Missing(missing);
            return browser!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            missing =
                $"Chromium is not installed at {ExecutablePath}: the browser tests need Debian's 'chromium' package " +
                "(CI's .ci/run installs it with apt-get; locally run 'apt-get install chromium').";
            return;
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox as root; no background traffic, which this machine's closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}
