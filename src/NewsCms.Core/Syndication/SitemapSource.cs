using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Syndication;

public sealed record SitemapUrl(string Path, DateTimeOffset? LastModified);

public sealed record NewsSitemapItem(string Path, string Headline, DateTimeOffset PublishedAt);

// Every public address search engines should know, in a stable order (the home page, tags and
// authors, then articles by id) so that numbered sitemap files keep their contents between reads.
public sealed class SitemapSource(NewsCmsDbContext db, IOptions<SiteOptions> site)
{
    // Google reads at most 1,000 news URLs per file.
    public const int MaxNewsItems = 1000;

    private TimeZoneInfo Zone => site.Value.TimeZoneInfo;

    public async Task<int> CountAsync(CancellationToken ct) =>
        (await ListingsAsync(ct)).Count + await Published().CountAsync(ct);

    public async Task<IReadOnlyList<SitemapUrl>> PageAsync(int skip, int take, CancellationToken ct)
    {
        var listings = await ListingsAsync(ct);
        var result = listings.Skip(skip).Take(take).ToList();
        var articleSkip = Math.Max(0, skip - listings.Count);
        var articleTake = take - result.Count;
        if (articleTake <= 0) return result;
        var articles = await Published().OrderBy(a => a.Id).Skip(articleSkip).Take(articleTake)
            .Select(a => new { a.Slug, PublishedAt = a.PublishedAt!.Value, a.RevisedAt })
            .ToListAsync(ct);
        result.AddRange(articles.Select(a => new SitemapUrl(ArticlePaths.For(a.PublishedAt, a.Slug, Zone), a.RevisedAt ?? a.PublishedAt)));
        return result;
    }

    // Articles first published since the given time, newest first (the Google News sitemap).
    public async Task<IReadOnlyList<NewsSitemapItem>> PublishedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var rows = await Published().Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(MaxNewsItems)
            .Select(a => new { a.Slug, a.Headline, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(ct);
        return rows.Select(a => new NewsSitemapItem(ArticlePaths.For(a.PublishedAt, a.Slug, Zone), a.Headline, a.PublishedAt)).ToList();
    }

    private IQueryable<Article> Published() => db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);

    // The home page, then every tag and author page that has a published article.
    private async Task<List<SitemapUrl>> ListingsAsync(CancellationToken ct)
    {
        var latest = await Published().MaxAsync(a => (DateTimeOffset?)a.PublishedAt, ct);
        var tags = await db.Tags.AsNoTracking()
            .Where(t => db.ArticleTags.Any(x => x.TagId == t.Id && db.Articles.Any(a => a.Id == x.ArticleId && a.Status == ArticleStatus.Published)))
            .OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync(ct);
        var authors = await db.Authors.AsNoTracking()
            .Where(au => db.Bylines.Any(b => b.AuthorId == au.Id && db.Articles.Any(a => a.Id == b.ArticleId && a.Status == ArticleStatus.Published)))
            .OrderBy(au => au.Slug).Select(au => au.Slug).ToListAsync(ct);
        var result = new List<SitemapUrl> { new("/", latest) };
        result.AddRange(tags.Select(slug => new SitemapUrl($"/tags/{slug}", null)));
        result.AddRange(authors.Select(slug => new SitemapUrl($"/authors/{slug}", null)));
        return result;
    }
}
