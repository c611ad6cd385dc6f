using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Caching;
using NewsCms.Settings;
using NewsCms.Tags;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

[OutputCache(PolicyName = PublicPagePolicy.Pages)]
public sealed class TagsController(TagService tags, PublishedArticles articles, SiteSettingsService settings, SiteUrls urls) : Controller
{
    // A tag only on drafts has no public page: its name may not be public yet.
    [HttpGet("/tags/{slug:maxlength(200)}")]
    public async Task<IActionResult> Show(string slug, string? after, CancellationToken ct)
    {
        if (await tags.FindBySlugAsync(slug, ct) is not { PublishedArticles: > 0 } tag) return NotFound();
        HttpContext.TagCachedPage([CacheTags.Tag(tag.Id)]);
        var site = await settings.GetAsync(ct);
        var list = await articles.LatestAsync(new ArticleFilter(TagId: tag.Id), after, PublishedArticles.DefaultPageSize, ct);
        var path = $"/tags/{tag.Slug}";
        var meta = ListingMeta.For($"{tag.Name} - {site.Name}", tag.Description ?? $"Articles about {tag.Name}.", path, after, urls,
            ListingMeta.FeedsFor(path, $"{tag.Name} - {site.Name}"));
        return View(new TagPageModel(tag, list, new PagerModel(path, list.Next, string.IsNullOrEmpty(after), $"More about {tag.Name}"), meta));
    }
}
