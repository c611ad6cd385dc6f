using NewsCms.Articles;

namespace NewsCms.Search;

// The one place the index follows the articles: inside every save, publish, unpublish and
// delete, so the index commits or rolls back with the article itself.
public sealed class SearchIndexUpdater(IArticleSearch search) : IArticleChangeHandler
{
    public Task BeforeCommitAsync(ArticleChange change, CancellationToken ct) => search.SyncAsync(change.ArticleId, ct);
}
