namespace NewsCms.Search;

// One match: the article, its headline and the best passage, with matches between
// SearchMarkup.Start and SearchMarkup.End.
public sealed record SearchHit(int ArticleId, string MarkedHeadline, string MarkedSnippet);

public sealed record SearchHits(IReadOnlyList<SearchHit> Hits, int Total);

// Full-text search over published articles. Every database brings its own implementation
// (SqliteFtsSearch for SQLite); nothing outside it knows the query language or the index tables.
public interface IArticleSearch
{
    // Brings one article's entry in line with the article as it now is: published articles are
    // in the index, every other state (and a deleted article) is not.
    Task SyncAsync(int articleId, CancellationToken ct);

    Task<SearchHits> SearchAsync(SearchQuery query, int skip, int take, CancellationToken ct);

    // True when the index is empty but published articles exist (a new index, a restored file).
    Task<bool> NeedsRebuildAsync(CancellationToken ct);

    Task<int> RebuildAsync(CancellationToken ct);
}
