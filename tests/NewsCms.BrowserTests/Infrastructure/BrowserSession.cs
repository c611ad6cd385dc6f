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
    public static async Task SignInAsync(IBrowserContext context, SiteServer site)
    {
        var page = await OpenAsync(context, site, "/admin/login");
        await page.GetByLabel("Email address").FillAsync(SiteServer.AdminEmail);
        await page.GetByLabel("Password").FillAsync(SiteServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
        await page.CloseAsync();
    }
}
