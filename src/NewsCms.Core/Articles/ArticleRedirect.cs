namespace NewsCms.Articles;

// A public path the article once answered at; it now answers 301 to the current one.
public sealed class ArticleRedirect
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public string Path { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
