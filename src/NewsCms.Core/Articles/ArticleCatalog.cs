using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Articles;

// What an integrator asks a list of articles for. Status is ignored for anonymous callers: they
// see published articles only.
public sealed record ArticleQuery(
    ArticleStatus? Status = null,
    string? Tag = null,
    string? Author = null,
    DateTimeOffset? UpdatedSince = null,
    string? Text = null);

// Whole articles in any state, for the API and other editorial tools. Ordered by creation, newest
// first, with the id breaking ties: neither ever changes, so a keyset walk sees every article
// once even while others are added or edited.
public sealed class ArticleCatalog(NewsCmsDbContext db, IOptions<SiteOptions> site)
{
    public const int MaxTextLength = 200;

    public async Task<PagedList<ArticleDetail>> ListAsync(ArticleQuery query, bool includeUnpublished, string? after, int limit,
        CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, PublishedArticles.MaxPageSize);
        var articles = Filter(query, includeUnpublished);
        if (Cursor.TryDecode(after, out var c))
            articles = articles.Where(a => a.CreatedAt < c.At || (a.CreatedAt == c.At && a.Id < c.Id));
        var rows = await articles.WithChildren()
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(a => a.ToDetail(site.Value.TimeZoneInfo)).ToList();
        var next = rows.Count > limit ? new Cursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new PagedList<ArticleDetail>(items, next, limit);
    }

    public async Task<ArticleDetail?> FindAsync(int id, bool includeUnpublished, CancellationToken ct) =>
        (await Visible(includeUnpublished).WithChildren().FirstOrDefaultAsync(a => a.Id == id, ct))?.ToDetail(site.Value.TimeZoneInfo);

    public async Task<ArticleDetail?> FindBySlugAsync(string slug, bool includeUnpublished, CancellationToken ct) =>
        (await Visible(includeUnpublished).WithChildren().FirstOrDefaultAsync(a => a.Slug == slug, ct))?.ToDetail(site.Value.TimeZoneInfo);

    public Task<bool> ExistsAsync(int id, bool includeUnpublished, CancellationToken ct) =>
        Visible(includeUnpublished).AnyAsync(a => a.Id == id, ct);

    private IQueryable<Article> Visible(bool includeUnpublished) =>
        includeUnpublished ? db.Articles.AsNoTracking() : db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);

    private IQueryable<Article> Filter(ArticleQuery query, bool includeUnpublished)
    {
        var articles = Visible(includeUnpublished);
        if (includeUnpublished && query.Status is { } status) articles = articles.Where(a => a.Status == status);
        if (!includeUnpublished && query.Status is { } wanted && wanted != ArticleStatus.Published) articles = articles.Where(_ => false);
        // Tags and authors are named by slug (what URLs carry) or by id.
        if (query.Tag is { Length: > 0 } tag)
            articles = int.TryParse(tag, out var tagId)
                ? articles.Where(a => a.Tags.Any(t => t.TagId == tagId))
                : articles.Where(a => a.Tags.Any(t => t.Tag!.Slug == tag));
        if (query.Author is { Length: > 0 } author)
            articles = int.TryParse(author, out var authorId)
                ? articles.Where(a => a.Bylines.Any(b => b.AuthorId == authorId))
                : articles.Where(a => a.Bylines.Any(b => b.Author!.Slug == author));
        if (query.UpdatedSince is { } since) articles = articles.Where(a => a.UpdatedAt >= since);
        // The full-text index holds published articles only and ranks rather than orders, so an
        // editorial list (drafts included, keyset paging) matches words with LIKE instead.
        foreach (var word in Words(query.Text))
        {
            var pattern = ContainsPattern.For(word);
            articles = articles.Where(a => EF.Functions.Like(a.Headline.ToLower(), pattern, ContainsPattern.Escape)
                || (a.Dek != null && EF.Functions.Like(a.Dek.ToLower(), pattern, ContainsPattern.Escape))
                || EF.Functions.Like(a.BodyMarkdown.ToLower(), pattern, ContainsPattern.Escape)
                || a.Sections.Any(s => EF.Functions.Like(s.Question.ToLower(), pattern, ContainsPattern.Escape)
                    || EF.Functions.Like(s.AnswerMarkdown.ToLower(), pattern, ContainsPattern.Escape)));
        }
        return articles;
    }

    private static IEnumerable<string> Words(string? text) =>
        (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(8);
}
