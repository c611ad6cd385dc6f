namespace NewsCms.Articles;

// A line such as "AFP contributed reporting.", shown last on the page and named as contributor.
public sealed class Attribution
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
    public string? Organization { get; set; }
}
