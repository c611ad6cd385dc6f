using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Caching;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;
using NewsCms.Rendering;

namespace NewsCms.Articles;

// An article as readers see it: callouts and library images resolved, only published related articles.
// The body and the sections are held once, resolved, here: Article's own copies (the stored HTML,
// before resolving) are left empty, so a page and its snapshot do not carry the text twice. The
// long texts are UTF-8 (Utf8Text): a page read from its snapshot writes them out undecoded.
public sealed record ArticlePage(ArticleDetail Article, Utf8Text BodyHtml, IReadOnlyList<PageSection> Sections, IReadOnlyList<RelatedView> Related)
{
    public string Path => Article.Path!;

    // The published articles whose headlines the body's callouts show.
    public IReadOnlyList<int> CalloutArticleIds { get; init; } = [];

    // The library photos the body and answers show, whose credits the page carries.
    public IReadOnlyList<int> InlineMediaIds { get; init; } = [];

    // Everything the page shows, as cache tags: its own article and the headlines of its callouts
    // and related articles, its tags, bylines, lead image and the photos in its text. A change to
    // any of them evicts the cached page and drops its snapshot.
    public IEnumerable<string> ShownTags =>
        new[] { CacheTags.Article(Article.Id) }
            .Concat(Related.Select(r => CacheTags.Article(r.Id)))
            .Concat(CalloutArticleIds.Select(CacheTags.Article))
            .Concat(Article.Tags.Select(t => CacheTags.Tag(t.Id)))
            .Concat(Article.Bylines.Select(b => CacheTags.Author(b.AuthorId)))
            .Concat(Article.LeadImage is { } image ? [CacheTags.Media(image.Media.Id)] : [])
            .Concat(InlineMediaIds.Select(CacheTags.Media));
}

// A question and its answer as the page shows it; the answer's plain text is for structured data.
public sealed record PageSection(string Question, string Anchor, Utf8Text AnswerHtml, Utf8Text AnswerText);

// Narrows a list of published articles to one tag or one author (feeds and their pages).
public sealed record ArticleFilter(int? TagId = null, int? AuthorId = null)
{
    public static ArticleFilter All { get; } = new();
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
public sealed class PublishedArticles(NewsCmsDbContext db, ArticlePageSnapshots snapshots, IOptions<SiteOptions> site)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    private TimeZoneInfo Zone => site.Value.TimeZoneInfo;

    public Task<PagedList<ArticleTeaser>> LatestAsync(string? after, int limit, CancellationToken ct) =>
        LatestAsync(ArticleFilter.All, after, limit, ct);

    public Task<PagedList<ArticleTeaser>> LatestAsync(ArticleFilter filter, string? after, int limit, CancellationToken ct) =>
        ListAsync(Published(filter), after, limit, ct);

    // Whole articles for feeds, newest first.
    public async Task<IReadOnlyList<ArticlePage>> LatestPagesAsync(ArticleFilter filter, int limit, CancellationToken ct)
    {
        var articles = await Published(filter)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(limit, 1, MaxPageSize))
            .ForReaders()
            .ToListAsync(ct);
        return await ToPagesAsync(articles, ct);
    }

    // The given published articles as teasers, in the given order (search ranks them itself).
    public async Task<IReadOnlyList<ArticleTeaser>> TeasersAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        var byId = (await TeasersOf(Published().Where(a => ids.Contains(a.Id)), ct)).ToDictionary(t => t.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    private IQueryable<Article> Published(ArticleFilter? filter = null)
    {
        var query = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);
        if (filter?.TagId is { } tagId) query = query.Where(a => a.Tags.Any(t => t.TagId == tagId));
        if (filter?.AuthorId is { } authorId) query = query.Where(a => a.Bylines.Any(b => b.AuthorId == authorId));
        return query;
    }

    // Newest first; older pages follow a keyset cursor, stable while new articles go out on top.
    private async Task<PagedList<ArticleTeaser>> ListAsync(IQueryable<Article> query, string? after, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        if (Cursor.TryDecode(after, out var c))
            query = query.Where(a => a.PublishedAt < c.At || (a.PublishedAt == c.At && a.Id < c.Id));
        var rows = await TeasersOf(query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(limit + 1), ct);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new Cursor(items[^1].PublishedAt, items[^1].Id).Encode() : null;
        return new PagedList<ArticleTeaser>(items, next, limit);
    }

    private async Task<List<ArticleTeaser>> TeasersOf(IQueryable<Article> query, CancellationToken ct)
    {
        var rows = await query
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
        return rows.Select(r => new ArticleTeaser(
            r.Id, r.Headline, r.Dek, r.Kind, r.PublishedAt, r.RevisedAt,
            ArticlePaths.For(r.PublishedAt, r.Slug, Zone),
            r.Bylines,
            r.Image is null ? null : new TeaserImage(
                MediaPaths.Original(r.Image.ContentHash, r.Image.ContentType), r.Image.Width, r.Image.Height, r.Image.AltText,
                r.Image.Renditions.OrderBy(x => x.Width).Select(x => new RenditionView(x.Width, x.Height, x.Format, MediaPaths.Rendition(x.FileName))).ToList())))
            .ToList();
    }

    // Looks an article up by the path readers use: /yyyy/mm/dd/slug. Its snapshot answers when
    // there is one; otherwise the page is built from the articles and kept as one.
    public async Task<PageLookup> FindByPathAsync(string path, string slug, CancellationToken ct)
    {
        var snapshot = await snapshots.FindAsync(slug, ct);
        if (snapshot.Page is { } kept && kept.Path == path)
            return new PageLookup.Found(kept);

        var article = await ArticleQueries.ReaderBySlug(db, slug, ct);
        var address = article is null ? null : ArticleMappings.AddressOnceOut(article, Zone);
        var isOut = article?.Status == ArticleStatus.Published;
        if (isOut && address == path)
        {
            var page = await ToPageAsync(article!, ct);
            await snapshots.StoreAsync(page, snapshot.Generation, ct);
            return new PageLookup.Found(page);
        }

        // An old slug or date: the article moved, and old links keep working. This is checked
        // before the slug alone, because another article may have taken the old slug since.
        var moved = await db.ArticleRedirects.AsNoTracking()
            .Where(r => r.Path == path)
            .Select(r => new { r.Article!.Status, r.Article.PublishedAt, r.Article.Slug })
            .FirstOrDefaultAsync(ct);
        if (moved is not null)
            return moved is { Status: ArticleStatus.Published, PublishedAt: { } at }
                ? new PageLookup.MovedTo(ArticlePaths.For(at, moved.Slug, Zone))
                : new PageLookup.Gone();

        // The right slug under a wrong date (or a date read in another time zone).
        if (isOut)
            return new PageLookup.MovedTo(address!);

        // Its own address, taken down after publication.
        return address == path ? new PageLookup.Gone() : new PageLookup.Missing();
    }

    // Every correction and update note on a published article, newest first.
    public async Task<PagedList<CorrectionEntry>> CorrectionsAsync(string? after, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = db.Corrections.AsNoTracking()
            .Where(c => db.Articles.Any(a => a.Id == c.ArticleId && a.Status == ArticleStatus.Published));
        if (Cursor.TryDecode(after, out var k))
            query = query.Where(c => c.PublishedAt < k.At || (c.PublishedAt == k.At && c.Id < k.Id));
        var rows = await query
            .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new
            {
                c.Id,
                c.Kind,
                c.Text,
                c.PublishedAt,
                Article = db.Articles.Where(a => a.Id == c.ArticleId)
                    .Select(a => new { a.Headline, a.Slug, PublishedAt = a.PublishedAt!.Value }).First(),
            })
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(r => new CorrectionEntry(r.Id, r.Kind, r.Text, r.PublishedAt, r.Article.Headline,
            ArticlePaths.For(r.Article.PublishedAt, r.Article.Slug, Zone))).ToList();
        var next = rows.Count > limit ? new Cursor(items[^1].PublishedAt, items[^1].Id).Encode() : null;
        return new PagedList<CorrectionEntry>(items, next, limit);
    }

    // Builds the reader's view of any article, published or not (previews use it for drafts).
    public async Task<ArticlePage> ToPageAsync(Article article, CancellationToken ct) =>
        (await ToPagesAsync([article], ct))[0];

    // Callouts of all the given articles resolve in one query.
    private async Task<IReadOnlyList<ArticlePage>> ToPagesAsync(IReadOnlyList<Article> articles, CancellationToken ct)
    {
        var details = articles.Select(a => a.ToDetail(Zone)).ToList();
        var references = details
            .Select(d => RelatedCallouts.References(d.BodyHtml).Concat(d.Sections.SelectMany(s => RelatedCallouts.References(s.AnswerHtml))).ToList())
            .ToList();
        var targets = await CalloutTargetsAsync(references.SelectMany(r => r).Distinct().ToList(), ct);
        var images = details
            .Select(d => InlineImages.References(d.BodyHtml).Concat(d.Sections.SelectMany(s => InlineImages.References(s.AnswerHtml)))
                .Select(r => r.MediaId).Distinct().ToList())
            .ToList();
        var library = await InlineLibraryAsync(images.SelectMany(i => i).Distinct().ToList(), ct);
        string Resolve(string html) => InlineImages.Resolve(RelatedCallouts.Resolve(html, targets), library);
        PageSection Section(SectionView s)
        {
            var answer = Resolve(s.AnswerHtml);
            return new PageSection(s.Question, s.Anchor, Utf8Text.From(answer), Utf8Text.From(PlainText.FromHtml(answer)));
        }
        return details.Select((detail, i) => new ArticlePage(
            detail with { BodyMarkdown = "", BodyHtml = "", Sections = [] },
            Utf8Text.From(Resolve(detail.BodyHtml)),
            detail.Sections.Select(Section).ToList(),
            detail.RelatedArticles.Where(r => r.Status == ArticleStatus.Published && r.Path is not null).ToList())
            {
                CalloutArticleIds = references[i]
                    .Select(r => targets.GetValueOrDefault(r)?.ArticleId ?? 0)
                    .Where(id => id > 0)
                    .Distinct()
                    .ToList(),
                InlineMediaIds = images[i],
            })
            .ToList();
    }

    // The library images the bodies show, with their renditions and credits, in one query.
    private async Task<IReadOnlyDictionary<int, MediaView>> InlineLibraryAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<int, MediaView>();
        var assets = await db.MediaAssets.AsNoTracking().Include(m => m.Renditions)
            .Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        return assets.ToDictionary(m => m.Id, m => m.ToView());
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
            var target = new CalloutTarget(a.Headline, ArticlePaths.For(a.PublishedAt, a.Slug, Zone), a.Id);
            result[a.Slug] = target;
            result[a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = target;
        }
        return result;
    }
}
