using NewsCms.Articles;

namespace NewsCms.Search;

public sealed record SearchResult(ArticleTeaser Article, string HeadlineHtml, string SnippetHtml);

// One page of results. Ranked lists have no stable keyset, so pages are numbered.
public sealed record SearchPage(SearchQuery Query, IReadOnlyList<SearchResult> Results, int Total, int Page, int PageSize)
{
    public bool HasNext => Page * PageSize < Total && Page < ArticleSearchService.MaxPage;
    public bool HasPrevious => Page > 1;
}

// What readers search: the query read as plain words, the index's ranked hits, and the
// published articles they point to, with highlighted headlines and passages as safe HTML.
public sealed class ArticleSearchService(IArticleSearch index, PublishedArticles articles)
{
    public const int PageSize = 20;

    // Deep pages of a ranked list are never read; they would only cost the database.
    public const int MaxPage = 50;

    public async Task<SearchPage> SearchAsync(string? text, int page, CancellationToken ct)
    {
        var query = SearchQuery.Parse(text);
        page = Math.Clamp(page, 1, MaxPage);
        if (!query.IsValid) return new SearchPage(query, [], 0, page, PageSize);
        var hits = await index.SearchAsync(query, (page - 1) * PageSize, PageSize, ct);
        var teasers = (await articles.TeasersAsync(hits.Hits.Select(h => h.ArticleId).ToList(), ct)).ToDictionary(t => t.Id);
        var results = hits.Hits.Where(h => teasers.ContainsKey(h.ArticleId))
            .Select(h => new SearchResult(teasers[h.ArticleId], SearchMarkup.ToHtml(h.MarkedHeadline), SearchMarkup.ToHtml(h.MarkedSnippet)))
            .ToList();
        return new SearchPage(query, results, hits.Total, page, PageSize);
    }
}
