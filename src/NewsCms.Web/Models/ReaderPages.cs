using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Search;
using NewsCms.Tags;

namespace NewsCms.Web.Models;

// A keyset-paged list's links: "newer" back to the first page, "older" to the next cursor.
public sealed record PagerModel(string Path, string? Next, bool IsFirstPage, string Label)
{
    public string NextUrl => $"{Path}?after={Uri.EscapeDataString(Next!)}";
}

public sealed record TagPageModel(TagSummary Tag, PagedList<ArticleTeaser> Articles, PagerModel Pager, PageMeta Meta) : IPublicPage;

public sealed record AuthorPageModel(AuthorView Author, PagedList<ArticleTeaser> Articles, PagerModel Pager, PageMeta Meta) : IPublicPage;

public sealed record SearchPageModel(SearchPage Search, PageMeta Meta) : IPublicPage
{
    public string PageUrl(int page) => $"/search?q={Uri.EscapeDataString(Search.Query.Text)}&page={page}";
}

public sealed record CorrectionsPageModel(PagedList<CorrectionEntry> Corrections, PagerModel Pager, TimeZoneInfo Zone, PageMeta Meta) : IPublicPage;
