using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsCms.Authors;
using NewsCms.Data;
using NewsCms.Media;
using NewsCms.Tags;

namespace NewsCms.Articles;

internal static class ArticleQueries
{
    // Everything an article page or editor shows, one statement per collection.
    public static IQueryable<Article> WithChildren(this IQueryable<Article> articles) => articles
        .Include(a => a.Sections)
        .Include(a => a.Attributions)
        .Include(a => a.RelatedArticles).ThenInclude(r => r.Related)
        .Include(a => a.Bylines).ThenInclude(b => b.Author)
        .Include(a => a.Tags).ThenInclude(t => t.Tag)
        .Include(a => a.Corrections)
        .Include(a => a.LeadImage).ThenInclude(m => m!.Renditions)
        .AsSplitQuery();

    // What readers are shown of an article (its page, its feed entry), in the shape WithChildren
    // loads but without the Markdown sources, the authors' and tags' unused columns, or the bodies
    // of the articles it relates to: a page reads a fraction of the text and never tracks it.
    public static IQueryable<Article> ForReaders(this IQueryable<Article> articles) =>
        articles.AsNoTracking().Select(ReaderShape).AsSplitQuery();

    // Built once: a page request must not rebuild this expression tree.
    private static readonly Expression<Func<Article, Article>> ReaderShape = a => new Article
    {
        Id = a.Id,
        Headline = a.Headline,
        Slug = a.Slug,
        Dek = a.Dek,
        Kind = a.Kind,
        Status = a.Status,
        BodyHtml = a.BodyHtml,
        OriginalUrl = a.OriginalUrl,
        LeadImageId = a.LeadImageId,
        LeadImageCaption = a.LeadImageCaption,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
        PublishedAt = a.PublishedAt,
        RevisedAt = a.RevisedAt,
        UnpublishedAt = a.UnpublishedAt,
        Version = a.Version,
        LeadImage = a.LeadImage == null ? null : new MediaAsset
        {
            Id = a.LeadImage.Id,
            ContentHash = a.LeadImage.ContentHash,
            ContentType = a.LeadImage.ContentType,
            ByteSize = a.LeadImage.ByteSize,
            Width = a.LeadImage.Width,
            Height = a.LeadImage.Height,
            AltText = a.LeadImage.AltText,
            DefaultCaption = a.LeadImage.DefaultCaption,
            UploadedAt = a.LeadImage.UploadedAt,
            Credit = a.LeadImage.Credit,
            Renditions = a.LeadImage.Renditions
                .Select(r => new MediaRendition { Width = r.Width, Height = r.Height, Format = r.Format, FileName = r.FileName })
                .ToList(),
        },
        Sections = a.Sections.OrderBy(s => s.Position)
            .Select(s => new QaSection { Position = s.Position, Question = s.Question, AnswerHtml = s.AnswerHtml, Anchor = s.Anchor })
            .ToList(),
        Attributions = a.Attributions.OrderBy(x => x.Position)
            .Select(x => new Attribution { Position = x.Position, Text = x.Text, Organization = x.Organization })
            .ToList(),
        RelatedArticles = a.RelatedArticles.OrderBy(r => r.Position)
            .Select(r => new RelatedArticle
            {
                RelatedArticleId = r.RelatedArticleId,
                Position = r.Position,
                Related = new Article { Id = r.Related!.Id, Headline = r.Related.Headline, Slug = r.Related.Slug, Status = r.Related.Status, PublishedAt = r.Related.PublishedAt },
            })
            .ToList(),
        Bylines = a.Bylines.OrderBy(b => b.Position)
            .Select(b => new Byline
            {
                AuthorId = b.AuthorId,
                Position = b.Position,
                Author = new Author { Id = b.Author!.Id, Name = b.Author.Name, Slug = b.Author.Slug, JobTitle = b.Author.JobTitle, Bio = b.Author.Bio },
            })
            .ToList(),
        Tags = a.Tags.OrderBy(t => t.Position)
            .Select(t => new ArticleTag { TagId = t.TagId, Position = t.Position, Tag = new Tag { Id = t.Tag!.Id, Name = t.Tag.Name, Slug = t.Tag.Slug } })
            .ToList(),
        Corrections = a.Corrections.OrderBy(c => c.PublishedAt).ThenBy(c => c.Id)
            .Select(c => new CorrectionNote { Id = c.Id, Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt })
            .ToList(),
    };

    // The article page's lookup, compiled once: EF neither rebuilds nor re-reads its expression
    // tree per request (that was an eighth of an uncached page's time). Declared after the shape
    // it uses: static fields are set in order.
    private static readonly CompiledPerModel<Func<NewsCmsDbContext, string, CancellationToken, Task<Article?>>> ReaderBySlugQuery =
        new(() => EF.CompileAsyncQuery((NewsCmsDbContext db, string slug, CancellationToken ct) =>
            db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(ReaderShape).AsSplitQuery().FirstOrDefault()));

    public static Task<Article?> ReaderBySlug(NewsCmsDbContext db, string slug, CancellationToken ct) =>
        ReaderBySlugQuery.For(db)(db, slug, ct);
}
