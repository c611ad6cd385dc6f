using System.Net;

namespace NewsCms.Rendering;

// ArticleId lets a cached page name the articles whose headlines it shows.
public sealed record CalloutTarget(string Headline, string Url, int ArticleId = 0);

// A related-article callout is stored as `<!--related:REF-->` and becomes an aside at page time,
// so a target's new headline or URL shows without re-rendering the articles that point at it.
public static class RelatedCallouts
{
    private const string Kind = "related";

    public static string MarkerText(string reference) => CommentMarkers.Text(Kind, reference.ToLowerInvariant());

    public static IReadOnlyList<string> References(string? html) => CommentMarkers.Payloads(html, Kind);

    // Replaces every marker with its callout; a reference with no published target renders nothing.
    public static string Resolve(string? html, IReadOnlyDictionary<string, CalloutTarget> targets) =>
        CommentMarkers.Replace(html, Kind, reference => targets.TryGetValue(reference, out var target)
            ? "<aside class=\"related-callout\" aria-label=\"Related article\"><p><strong>Related article:</strong> <a href=\""
              + WebUtility.HtmlEncode(target.Url) + "\">" + WebUtility.HtmlEncode(target.Headline) + "</a></p></aside>"
            : "");
}
