using NewsCms.Articles;

namespace NewsCms.Web.Api;

/// <summary>A tag (topic).</summary>
/// <param name="Id">The tag's id.</param>
/// <param name="Name">The name readers see.</param>
/// <param name="Slug">The tag page's slug.</param>
/// <param name="Description">Shown on the tag page.</param>
/// <param name="PublishedArticles">How many published articles carry it.</param>
public sealed record TagDto(int Id, string Name, string Slug, string? Description, int PublishedArticles);

/// <summary>What a client sends to create or change a tag.</summary>
public sealed record TagWriteDto
{
    /// <summary>The name (required).</summary>
    public string? Name { get; init; }

    /// <summary>Empty: made from the name.</summary>
    public string? Slug { get; init; }

    /// <summary>Shown on the tag page.</summary>
    public string? Description { get; init; }
}

/// <summary>An author who can sign articles.</summary>
/// <param name="Id">The author's id.</param>
/// <param name="Name">The name on bylines.</param>
/// <param name="Slug">The author page's slug.</param>
/// <param name="JobTitle">Job title.</param>
/// <param name="Bio">Short biography.</param>
public sealed record AuthorDto(int Id, string Name, string Slug, string? JobTitle, string? Bio);

/// <summary>What a client sends to create or change an author.</summary>
public sealed record AuthorWriteDto
{
    /// <summary>The name (required).</summary>
    public string? Name { get; init; }

    /// <summary>Empty: made from the name.</summary>
    public string? Slug { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Short biography.</summary>
    public string? Bio { get; init; }
}

/// <summary>One save in an article's history.</summary>
/// <param name="Version">The article version this save produced.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="CreatedBy">Who: a journalist's name or an API key's.</param>
/// <param name="Action">What the save did: "saved", "published", "restored revision 4".</param>
public sealed record RevisionDto(int Version, DateTimeOffset CreatedAt, string CreatedBy, string Action);

/// <summary>One save with the article as it was after it.</summary>
/// <param name="Version">The article version this save produced.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="CreatedBy">Who.</param>
/// <param name="Action">What the save did.</param>
/// <param name="Status">The workflow state after the save.</param>
/// <param name="Article">The article's fields after the save, in the shape a client writes them.</param>
public sealed record RevisionDetailDto(int Version, DateTimeOffset CreatedAt, string CreatedBy, string Action, ArticleStatus Status,
    ArticleWriteDto Article);
