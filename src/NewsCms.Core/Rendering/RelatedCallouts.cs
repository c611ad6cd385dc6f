using System.Net;
using System.Text;

namespace NewsCms.Rendering;

// ArticleId lets a cached page name the articles whose headlines it shows.
public sealed record CalloutTarget(string Headline, string Url, int ArticleId = 0);

// The stored HTML carries `<!--related:REF-->` where a callout stands. Only the rendering pipeline
// writes these (raw HTML and comments never survive the sanitiser), so a plain scan is safe here.
public static class RelatedCallouts
{
    private const string Open = "<!--related:";
    private const string Close = "-->";

    public static string Marker(string reference) => Open + reference + Close;

    public static IReadOnlyList<string> References(string? html)
    {
        var found = new List<string>();
        if (string.IsNullOrEmpty(html)) return found;
        var at = 0;
        while ((at = html.IndexOf(Open, at, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf(Close, at + Open.Length, StringComparison.Ordinal);
            if (end < 0) break;
            found.Add(html[(at + Open.Length)..end]);
            at = end + Close.Length;
        }
        return found;
    }

    // Replaces every marker with its callout; a reference with no published target renders nothing.
    public static string Resolve(string? html, IReadOnlyDictionary<string, CalloutTarget> targets)
    {
        if (string.IsNullOrEmpty(html)) return "";
        if (!html.Contains(Open, StringComparison.Ordinal)) return html;
        var sb = new StringBuilder(html.Length + 256);
        var at = 0;
        while (true)
        {
            var start = html.IndexOf(Open, at, StringComparison.Ordinal);
            var end = start < 0 ? -1 : html.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                sb.Append(html, at, html.Length - at);
                return sb.ToString();
            }
            sb.Append(html, at, start - at);
            var reference = html[(start + Open.Length)..end];
            if (targets.TryGetValue(reference, out var target))
                sb.Append("<aside class=\"related-callout\" aria-label=\"Related article\"><p><strong>Related article:</strong> <a href=\"")
                  .Append(WebUtility.HtmlEncode(target.Url))
                  .Append("\">")
                  .Append(WebUtility.HtmlEncode(target.Headline))
                  .Append("</a></p></aside>");
            at = end + Close.Length;
        }
    }
}
