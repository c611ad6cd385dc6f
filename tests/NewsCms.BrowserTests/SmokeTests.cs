using NewsCms.BrowserTests.Infrastructure;

namespace NewsCms.BrowserTests;

public sealed class SmokeTests(Chromium chromium, SiteServer site) : IClassFixture<SiteServer>
{
    [Fact]
    public async Task Home_page_loads()
    {
        var page = await chromium.Browser.NewPageAsync();
        var response = await page.GotoAsync(site.Url("/"));
        Assert.Equal(200, response!.Status);
        Assert.NotEmpty(await page.TitleAsync());
    }
}
