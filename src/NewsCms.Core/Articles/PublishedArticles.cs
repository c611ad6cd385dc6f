using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;
using NewsCms.Rendering;

namespace NewsCms.Articles;

// An article as readers see it: callouts resolved, only published related articles.
public sealed record ArticlePage(ArticleDetail Article, string BodyHtml, IReadOnlyList<SectionView> Sections, IReadOnlyList<RelatedView> Related)
{
    public string Path => Article.Path!;
}

public abstract record PageLookup
{
    public sealed record Found(ArticlePage Page) : PageLookup;
    public sealed record MovedTo(string Path) : PageLookup;

    // It was published once and has been taken down: 410, so search engines drop it.
    public sealed record Gone : PageLookup;
    public sealed record Missing : PageLookup;
}

// What anonymous readers may see. Every public page and the anonymous API read through here, so
// "published" means the same thing everywhere.
public sealed class PublishedArticles(NewsCmsDbContext db, IOptions<SiteOptions> site)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    private TimeZoneInfo Zone => site.Value.TimeZoneInfo;

    public async Task<PagedList<ArticleTeaser>> LatestAsync(string? after, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);
        if (Cursor.TryDecode(after, out var c))
            query = query.Where(a => a.PublishedAt < c.At || (a.PublishedAt == c.At && a.Id < c.Id));
        var rows = await query
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(limit + 1)
            .Select(a => new
            {
                a.Id,
                a.Headline,
                a.Dek,
                a.Kind,
                PublishedAt = a.PublishedAt!.Value,
                a.RevisedAt,
                a.Slug,
                Bylines = a.Bylines.OrderBy(b => b.Position).Select(b => b.Author!.Name).ToList(),
                Image = a.LeadImage == null || a.LeadImage.ContentHash == null ? null : new
                {
                    a.LeadImage.ContentHash,
                    a.LeadImage.ContentType,
                    a.LeadImage.Width,
                    a.LeadImage.Height,
                    a.LeadImage.AltText,
                    Renditions = a.LeadImage.Renditions.Select(r => new { r.Width, r.Height, r.Format, r.FileName }).ToList(),
                },
            })
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(r => new ArticleTeaser(
            r.Id, r.Headline, r.Dek, r.Kind, r.PublishedAt, r.RevisedAt,
            ArticlePaths.For(r.PublishedAt, r.Slug, Zone),
            r.Bylines,
            r.Image is null ? null : new TeaserImage(
                MediaPaths.Original(r.Image.ContentHash, r.Image.ContentType), r.Image.Width, r.Image.Height, r.Image.AltText,
                r.Image.Renditions.OrderBy(x => x.Width).Select(x => new RenditionView(x.Width, x.Height, x.Format, MediaPaths.Rendition(x.FileName))).ToList())))
            .ToList();
        var next = rows.Count > limit ? new Cursor(items[^1].PublishedAt, items[^1].Id).Encode() : null;
        return new PagedList<ArticleTeaser>(items, next, limit);
    }

    // Looks an article up by the path readers use: /yyyy/mm/dd/slug.
    public async Task<PageLookup> FindByPathAsync(string path, string slug, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().WithChildren().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        var current = article is null ? null : ArticleMappings.PublicPath(article, Zone);
        if (current == path)
            return new PageLookup.Found(await ToPageAsync(article!, ct));

        // An old slug or date: the article moved, and old links keep working. This is checked
        // before the slug alone, because another article may have taken the old slug since.
        var moved = await db.ArticleRedirects.AsNoTracking()
            .Where(r => r.Path == path)
            .Select(r => new { r.Article!.Status, r.Article.PublishedAt, r.Article.Slug })
            .FirstOrDefaultAsync(ct);
        if (moved is { Status: ArticleStatus.Published, PublishedAt: { } at })
            return new PageLookup.MovedTo(ArticlePaths.For(at, moved.Slug, Zone));

        // The right slug under a wrong date.
        if (current is not null)
            return new PageLookup.MovedTo(current);

        var wasPublished = article is { PublishedAt: not null, Status: ArticleStatus.Unpublished }
            || moved is { PublishedAt: not null, Status: ArticleStatus.Unpublished };
        return wasPublished ? new PageLookup.Gone() : new PageLookup.Missing();
    }

    public async Task<ArticlePage?> FindByIdAsync(int id, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().WithChildren()
            .FirstOrDefaultAsync(a => a.Id == id && a.Status == ArticleStatus.Published, ct);
        return article is null ? null : await ToPageAsync(article, ct);
    }

    // Builds the reader's view of any article, published or not (previews use it for drafts).
    public async Task<ArticlePage> ToPageAsync(Article article, CancellationToken ct)
    {
        var detail = article.ToDetail(Zone);
        var references = RelatedCallouts.References(detail.BodyHtml)
            .Concat(detail.Sections.SelectMany(s => RelatedCallouts.References(s.AnswerHtml)))
            .Distinct()
            .ToList();
        var targets = await CalloutTargetsAsync(references, ct);
        return new ArticlePage(
            detail,
            RelatedCallouts.Resolve(detail.BodyHtml, targets),
            detail.Sections.Select(s => s with { AnswerHtml = RelatedCallouts.Resolve(s.AnswerHtml, targets) }).ToList(),
            detail.RelatedArticles.Where(r => r.Status == ArticleStatus.Published && r.Path is not null).ToList());
    }

    // A callout names its target by id or slug; only published targets resolve.
    private async Task<IReadOnlyDictionary<string, CalloutTarget>> CalloutTargetsAsync(IReadOnlyList<string> references, CancellationToken ct)
    {
        var result = new Dictionary<string, CalloutTarget>(StringComparer.Ordinal);
        if (references.Count == 0) return result;
        var ids = references.Where(r => r.All(char.IsAsciiDigit) && r.Length < 10).Select(int.Parse).ToList();
        var slugs = references.ToList();
        var found = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && (ids.Contains(a.Id) || slugs.Contains(a.Slug)))
            .Select(a => new { a.Id, a.Slug, a.Headline, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(ct);
        foreach (var a in found)
        {
            var target = new CalloutTarget(a.Headline, ArticlePaths.For(a.PublishedAt, a.Slug, Zone));
            result[a.Slug] = target;
            result[a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = target;
        }
        return result;
    }
}
