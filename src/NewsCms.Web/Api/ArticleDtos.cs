using NewsCms.Articles;

namespace NewsCms.Web.Api;

/// <summary>An article as the API returns it. Send the same document back (PUT) to replace it:
/// read-only fields are ignored on the way in.</summary>
public sealed class ArticleDto
{
    /// <summary>The article's number. Read only.</summary>
    /// <example>42</example>
    public int Id { get; init; }

    /// <summary>The last part of the public address: lower-case letters, digits and single hyphens.</summary>
    /// <example>what-is-at-stake-in-the-lowen-river-water-dispute</example>
    public required string Slug { get; init; }

    /// <example>What Is at Stake in the Lowen River Water Dispute?</example>
    public required string Headline { get; init; }

    /// <summary>The summary under the headline.</summary>
    /// <example>Three dry summers have turned an old quarrel over a shared river into a regional crisis.</example>
    public string? Dek { get; init; }

    public ArticleKind Kind { get; init; }

    /// <summary>Where the article is in the workflow. Read only: change it with the publish, unpublish and schedule actions.</summary>
    public ArticleStatus Status { get; init; }

    /// <summary>The body in Markdown. A line <c>[[related: 42]]</c> (an id or a slug) places a related-article callout.</summary>
    /// <example>Farmers along the lower Lowen say the river now runs thin by July.</example>
    public required string BodyMarkdown { get; init; }

    /// <summary>The body as readers get it: rendered, sanitised, callouts resolved. Read only.</summary>
    public required string BodyHtml { get; init; }

    /// <summary>Questions and answers, in order; each has an anchor on the public page.</summary>
    public required IReadOnlyList<SectionDto> Sections { get; init; }

    /// <summary>The photo at the top, with its caption for this article and the library's credit.</summary>
    public LeadImageDto? LeadImage { get; init; }

    /// <summary>Agencies and others who contributed, shown at the end.</summary>
    public required IReadOnlyList<AttributionDto> Attributions { get; init; }

    /// <summary>Articles listed as related, in order.</summary>
    public required IReadOnlyList<int> RelatedArticleIds { get; init; }

    /// <summary>The bylines, in the order shown.</summary>
    public required IReadOnlyList<AuthorRefDto> Authors { get; init; }

    public required IReadOnlyList<TagRefDto> Tags { get; init; }

    /// <summary>The canonical address of a syndicated or imported article.</summary>
    /// <example>https://example.org/2020/09/28/original-story</example>
    public string? OriginalUrl { get; init; }

    /// <summary>Correction and update notes shown to readers.</summary>
    public required IReadOnlyList<CorrectionDto> Corrections { get; init; }

    /// <summary>First publication; it never moves once set. Read only.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The last real update readers are told about. Read only.</summary>
    public DateTimeOffset? RevisedAt { get; init; }

    /// <summary>When a scheduled article goes out. Read only: use the schedule action.</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>Read only.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every save moves it. Read only.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Moves by one on every save. Send it back (or use If-Match) so a write made on an older version is refused.</summary>
    /// <example>3</example>
    public int Version { get; init; }

    /// <summary>The public page's absolute address; null until the article is published. Read only.</summary>
    public string? Url { get; init; }
}

/// <summary>One question and its answer.</summary>
public sealed class SectionDto
{
    /// <example>Why are the two provinces arguing?</example>
    public required string Question { get; init; }

    /// <example>Because the river carries less water every summer.</example>
    public required string AnswerMarkdown { get; init; }

    /// <summary>Read only.</summary>
    public required string AnswerHtml { get; init; }

    /// <summary>The fragment on the public page; taken from the question when not given, and kept after.</summary>
    /// <example>why-are-the-two-provinces-arguing</example>
    public required string Anchor { get; init; }
}

/// <summary>A photo from the media library used at the top of an article.</summary>
public sealed class LeadImageDto
{
    /// <example>7</example>
    public int MediaId { get; init; }

    /// <summary>The caption for this article; the library's default caption applies when empty.</summary>
    /// <example>A canal near Kessel in July.</example>
    public string? Caption { get; init; }

    /// <summary>Read only, from the media library.</summary>
    public string? AltText { get; init; }

    /// <summary>Read only.</summary>
    public string? Url { get; init; }

    /// <summary>Read only.</summary>
    public int Width { get; init; }

    /// <summary>Read only.</summary>
    public int Height { get; init; }

    /// <summary>What readers see under the caption. Read only, from the media library.</summary>
    /// <example>Ana Diaz / Regional Wire</example>
    public string? CreditLine { get; init; }

    /// <summary>Read only.</summary>
    public string? Photographer { get; init; }

    /// <summary>The agency or other supplier. Read only.</summary>
    public string? Source { get; init; }

    /// <summary>Read only.</summary>
    public string? CopyrightNotice { get; init; }

    /// <summary>Read only.</summary>
    public string? LicenseUrl { get; init; }

    /// <summary>Read only.</summary>
    public string? LicensorUrl { get; init; }
}

/// <summary>An attribution line such as "AFP contributed reporting."</summary>
public sealed class AttributionDto
{
    /// <example>Regional Wire contributed reporting.</example>
    public required string Text { get; init; }

    /// <example>Regional Wire</example>
    public string? Organization { get; init; }
}

/// <summary>A byline. Only the id is read when writing.</summary>
public sealed class AuthorRefDto
{
    /// <example>3</example>
    public int Id { get; init; }

    /// <summary>Read only.</summary>
    /// <example>Mara Ellison</example>
    public string? Name { get; init; }

    /// <summary>Read only.</summary>
    public string? Slug { get; init; }
}

/// <summary>A tag. Only the name is read when writing; unknown names become new tags.</summary>
public sealed class TagRefDto
{
    /// <example>Water</example>
    public required string Name { get; init; }

    /// <summary>Read only.</summary>
    public string? Slug { get; init; }
}

/// <summary>A correction or update note.</summary>
public sealed class CorrectionDto
{
    /// <summary>Set on an existing note to keep it (with its date); leave out for a new one.</summary>
    public int? Id { get; init; }

    public CorrectionKind Kind { get; init; }

    /// <example>An earlier version of this article misstated the dam's capacity.</example>
    public required string Text { get; init; }

    /// <summary>When the note was added; a new note is dated now unless given.</summary>
    public DateTimeOffset? PublishedAt { get; init; }
}

/// <summary>What a client sends to create or replace an article. Absent lists are empty; the
/// fields of <see cref="ArticleDto"/> not listed here are read only and ignored.</summary>
public sealed class ArticleWriteDto
{
    /// <summary>Left out: suggested from the headline (and kept after).</summary>
    public string? Slug { get; init; }

    /// <example>What Is at Stake in the Lowen River Water Dispute?</example>
    public string? Headline { get; init; }

    public string? Dek { get; init; }

    /// <summary>Defaults to news.</summary>
    public ArticleKind? Kind { get; init; }

    public string? BodyMarkdown { get; init; }
    public IReadOnlyList<SectionWriteDto?>? Sections { get; init; }
    public LeadImageWriteDto? LeadImage { get; init; }
    public IReadOnlyList<AttributionWriteDto?>? Attributions { get; init; }
    public IReadOnlyList<int>? RelatedArticleIds { get; init; }

    /// <summary>Bylines in order: objects with the author's <c>id</c>.</summary>
    public IReadOnlyList<AuthorRefDto?>? Authors { get; init; }

    /// <summary>Tags in order: objects with a <c>name</c>.</summary>
    public IReadOnlyList<TagNameDto?>? Tags { get; init; }

    public string? OriginalUrl { get; init; }
    public IReadOnlyList<CorrectionWriteDto?>? Corrections { get; init; }

    /// <summary>A typo fix after publication: readers are not told the article was updated.</summary>
    public bool MinorEdit { get; init; }

    /// <summary>The version this edit was made on; a stale one is refused with 409. If-Match does the same with 412.</summary>
    public int? Version { get; init; }
}

public sealed class SectionWriteDto
{
    public string? Question { get; init; }
    public string? AnswerMarkdown { get; init; }
    public string? Anchor { get; init; }
}

public sealed class LeadImageWriteDto
{
    public int MediaId { get; init; }
    public string? Caption { get; init; }
}

public sealed class AttributionWriteDto
{
    public string? Text { get; init; }
    public string? Organization { get; init; }
}

public sealed class TagNameDto
{
    public string? Name { get; init; }
}

public sealed class CorrectionWriteDto
{
    public int? Id { get; init; }
    public CorrectionKind Kind { get; init; }
    public string? Text { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
}

/// <summary>One article in a list.</summary>
public sealed class ArticleSummaryDto
{
    public int Id { get; init; }
    public required string Slug { get; init; }
    public required string Headline { get; init; }
    public ArticleKind Kind { get; init; }
    public ArticleStatus Status { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>Byline names, in order.</summary>
    public required IReadOnlyList<string> Authors { get; init; }

    /// <summary>The public page; null until published.</summary>
    public string? Url { get; init; }

    /// <summary>This article in full.</summary>
    public required string Href { get; init; }
}

/// <summary>A page of a list. Follow <c>next</c> for the following page; it is null on the last.</summary>
public sealed class PageDto<T>
{
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The absolute address of the next page, or null.</summary>
    public string? Next { get; init; }

    public int Limit { get; init; }
}

/// <summary>The optional body of publish and unpublish.</summary>
public sealed class ActionDto
{
    /// <summary>The version the action was decided on; stale: 409 (If-Match: 412).</summary>
    public int? Version { get; init; }
}

/// <summary>When to publish.</summary>
public sealed class ScheduleDto
{
    /// <summary>A time in the future, with its offset.</summary>
    /// <example>2026-03-15T06:00:00+01:00</example>
    public DateTimeOffset? At { get; init; }

    public int? Version { get; init; }
}

/// <summary>One save of an article.</summary>
public sealed class RevisionDto
{
    /// <summary>The article's version after this save.</summary>
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who saved: a journalist's name or an API key's.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>What the save did: "saved", "published", "restored revision 4".</summary>
    public required string Action { get; init; }
    public required string Href { get; init; }
}

/// <summary>A revision with the article as it was after that save.</summary>
public sealed class RevisionDetailDto
{
    public required RevisionDto Revision { get; init; }
    public ArticleStatus Status { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The article's fields at that version, in the shape a PUT accepts.</summary>
    public required ArticleWriteDto Article { get; init; }
}
