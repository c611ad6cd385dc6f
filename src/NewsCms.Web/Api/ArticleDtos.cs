using NewsCms.Articles;

namespace NewsCms.Web.Api;

/// <summary>An article as the API returns it: everything the admin edits, plus read-only fields.</summary>
public sealed record ArticleDto
{
    /// <summary>The article's id.</summary>
    public required int Id { get; init; }

    /// <summary>The last part of the public address, such as <c>what-the-vote-means</c>.</summary>
    public required string Slug { get; init; }

    /// <summary>The headline.</summary>
    /// <example>What is behind the new grid rules?</example>
    public required string Headline { get; init; }

    /// <summary>The summary under the headline.</summary>
    /// <example>The regulator wants utilities to pay for upgrades. Here is what changes.</example>
    public string? Dek { get; init; }

    /// <summary>News, explainer, analysis or opinion.</summary>
    public required ArticleKind Kind { get; init; }

    /// <summary>Where the article is in the workflow (read only: change it with the publish, unpublish and schedule actions).</summary>
    public required ArticleStatus Status { get; init; }

    /// <summary>The body in Markdown. <c>[[related: 42]]</c> places a related-article callout.</summary>
    public required string BodyMarkdown { get; init; }

    /// <summary>The body rendered and sanitised (read only).</summary>
    public required string BodyHtml { get; init; }

    /// <summary>Questions and answers, in order.</summary>
    public required IReadOnlyList<SectionDto> Sections { get; init; }

    /// <summary>The photo at the top, with its caption and the media library's credit fields.</summary>
    public LeadImageDto? LeadImage { get; init; }

    /// <summary>Lines such as "AFP contributed reporting."</summary>
    public required IReadOnlyList<AttributionDto> Attributions { get; init; }

    /// <summary>Ids of related articles, in order.</summary>
    public required IReadOnlyList<int> RelatedArticleIds { get; init; }

    /// <summary>The bylines, in order.</summary>
    public required IReadOnlyList<AuthorRefDto> Authors { get; init; }

    /// <summary>Tag names, in order.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The canonical address of a syndicated or imported article.</summary>
    /// <example>https://example.com/2020/09/28/grid-rules</example>
    public string? OriginalUrl { get; init; }

    /// <summary>Correction and update notes shown to readers.</summary>
    public required IReadOnlyList<CorrectionDto> Corrections { get; init; }

    /// <summary>First publication (read only).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When it goes out, while scheduled (read only).</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>The last save (read only).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Increments on every save; send it back (or its ETag in If-Match) to write.</summary>
    public required int Version { get; init; }

    /// <summary>The public page's absolute address; null until published (read only).</summary>
    public string? Url { get; init; }
}

/// <summary>One question and its answer.</summary>
public sealed record SectionDto
{
    /// <summary>The question, as a heading.</summary>
    /// <example>Who pays for the upgrades?</example>
    public string? Question { get; init; }

    /// <summary>The answer in Markdown.</summary>
    /// <example>Mostly the *utilities*, the regulator says.</example>
    public string? AnswerMarkdown { get; init; }

    /// <summary>The anchor in the page address (<c>#why-are-they-fighting</c>); made from the question when absent, then kept.</summary>
    public string? Anchor { get; init; }
}

/// <summary>The lead image: a media library item and this article's caption. Credit fields are read only: edit them on the media item.</summary>
public sealed record LeadImageDto
{
    /// <summary>The media library item.</summary>
    public int MediaId { get; init; }

    /// <summary>The caption for this article; the media item's default caption applies when empty.</summary>
    public string? Caption { get; init; }

    /// <summary>Alt text (read only).</summary>
    public string? AltText { get; init; }

    /// <summary>The credit line, e.g. "Name / AP / TASS" (read only).</summary>
    /// <example>Ana Ruiz / AP / TASS</example>
    public string? CreditLine { get; init; }

    /// <summary>Photographer (read only).</summary>
    public string? Photographer { get; init; }

    /// <summary>Source or agency (read only).</summary>
    public string? Source { get; init; }

    /// <summary>Copyright notice (read only).</summary>
    public string? CopyrightNotice { get; init; }

    /// <summary>Licence address (read only).</summary>
    public string? LicenseUrl { get; init; }

    /// <summary>The image's absolute address (read only).</summary>
    public string? Url { get; init; }
}

/// <summary>An attribution line.</summary>
public sealed record AttributionDto
{
    /// <summary>The line as readers see it.</summary>
    /// <example>AFP contributed reporting.</example>
    public string? Text { get; init; }

    /// <summary>The organisation credited, when there is one.</summary>
    /// <example>AFP</example>
    public string? Organization { get; init; }
}

/// <summary>A byline: on writes only <c>id</c> is read.</summary>
public sealed record AuthorRefDto
{
    /// <summary>The author's id.</summary>
    public int Id { get; init; }

    /// <summary>The author's name (read only).</summary>
    public string? Name { get; init; }

    /// <summary>The author's slug (read only).</summary>
    public string? Slug { get; init; }
}

/// <summary>A correction or update note.</summary>
public sealed record CorrectionDto
{
    /// <summary>Set for an existing note (it keeps its date); absent for a new one.</summary>
    public int? Id { get; init; }

    /// <summary>Correction or update.</summary>
    public CorrectionKind Kind { get; init; }

    /// <summary>The note.</summary>
    public string? Text { get; init; }

    /// <summary>When it was added (read only for existing notes).</summary>
    public DateTimeOffset? PublishedAt { get; init; }
}

/// <summary>What a client sends to create or replace an article. Read-only fields of <see cref="ArticleDto"/> may be sent and are ignored.</summary>
public sealed record ArticleWriteDto
{
    /// <summary>The headline (required).</summary>
    /// <example>What is behind the new grid rules?</example>
    public string? Headline { get; init; }

    /// <summary>Empty: made from the headline.</summary>
    public string? Slug { get; init; }

    /// <summary>The summary under the headline.</summary>
    /// <example>The regulator wants utilities to pay for upgrades. Here is what changes.</example>
    public string? Dek { get; init; }

    /// <summary>News (the default), explainer, analysis or opinion.</summary>
    public ArticleKind? Kind { get; init; }

    /// <summary>The body in Markdown.</summary>
    public string? BodyMarkdown { get; init; }

    /// <summary>Questions and answers, in order.</summary>
    public IReadOnlyList<SectionDto>? Sections { get; init; }

    /// <summary>The lead image: <c>mediaId</c> and <c>caption</c>.</summary>
    public LeadImageDto? LeadImage { get; init; }

    /// <summary>Attribution lines.</summary>
    public IReadOnlyList<AttributionDto>? Attributions { get; init; }

    /// <summary>Ids of related articles.</summary>
    public IReadOnlyList<int>? RelatedArticleIds { get; init; }

    /// <summary>Bylines by author id, in order.</summary>
    public IReadOnlyList<AuthorRefDto>? Authors { get; init; }

    /// <summary>Tag names; unknown ones are created.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The canonical address of a syndicated article.</summary>
    /// <example>https://example.com/2020/09/28/grid-rules</example>
    public string? OriginalUrl { get; init; }

    /// <summary>Correction and update notes: existing ones by id, new ones without.</summary>
    public IReadOnlyList<CorrectionDto>? Corrections { get; init; }

    /// <summary>A typo fix after publication: readers are not told the article was updated.</summary>
    public bool MinorEdit { get; init; }

    /// <summary>The version this change is based on (or send If-Match). Required to replace.</summary>
    public int? Version { get; init; }
}

/// <summary>When a scheduled article goes out.</summary>
public sealed record ScheduleDto
{
    /// <summary>A future time with its offset, e.g. <c>2026-03-15T06:00:00+01:00</c>.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The version the action is based on (or send If-Match); optional.</summary>
    public int? Version { get; init; }
}

/// <summary>A page of a list. Follow <c>next</c> for the following page; it is null on the last.</summary>
public sealed record PageDto<T>
{
    /// <summary>The items of this page.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The absolute address of the next page, or null.</summary>
    public string? Next { get; init; }

    /// <summary>The page size used.</summary>
    public required int Limit { get; init; }
}
