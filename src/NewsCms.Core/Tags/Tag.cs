namespace NewsCms.Tags;

public sealed class Tag
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public int TagId { get; set; }
    public Tag? Tag { get; set; }
    public int Position { get; set; }
}
