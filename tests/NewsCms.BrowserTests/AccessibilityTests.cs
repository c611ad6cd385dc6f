using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsCms.Accounts;
using NewsCms.BrowserTests.Infrastructure;
using NewsCms.Common;
using NewsCms.Webhooks;

namespace NewsCms.BrowserTests;

// WCAG 2.2 AA (issue 5): axe-core in Chromium on every kind of public and admin page, over the
// demo content; any serious or critical violation fails with its rule, targets and help.
public sealed class AccessibilityTests(Chromium chromium, SiteServer site) : IClassFixture<SiteServer>
{
    // {explainer} and {explainer-id} stand for the demo explainer's public path and id, {photo-id} for its lead photo,
    // {author-id} and {tag-id} for its first byline and tag, {webhook-id} for a webhook with a delivery queued, so its deliveries table has a row.
    public static TheoryData<string> PublicPages => new()
    {
        "/", "{explainer}", "/tags/lowen-river", "/authors/mara-ellison", "/search?q=river", "/corrections",
        "/no-such-page",
    };

    public static TheoryData<string> AdminPages => new()
    {
        "/admin/articles", "/admin/articles/{explainer-id}", "/admin/users", "/admin/articles/{explainer-id}/history",
        "/admin/api-keys", "/admin/api-keys/new", "/admin/webhooks", "/admin/webhooks/new", "/admin/webhooks/{webhook-id}",
        "/admin/media", "/admin/media/upload", "/admin/media/{photo-id}",
        "/admin/authors", "/admin/authors/new", "/admin/authors/{author-id}", "/admin/tags", "/admin/tags/new", "/admin/tags/{tag-id}",
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    [InlineData("/admin/login")]
    public async Task Public_page_has_no_serious_accessibility_violations(string path)
    {
        await using var context = await NewContextAsync();
        await CheckAsync(context, await site.DemoPathAsync(path), path == "/no-such-page" ? 404 : 200);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Admin_page_has_no_serious_accessibility_violations(string path)
    {
        await using var context = await NewContextAsync();
        await BrowserSession.SignInAsync(context, site);
        await CheckAsync(context, await site.DemoPathAsync(await WebhookPathAsync(path)));
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

    private async Task<string> WebhookPathAsync(string path)
    {
        if (!path.Contains("{webhook-id}", StringComparison.Ordinal)) return path;
        var id = await site.WithScopeAsync(async s =>
        {
            var webhooks = s.GetRequiredService<WebhookService>();
            var admin = new Actor("Accessibility check", null, Roles.Admin);
            // Nothing listens on the discard port: the delivery fails at once and shows its error.
            var created = await webhooks.CreateAsync("http://127.0.0.1:9/newscms-accessibility", [WebhookEvents.ArticlePublished], admin,
                TestContext.Current.CancellationToken);
            await webhooks.SendTestAsync(created.Webhook.Id, admin, TestContext.Current.CancellationToken);
            return created.Webhook.Id;
        });
        return path.Replace("{webhook-id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
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
}
