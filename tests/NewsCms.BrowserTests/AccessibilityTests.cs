using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsCms.Articles;
using NewsCms.BrowserTests.Infrastructure;
using NewsCms.Data;

namespace NewsCms.BrowserTests;

// WCAG 2.2 AA (issue 5): axe-core in Chromium on every kind of public and admin page, over the
// demo content; any serious or critical violation fails with its rule, targets and help.
public sealed class AccessibilityTests(Chromium chromium, SiteServer site) : IClassFixture<SiteServer>
{
    private const string Explainer = "What Is at Stake in the Lowen River Water Dispute?";

    // {explainer} and {explainer-id} stand for the demo explainer's public path and id.
    public static TheoryData<string> PublicPages => new()
    {
        "/", "{explainer}", "/tags/lowen-river", "/authors/mara-ellison", "/search?q=river", "/corrections",
        "/no-such-page",
    };

    public static TheoryData<string> AdminPages => new()
    {
        "/admin/articles", "/admin/articles/{explainer-id}", "/admin/users", "/admin/articles/{explainer-id}/history",
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    [InlineData("/admin/login")]
    public async Task Public_page_has_no_serious_accessibility_violations(string path)
    {
        await using var context = await NewContextAsync();
        await CheckAsync(context, await ResolveAsync(path), path == "/no-such-page" ? 404 : 200);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Admin_page_has_no_serious_accessibility_violations(string path)
    {
        await using var context = await NewContextAsync();
        await BrowserSession.SignInAsync(context, site);
        await CheckAsync(context, await ResolveAsync(path));
    }

    // Proves the harness itself: a page axe must object to is reported, with its target.
    [Fact]
    public async Task Axe_reports_an_image_without_alt_text()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=en><title>t</title><main><img src=x.png></main>");
        var violation = Assert.Single(await AxeCore.RunAsync(page), v => v.Id == "image-alt");
        Assert.Equal("critical", violation.Impact);
        Assert.Equal(["img"], violation.Targets);
    }

    // The site's policy allows only its own scripts; axe is injected, so this context alone bypasses it.
    private Task<IBrowserContext> NewContextAsync() => chromium.Browser.NewContextAsync(new() { BypassCSP = true });

    private async Task CheckAsync(IBrowserContext context, string path, int expectedStatus = 200)
    {
        var page = await BrowserSession.OpenAsync(context, site, path, expectedStatus);
        Assert.False(page.Url.Contains("/admin/login", StringComparison.Ordinal) && !path.StartsWith("/admin/login", StringComparison.Ordinal),
            $"{path} sent the browser to sign in");
        var serious = (await AxeCore.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, AxeCore.Describe(path, serious));
    }

    private async Task<string> ResolveAsync(string path)
    {
        if (!path.Contains('{', StringComparison.Ordinal)) return path;
        var explainer = await site.WithScopeAsync(async s =>
        {
            var id = await s.GetRequiredService<NewsCmsDbContext>().Set<Article>()
                .Where(a => a.Headline == Explainer).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
            return await s.GetRequiredService<ArticleService>().GetAsync(id, TestContext.Current.CancellationToken);
        });
        return path.Replace("{explainer-id}", explainer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{explainer}", explainer.Path, StringComparison.Ordinal);
    }
}
