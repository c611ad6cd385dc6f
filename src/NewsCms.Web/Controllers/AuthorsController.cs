using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Caching;
using NewsCms.Authors;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

[OutputCache(PolicyName = PublicPagePolicy.Pages)]
public sealed class AuthorsController(AuthorService authors, PublishedArticles articles, SiteSettingsService settings, SiteUrls urls) : Controller
{
    // An author page appears with the author's first published article: a guest contributor
    // on a draft is not public yet.
    [HttpGet("/authors/{slug:maxlength(200)}")]
    public async Task<IActionResult> Show(string slug, string? after, CancellationToken ct)
    {
        if (await authors.FindBySlugAsync(slug, ct) is not { } author) return NotFound();
        HttpContext.TagCachedPage([CacheTags.Author(author.Id)]);
        var list = await articles.LatestAsync(new ArticleFilter(AuthorId: author.Id), after, PublishedArticles.DefaultPageSize, ct);
        if (list.Items.Count == 0 && string.IsNullOrEmpty(after)) return NotFound();
        var site = await settings.GetAsync(ct);
        var path = $"/authors/{author.Slug}";
        var meta = ListingMeta.For($"{author.Name} - {site.Name}", author.Bio ?? author.JobTitle ?? $"Articles by {author.Name}.", path, after, urls,
            ListingMeta.FeedsFor(path, $"{author.Name} - {site.Name}"));
        return View(new AuthorPageModel(author, list, new PagerModel(path, list.Next, string.IsNullOrEmpty(after), $"More by {author.Name}"), meta));
    }
}
