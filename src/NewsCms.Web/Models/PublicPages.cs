using NewsCms.Articles;

namespace NewsCms.Web.Models;

public sealed record HomePageModel(PagedList<ArticleTeaser> Articles, bool IsFirstPage, PageMeta Meta) : IPublicPage;

public sealed record ArticlePageModel(ArticlePage Page, TimeZoneInfo Zone, PageMeta Meta) : IPublicPage
{
    public ArticleDetail Article => Page.Article;
}

public sealed record ErrorPageModel(int Status, string Heading, string Message, PageMeta Meta) : IPublicPage;
