using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

// Every correction in one place: the publisher's corrections policy in practice (JSON-LD links here).
[OutputCache(PolicyName = PublicPagePolicy.Pages)]
public sealed class CorrectionsController(PublishedArticles articles, SiteSettingsService settings, SiteUrls urls) : Controller
{
    [HttpGet("/corrections")]
    public async Task<IActionResult> Index(string? after, CancellationToken ct)
    {
        var site = await settings.GetAsync(ct);
        var list = await articles.CorrectionsAsync(after, PublishedArticles.DefaultPageSize, ct);
        var meta = ListingMeta.For($"Corrections and updates - {site.Name}",
            $"Every correction and update {site.Name} has made to its published articles.", "/corrections", after, urls);
        return View(new CorrectionsPageModel(list, new PagerModel("/corrections", list.Next, string.IsNullOrEmpty(after), "More corrections"),
            site.TimeZone, meta));
    }
}
