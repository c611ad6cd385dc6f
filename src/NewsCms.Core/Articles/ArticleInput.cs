namespace NewsCms.Articles;

// What a journalist, an integrator or the importer submits for one article. The admin form, the
// API body and the import parser all become this, and ArticleService checks it in one place.
public sealed record ArticleInput
{
    public string Headline { get; init; } = "";

    // Empty: suggested from the headline.
    public string? Slug { get; init; }
    public string? Dek { get; init; }
    public ArticleKind Kind { get; init; } = ArticleKind.News;
    public string? BodyMarkdown { get; init; }
    public IReadOnlyList<QaSectionInput> Sections { get; init; } = [];
    public LeadImageInput? LeadImage { get; init; }
    public IReadOnlyList<AttributionInput> Attributions { get; init; } = [];
    public IReadOnlyList<int> RelatedArticleIds { get; init; } = [];

    // Bylines in the order they are shown.
    public IReadOnlyList<int> AuthorIds { get; init; } = [];

    // Tag names; unknown ones are created.
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? OriginalUrl { get; init; }
    public IReadOnlyList<CorrectionInput> Corrections { get; init; } = [];

    // A typo fix after publication: readers are not told the article was updated.
    public bool MinorEdit { get; init; }
}

public sealed record QaSectionInput(string Question, string? AnswerMarkdown, string? Anchor = null);

public sealed record LeadImageInput(int MediaId, string? Caption);

public sealed record AttributionInput(string Text, string? Organization = null);

// Id set: an existing note, kept with its date. No id: a new note, dated now unless given.
public sealed record CorrectionInput(CorrectionKind Kind, string Text, int? Id = null, DateTimeOffset? PublishedAt = null);

// The status and dates an article had where it came from (an export being imported).
public sealed record ArticleHistory(
    ArticleStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt = null,
    DateTimeOffset? RevisedAt = null,
    DateTimeOffset? ScheduledFor = null,
    DateTimeOffset? UnpublishedAt = null);
