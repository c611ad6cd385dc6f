using Microsoft.Playwright;

namespace NewsCms.BrowserTests.Infrastructure;

// Helpers for driving the app's pages the way a person would.
public static class BrowserSession
{
    // Fails on a server error, which would otherwise hand axe or the XSS checks an error page.
    public static async Task<IPage> OpenAsync(IBrowserContext context, SiteServer site, string path, int expectedStatus = 200)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var response = await page.GotoAsync(site.Url(path));
        Assert.True(response?.Status == expectedStatus, $"GET {path} answered {response?.Status}, expected {expectedStatus}");
        return page;
    }

    // Through the real login form, so the sign-in cookie is the one the browser keeps.
    public static Task SignInAsync(IBrowserContext context, SiteServer site) =>
        SignInAsync(context, site, SiteServer.AdminEmail, SiteServer.AdminPassword);

    public static async Task SignInAsync(IBrowserContext context, SiteServer site, string email, string password)
    {
        var page = await OpenAsync(context, site, "/admin/login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Longer than the page default: the password hash is deliberately slow (SECURITY.md), and
        // in CI the integration suite signs in hundreds of times on the same two cores meanwhile;
        // one such sign-in took more than 10 s there. A refused sign-in still fails, just later.
        // Only the redirect has to arrive (it carries the cookie): waiting for the next page's load
        // event as well once timed out in CI after the network had gone idle.
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal),
            new() { Timeout = 45_000, WaitUntil = WaitUntilState.Commit });
        await page.CloseAsync();
    }
}
