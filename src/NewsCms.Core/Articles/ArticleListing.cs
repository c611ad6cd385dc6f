using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Articles;

// What the newsroom filters its article list by. Every field is optional.
public sealed record ArticleListFilter(
    ArticleStatus? Status = null,
    int? AuthorId = null,
    string? Tag = null,
    string? Search = null,
    DateTimeOffset? UpdatedSince = null);

public sealed record ArticleListItem(
    int Id,
    string Headline,
    string Slug,
    ArticleKind Kind,
    ArticleStatus Status,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ScheduledFor,
    string? CreatedByUserId,
    int Version,
    IReadOnlyList<string> Bylines);

// Every article in any state, most recently updated first: the admin list, the API's list and
// the related-article picker read it.
public sealed class ArticleListing(NewsCmsDbContext db)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public async Task<PagedList<ArticleListItem>> ListAsync(ArticleListFilter filter, string? after, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = db.Articles.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(a => a.Status == status);
        if (filter.AuthorId is { } authorId) query = query.Where(a => a.Bylines.Any(b => b.AuthorId == authorId));
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = Slugs.From(filter.Tag);
            query = query.Where(a => a.Tags.Any(t => t.Tag!.Slug == tag));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = ContainsPattern.For(filter.Search);
            query = query.Where(a => EF.Functions.Like(a.Headline.ToLower(), pattern, ContainsPattern.Escape));
        }
        if (filter.UpdatedSince is { } since) query = query.Where(a => a.UpdatedAt >= since);
        if (Cursor.TryDecode(after, out var c))
            query = query.Where(a => a.UpdatedAt < c.At || (a.UpdatedAt == c.At && a.Id < c.Id));

        var rows = await query
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Take(limit + 1)
            .Select(a => new ArticleListItem(
                a.Id, a.Headline, a.Slug, a.Kind, a.Status, a.UpdatedAt, a.PublishedAt, a.ScheduledFor, a.CreatedByUserId, a.Version,
                a.Bylines.OrderBy(b => b.Position).Select(b => b.Author!.Name).ToList()))
            .ToListAsync(ct);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new Cursor(items[^1].UpdatedAt, items[^1].Id).Encode() : null;
        return new PagedList<ArticleListItem>(items, next, limit);
    }

    // Headlines for ids the editor shows (related articles), whatever their state.
    public async Task<IReadOnlyDictionary<int, string>> HeadlinesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0
            ? new Dictionary<int, string>()
            : await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Headline, ct);
}
