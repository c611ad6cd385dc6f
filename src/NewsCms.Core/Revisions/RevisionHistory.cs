using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Revisions;

public sealed record RevisionSummary(int Version, DateTimeOffset CreatedAt, string CreatedBy, string Action);

public sealed record RevisionDetail(RevisionSummary Summary, ArticleSnapshot Snapshot);

// Reads an article's history; restoring goes through ArticleService like every other write.
public sealed class RevisionHistory(NewsCmsDbContext db)
{
    public async Task<IReadOnlyList<RevisionSummary>> ListAsync(int articleId, CancellationToken ct)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == articleId, ct)) throw new NotFoundException($"Article {articleId}");
        return await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId)
            .OrderByDescending(r => r.Version)
            .Select(r => new RevisionSummary(r.Version, r.CreatedAt, r.CreatedBy, r.Action))
            .ToListAsync(ct);
    }

    public async Task<RevisionDetail> GetAsync(int articleId, int version, CancellationToken ct)
    {
        var row = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && r.Version == version)
            .Select(r => new { Summary = new RevisionSummary(r.Version, r.CreatedAt, r.CreatedBy, r.Action), r.SnapshotJson })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Revision {version} of article {articleId}");
        return new RevisionDetail(row.Summary, ArticleSnapshot.Parse(row.SnapshotJson));
    }
}
