using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

[OutputCache(PolicyName = PublicPagePolicy.Pages)]
public sealed class HomeController(PublishedArticles articles, SiteSettingsService settings, SiteUrls urls) : Controller
{
    // Older pages follow a keyset cursor: stable while new articles are published on top.
    [HttpGet("/")]
    public async Task<IActionResult> Index(string? after, CancellationToken ct)
    {
        var site = await settings.GetAsync(ct);
        var page = await articles.LatestAsync(after, PublishedArticles.DefaultPageSize, ct);
        var first = string.IsNullOrEmpty(after);
        var meta = ListingMeta.For(site.Name, site.Description, "/", after, urls) with
        {
            ImageUrl = urls.AbsoluteOrNull(site.DefaultSocialImageUrl),
        };
        return View(new HomePageModel(page, first, meta));
    }
}
