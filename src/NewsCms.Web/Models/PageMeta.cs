using NewsCms.Common;

namespace NewsCms.Web.Models;

// What the layout needs to know about the page it wraps: every public view model carries one,
// so the layout reads a typed value rather than ViewData keys.
public sealed record PageMeta(string Title, string? Description = null, string? CanonicalUrl = null, string? ImageUrl = null,
    bool NoIndex = false)
{
    // OpenGraph og:type: "article" on article pages.
    public string OpenGraphType { get; init; } = "website";
    public string? ImageAlt { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public DateTimeOffset? PublishedTime { get; init; }
    public DateTimeOffset? ModifiedTime { get; init; }

    // Serialised JSON-LD (UTF-8), already escaped so that it cannot end its script element.
    public Utf8Text? JsonLd { get; init; }

    // Feeds the page offers (<link rel="alternate">), besides the site's own.
    public IReadOnlyList<FeedLink> Feeds { get; init; } = [];
}

public sealed record FeedLink(string Title, string Url, string ContentType);

public interface IPublicPage
{
    PageMeta Meta { get; }
}
