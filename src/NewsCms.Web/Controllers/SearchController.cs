using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Search;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

[OutputCache(PolicyName = PublicPagePolicy.Search)]
public sealed class SearchController(ArticleSearchService search, SiteSettingsService settings) : Controller
{
    // Whatever arrives in q and page, the reader gets a page: results, or a plain word on why not.
    [HttpGet("/search")]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] string? page, CancellationToken ct)
    {
        var number = int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        var results = await search.SearchAsync(q, number, ct);
        var site = await settings.GetAsync(ct);
        var title = results.Query.IsValid ? $"Search: {results.Query.Text} - {site.Name}" : $"Search - {site.Name}";
        return View(new SearchPageModel(results, new PageMeta(title, NoIndex: true)));
    }
}
