using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

public sealed class ArticlesController(PublishedArticles articles, IOptions<SiteOptions> site, SiteUrls urls) : Controller
{
    [HttpGet("/{year:int:range(1900,9999)}/{month:int:range(1,12)}/{day:int:range(1,31)}/{slug:maxlength(200)}")]
    public async Task<IActionResult> Show(int year, int month, int day, string slug, CancellationToken ct)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/{year:D4}/{month:D2}/{day:D2}/{slug}");
        return await articles.FindByPathAsync(path, slug, ct) switch
        {
            PageLookup.Found found => View(ToModel(found.Page)),
            PageLookup.MovedTo moved => RedirectPermanent(moved.Path),
            PageLookup.Gone => StatusCode(StatusCodes.Status410Gone),
            _ => NotFound(),
        };
    }

    private ArticlePageModel ToModel(ArticlePage page)
    {
        var a = page.Article;
        var meta = new PageMeta(
            $"{a.Headline} - {site.Value.Name}",
            a.Dek,
            // A syndicated article names its original as canonical, so search engines credit it.
            a.OriginalUrl ?? urls.Absolute(page.Path),
            a.LeadImage?.Media.Url is { } image ? urls.Absolute(image) : null);
        return new ArticlePageModel(page, site.Value.TimeZoneInfo, meta);
    }
}
