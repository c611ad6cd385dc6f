namespace NewsCms.Articles;

public enum ArticleChangeKind
{
    Created,
    Updated,
    SubmittedForReview,
    Scheduled,
    Published,
    Unpublished,
    Deleted,
}

public sealed record ArticleChange(int ArticleId, ArticleChangeKind Kind, ArticleStatus Status, ArticleStatus? PreviousStatus, int Version);

// What must move with an article's save: the search index, webhook outbox rows, cached pages.
// Registered in DI; ArticleService calls every one on every change, so none can be forgotten.
public interface IArticleChangeHandler
{
    // Inside the save's transaction: what it writes through the same DbContext commits or rolls
    // back together with the article.
    Task BeforeCommitAsync(ArticleChange change, CancellationToken ct) => Task.CompletedTask;

    // After the commit: caches and other things outside the database.
    Task AfterCommitAsync(ArticleChange change, CancellationToken ct) => Task.CompletedTask;
}
