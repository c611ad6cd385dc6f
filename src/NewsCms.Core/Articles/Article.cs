using NewsCms.Authors;
using NewsCms.Media;
using NewsCms.Revisions;
using NewsCms.Tags;

namespace NewsCms.Articles;

public enum ArticleKind
{
    News,
    Explainer,
    Analysis,
    Opinion,
}

public enum ArticleStatus
{
    Draft,
    InReview,
    Scheduled,
    Published,
    Unpublished,
}

public sealed class Article
{
    public int Id { get; set; }
    public string Headline { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Dek { get; set; }
    public ArticleKind Kind { get; set; }
    public ArticleStatus Status { get; set; }

    public string BodyMarkdown { get; set; } = "";

    // Rendered and sanitised once, at save: page requests never parse Markdown.
    public string BodyHtml { get; set; } = "";

    // The canonical address of a syndicated or imported article (the page links to it as canonical).
    public string? OriginalUrl { get; set; }

    public int? LeadImageId { get; set; }
    public MediaAsset? LeadImage { get; set; }

    // The caption for this use of the photo; the asset's default caption applies when empty.
    public string? LeadImageCaption { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    // Every save moves it: integrators sync on it.
    public DateTimeOffset UpdatedAt { get; set; }

    // First publication. It never moves once set: it is in the article's URL and in news sitemaps.
    public DateTimeOffset? PublishedAt { get; set; }

    // The "Updated" time readers see: only real changes after publication move it, not minor edits.
    public DateTimeOffset? RevisedAt { get; set; }

    public DateTimeOffset? ScheduledFor { get; set; }
    public DateTimeOffset? UnpublishedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    // Optimistic concurrency: every save increments it; a save that read an older one is refused.
    public int Version { get; set; }

    public List<QaSection> Sections { get; set; } = [];
    public List<Byline> Bylines { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
    public List<Attribution> Attributions { get; set; } = [];
    public List<RelatedArticle> RelatedArticles { get; set; } = [];
    public List<CorrectionNote> Corrections { get; set; } = [];
    public List<ArticleRevision> Revisions { get; set; } = [];
    public List<ArticleRedirect> Redirects { get; set; } = [];
}
