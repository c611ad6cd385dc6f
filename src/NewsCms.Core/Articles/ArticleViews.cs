using NewsCms.Media;

namespace NewsCms.Articles;

public sealed record BylineView(int AuthorId, string Name, string Slug, string? JobTitle, string? Bio);

public sealed record TagView(int Id, string Name, string Slug);

public sealed record SectionView(string Question, string AnswerMarkdown, string AnswerHtml, string Anchor);

public sealed record AttributionView(string Text, string? Organization);

public sealed record CorrectionView(int Id, CorrectionKind Kind, string Text, DateTimeOffset PublishedAt);

// One line of the corrections page: the note and the article it corrects.
public sealed record CorrectionEntry(int Id, CorrectionKind Kind, string Text, DateTimeOffset PublishedAt, string ArticleHeadline, string ArticlePath);

public sealed record LeadImageView(MediaView Media, string? Caption)
{
    // The per-article caption wins; the library's default caption fills in.
    public string? EffectiveCaption => string.IsNullOrWhiteSpace(Caption) ? Media.DefaultCaption : Caption;
}

public sealed record RelatedView(int Id, string Headline, string Slug, ArticleStatus Status, string? Path);

// The whole article, as the admin edits it and the API returns it.
public sealed record ArticleDetail(
    int Id,
    string Headline,
    string Slug,
    string? Dek,
    ArticleKind Kind,
    ArticleStatus Status,
    string BodyMarkdown,
    string BodyHtml,
    IReadOnlyList<SectionView> Sections,
    LeadImageView? LeadImage,
    IReadOnlyList<AttributionView> Attributions,
    IReadOnlyList<RelatedView> RelatedArticles,
    IReadOnlyList<BylineView> Bylines,
    IReadOnlyList<TagView> Tags,
    string? OriginalUrl,
    IReadOnlyList<CorrectionView> Corrections,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? RevisedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? UnpublishedAt,
    string? CreatedByUserId,
    int Version,
    string? Path)
{
    public ArticleInput ToInput() => new()
    {
        Headline = Headline,
        Slug = Slug,
        Dek = Dek,
        Kind = Kind,
        BodyMarkdown = BodyMarkdown,
        Sections = Sections.Select(s => new QaSectionInput(s.Question, s.AnswerMarkdown, s.Anchor)).ToList(),
        LeadImage = LeadImage is null ? null : new LeadImageInput(LeadImage.Media.Id, LeadImage.Caption),
        Attributions = Attributions.Select(a => new AttributionInput(a.Text, a.Organization)).ToList(),
        RelatedArticleIds = RelatedArticles.Select(r => r.Id).ToList(),
        AuthorIds = Bylines.Select(b => b.AuthorId).ToList(),
        Tags = Tags.Select(t => t.Name).ToList(),
        OriginalUrl = OriginalUrl,
        Corrections = Corrections.Select(c => new CorrectionInput(c.Kind, c.Text, c.Id, c.PublishedAt)).ToList(),
    };
}

// One teaser in a list of published articles.
public sealed record ArticleTeaser(
    int Id,
    string Headline,
    string? Dek,
    ArticleKind Kind,
    DateTimeOffset PublishedAt,
    DateTimeOffset? RevisedAt,
    string Path,
    IReadOnlyList<string> Bylines,
    TeaserImage? Image);

public sealed record TeaserImage(string? Url, int Width, int Height, string? AltText, IReadOnlyList<RenditionView> Renditions);

// A page of a keyset-paginated list: Next is the cursor for the following page, null at the end.
public sealed record PagedList<T>(IReadOnlyList<T> Items, string? Next, int Limit);
