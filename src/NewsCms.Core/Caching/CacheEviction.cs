using System.Globalization;
using NewsCms.Articles;

namespace NewsCms.Caching;

// The names cached public pages are filed under, so a change evicts exactly the pages that show it.
// Every list (home, tag, author, feeds, sitemaps, corrections) carries Articles; an article page
// carries its own tag plus those of every article, tag, author and image it shows.
public static class CacheTags
{
    public const string Articles = "articles";
    public const string Site = "site";

    public static string Article(int id) => string.Create(CultureInfo.InvariantCulture, $"article:{id}");
    public static string Tag(int id) => string.Create(CultureInfo.InvariantCulture, $"tag:{id}");
    public static string Author(int id) => string.Create(CultureInfo.InvariantCulture, $"author:{id}");
    public static string Media(int id) => string.Create(CultureInfo.InvariantCulture, $"media:{id}");
}

// Drops cached pages by tag. Core services call it after their commit; the web app implements it
// over its output cache (another host, e.g. the command line, over the same store or not at all).
public interface ICacheEvictor
{
    Task EvictAsync(IReadOnlyCollection<string> tags, CancellationToken ct);
}

// A saved, published, unpublished or deleted article: its own page, every page that shows its
// headline (callouts and related lists carry its tag) and every list.
public sealed class CachedPageEviction(ICacheEvictor evictor) : IArticleChangeHandler
{
    public Task AfterCommitAsync(ArticleChange change, CancellationToken ct) =>
        evictor.EvictAsync([CacheTags.Article(change.ArticleId), CacheTags.Articles], ct);
}
