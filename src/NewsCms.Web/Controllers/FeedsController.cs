using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Settings;
using NewsCms.Tags;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Syndication;

namespace NewsCms.Web.Controllers;

// RSS at .../feed and Atom at .../feed/atom, for the site, each tag and each author.
[ApiExplorerSettings(IgnoreApi = true)]
[OutputCache(PolicyName = PublicPagePolicy.Pages)]
public sealed class FeedsController(
    PublishedArticles articles,
    TagService tags,
    AuthorService authors,
    SiteSettingsService settings,
    SiteUrls urls,
    TimeProvider clock) : Controller
{
    public const int Items = 20;

    [HttpGet("/feed")]
    public Task<IActionResult> Site(CancellationToken ct) => SiteFeedAsync(atom: false, ct);

    [HttpGet("/feed/atom")]
    public Task<IActionResult> SiteAtom(CancellationToken ct) => SiteFeedAsync(atom: true, ct);

    [HttpGet("/tags/{slug:maxlength(200)}/feed")]
    public Task<IActionResult> Tag(string slug, CancellationToken ct) => TagFeedAsync(slug, atom: false, ct);

    [HttpGet("/tags/{slug:maxlength(200)}/feed/atom")]
    public Task<IActionResult> TagAtom(string slug, CancellationToken ct) => TagFeedAsync(slug, atom: true, ct);

    [HttpGet("/authors/{slug:maxlength(200)}/feed")]
    public Task<IActionResult> Author(string slug, CancellationToken ct) => AuthorFeedAsync(slug, atom: false, ct);

    [HttpGet("/authors/{slug:maxlength(200)}/feed/atom")]
    public Task<IActionResult> AuthorAtom(string slug, CancellationToken ct) => AuthorFeedAsync(slug, atom: true, ct);

    private async Task<IActionResult> SiteFeedAsync(bool atom, CancellationToken ct)
    {
        var site = await settings.GetAsync(ct);
        return await FeedAsync(site.Name, site.Description, "/", "/feed", ArticleFilter.All, atom, site, ct);
    }

    private async Task<IActionResult> TagFeedAsync(string slug, bool atom, CancellationToken ct)
    {
        if (await tags.FindBySlugAsync(slug, ct) is not { PublishedArticles: > 0 } tag) return NotFound();
        var site = await settings.GetAsync(ct);
        return await FeedAsync($"{tag.Name} - {site.Name}", tag.Description ?? $"Articles about {tag.Name}.",
            $"/tags/{tag.Slug}", $"/tags/{tag.Slug}/feed", new ArticleFilter(TagId: tag.Id), atom, site, ct);
    }

    private async Task<IActionResult> AuthorFeedAsync(string slug, bool atom, CancellationToken ct)
    {
        if (await authors.FindBySlugAsync(slug, ct) is not { } author) return NotFound();
        var site = await settings.GetAsync(ct);
        return await FeedAsync($"{author.Name} - {site.Name}", author.JobTitle ?? $"Articles by {author.Name}.",
            $"/authors/{author.Slug}", $"/authors/{author.Slug}/feed", new ArticleFilter(AuthorId: author.Id), atom, site, ct);
    }

    private async Task<IActionResult> FeedAsync(string title, string description, string pagePath, string feedPath,
        ArticleFilter filter, bool atom, SiteSettings site, CancellationToken ct)
    {
        var pages = await articles.LatestPagesAsync(filter, Items, ct);
        // A tag or author with nothing published has no feed, as it has no page.
        if (pages.Count == 0 && filter != ArticleFilter.All) return NotFound();
        var channel = new FeedChannel(title, description, urls.Absolute(pagePath), urls.Absolute(feedPath),
            urls.Absolute(feedPath + "/atom"), site.Language, urls.AbsoluteOrNull(site.LogoUrl));
        var entries = pages.Select(p => FeedEntry.From(p, urls)).ToList();
        var now = clock.GetUtcNow();
        return atom
            ? File(FeedWriter.Atom(channel, entries, now), FeedWriter.AtomContentType)
            : File(FeedWriter.Rss(channel, entries, now), FeedWriter.RssContentType);
    }
}
