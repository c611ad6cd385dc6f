namespace NewsCms.Web.Api;

/// <summary>A person who signs articles; guest contributors too.</summary>
public sealed class AuthorDto
{
    public int Id { get; init; }

    /// <example>Mara Ellison</example>
    public required string Name { get; init; }

    /// <example>mara-ellison</example>
    public required string Slug { get; init; }

    /// <example>Water and climate reporter</example>
    public string? JobTitle { get; init; }
    public string? Bio { get; init; }

    /// <summary>The public author page.</summary>
    public required string Url { get; init; }
}

/// <summary>What a client sends to create or change an author.</summary>
public sealed class AuthorWriteDto
{
    public string? Name { get; init; }

    /// <summary>Left out: made from the name for a new author, kept for an existing one.</summary>
    public string? Slug { get; init; }
    public string? JobTitle { get; init; }
    public string? Bio { get; init; }
}

/// <summary>A topic articles are filed under.</summary>
public sealed class TagDto
{
    public int Id { get; init; }

    /// <example>Lowen River</example>
    public required string Name { get; init; }

    /// <example>lowen-river</example>
    public required string Slug { get; init; }
    public string? Description { get; init; }

    /// <summary>The public tag page.</summary>
    public required string Url { get; init; }
}

/// <summary>What a client sends to create or change a tag.</summary>
public sealed class TagWriteDto
{
    public string? Name { get; init; }

    /// <summary>Left out: made from the name for a new tag, kept for an existing one.</summary>
    public string? Slug { get; init; }
    public string? Description { get; init; }
}

/// <summary>A whole list, in name order.</summary>
public sealed class ListDto<T>
{
    public required IReadOnlyList<T> Items { get; init; }
}
