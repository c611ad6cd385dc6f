namespace NewsCms.Articles;

public sealed class RelatedArticle
{
    public int ArticleId { get; set; }
    public int RelatedArticleId { get; set; }
    public Article? Related { get; set; }
    public int Position { get; set; }
}
