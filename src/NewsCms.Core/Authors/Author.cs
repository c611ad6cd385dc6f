namespace NewsCms.Authors;

// A person who signs articles. Guest contributors are authors without a user account.
public sealed class Author
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? JobTitle { get; set; }
    public string? Bio { get; set; }
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class Byline
{
    public int ArticleId { get; set; }
    public int AuthorId { get; set; }
    public Author? Author { get; set; }
    public int Position { get; set; }
}
