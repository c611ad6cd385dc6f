using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Articles;

// Single articles as the API returns them: readers' HTML (callouts resolved), any state for a
// caller that may read drafts, only published ones for everybody else.
public sealed class ArticleCatalog(NewsCmsDbContext db, PublishedArticles published)
{
    public Task<ArticlePage> GetAsync(int id, bool includeUnpublished, CancellationToken ct) =>
        FindAsync(db.Articles.Where(a => a.Id == id), includeUnpublished, $"Article {id}", ct);

    public Task<ArticlePage> GetBySlugAsync(string slug, bool includeUnpublished, CancellationToken ct) =>
        FindAsync(db.Articles.Where(a => a.Slug == slug), includeUnpublished, $"The article \"{slug}\"", ct);

    private async Task<ArticlePage> FindAsync(IQueryable<Article> query, bool includeUnpublished, string what, CancellationToken ct)
    {
        if (!includeUnpublished) query = query.Where(a => a.Status == ArticleStatus.Published);
        var article = await query.AsNoTracking().WithChildren().FirstOrDefaultAsync(ct) ?? throw new NotFoundException(what);
        return await published.ToPageAsync(article, ct);
    }
}
