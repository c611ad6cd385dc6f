using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

public sealed class HomeController(PublishedArticles articles, IOptions<SiteOptions> site, SiteUrls urls) : Controller
{
    // Older pages follow a keyset cursor: stable while new articles are published on top.
    [HttpGet("/")]
    public async Task<IActionResult> Index(string? after, CancellationToken ct)
    {
        var page = await articles.LatestAsync(after, PublishedArticles.DefaultPageSize, ct);
        var first = string.IsNullOrEmpty(after);
        var meta = new PageMeta(
            first ? site.Value.Name : $"Older articles - {site.Value.Name}",
            site.Value.Description,
            urls.Absolute(first ? "/" : $"/?after={Uri.EscapeDataString(after!)}"),
            NoIndex: !first);
        return View(new HomePageModel(page, first, meta));
    }
}
