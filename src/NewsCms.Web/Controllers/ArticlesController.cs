using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;
using NewsCms.Web.Syndication;

namespace NewsCms.Web.Controllers;

[OutputCache(PolicyName = PublicPagePolicy.Article)]
public sealed class ArticlesController(PublishedArticles articles, SiteSettingsService settings, SiteUrls urls, Utf8TextArena arena) : Controller
{
    // The values are read from the route, whose constraints have checked them (with the number
    // style RouteNumber parses), rather than bound as parameters: model binding and validation of
    // four route values were 6% of an uncached article page in a profile, and added nothing.
    [HttpGet("/{year:int:range(1900,9999)}/{month:int:range(1,12)}/{day:int:range(1,31)}/{slug:maxlength(200)}")]
    public async Task<IActionResult> Show()
    {
        var route = RouteData.Values;
        var slug = (string)route["slug"]!;
        var path = string.Create(CultureInfo.InvariantCulture,
            $"/{RouteNumber(route, "year"):D4}/{RouteNumber(route, "month"):D2}/{RouteNumber(route, "day"):D2}/{slug}");
        var ct = HttpContext.RequestAborted;
        return await articles.FindByPathAsync(path, slug, ct) switch
        {
            PageLookup.Found found => Cached(found.Page, View(await ToModelAsync(found.Page, ct))),
            PageLookup.MovedTo moved => RedirectPermanent(moved.Path),
            PageLookup.Gone => StatusCode(StatusCodes.Status410Gone),
            _ => NotFound(),
        };
    }

    private static int RouteNumber(RouteValueDictionary route, string name) =>
        int.Parse((string)route[name]!, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private ViewResult Cached(ArticlePage page, ViewResult view)
    {
        HttpContext.TagCachedPage(page.ShownTags);
        return view;
    }

    private async Task<ArticlePageModel> ToModelAsync(ArticlePage page, CancellationToken ct)
    {
        var site = await settings.GetAsync(ct);
        return new ArticlePageModel(page, site.TimeZone, ArticleMetadata.For(page, site, urls, arena));
    }
}
