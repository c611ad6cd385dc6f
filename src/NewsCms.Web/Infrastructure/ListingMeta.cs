using NewsCms.Web.Models;

namespace NewsCms.Web.Infrastructure;

// The head of a paged list of articles (home, tag, author, corrections): the first page is the
// canonical one; older pages are for people, so search engines are asked not to index them.
public static class ListingMeta
{
    public static PageMeta For(string title, string? description, string path, string? after, SiteUrls urls,
        params FeedLink[] feeds)
    {
        var first = string.IsNullOrEmpty(after);
        return new PageMeta(
            first ? title : $"Older articles: {title}",
            description,
            urls.Absolute(first ? path : $"{path}?after={Uri.EscapeDataString(after!)}"),
            NoIndex: !first)
        {
            Feeds = feeds,
        };
    }

    public static FeedLink[] FeedsFor(string basePath, string title) =>
    [
        new($"{title} (RSS)", basePath.TrimEnd('/') + "/feed", "application/rss+xml"),
        new($"{title} (Atom)", basePath.TrimEnd('/') + "/feed/atom", "application/atom+xml"),
    ];
}
