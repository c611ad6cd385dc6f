namespace NewsCms.Search;

// One match: the article, its headline and the best passage, with matches between
// SearchMarkup.Start and SearchMarkup.End.
public sealed record SearchHit(int ArticleId, string MarkedHeadline, string MarkedSnippet);

public sealed record SearchHits(IReadOnlyList<SearchHit> Hits, int Total);

// Bound from "NewsCms:Search".
public sealed class SearchOptions
{
    // Results are ranked among this many newest matching articles. A word in most of a big
    // archive would otherwise be ranked across every match on each new query (100,000 matches:
    // 250 ms, against 10 ms for 2,000); readers page through 1,000 results at most.
    public int RankWindow { get; set; } = 2000;
}

// Full-text search over published articles. Every database brings its own implementation
// (SqliteFtsSearch for SQLite, PostgresFullTextSearch for PostgreSQL, chosen by DataSetup); nothing
// outside it knows the query language or the index tables.
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
