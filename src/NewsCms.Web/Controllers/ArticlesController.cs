using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;
using NewsCms.Web.Syndication;

namespace NewsCms.Web.Controllers;

[OutputCache(PolicyName = PublicPagePolicy.Article)]
public sealed class ArticlesController(PublishedArticles articles, SiteSettingsService settings, SiteUrls urls) : Controller
{
    [HttpGet("/{year:int:range(1900,9999)}/{month:int:range(1,12)}/{day:int:range(1,31)}/{slug:maxlength(200)}")]
    public async Task<IActionResult> Show(int year, int month, int day, string slug, CancellationToken ct)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/{year:D4}/{month:D2}/{day:D2}/{slug}");
        return await articles.FindByPathAsync(path, slug, ct) switch
        {
            PageLookup.Found found => Cached(found.Page, View(await ToModelAsync(found.Page, ct))),
            PageLookup.MovedTo moved => RedirectPermanent(moved.Path),
            PageLookup.Gone => StatusCode(StatusCodes.Status410Gone),
            _ => NotFound(),
        };
    }

    private ViewResult Cached(ArticlePage page, ViewResult view)
    {
        HttpContext.TagCachedPage(page.ShownTags);
        return view;
    }

    private async Task<ArticlePageModel> ToModelAsync(ArticlePage page, CancellationToken ct)
    {
        var site = await settings.GetAsync(ct);
        return new ArticlePageModel(page, site.TimeZone, ArticleMetadata.For(page, site, urls));
    }
}
