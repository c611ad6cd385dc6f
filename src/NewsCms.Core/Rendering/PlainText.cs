using System.Net;
using System.Text;

namespace NewsCms.Rendering;

// The words of stored (sanitised) HTML, for the search index, JSON-LD answers and summaries.
// Stored HTML is the sanitiser's own serialisation (quoted attributes, text escaped), so one pass
// that drops tags and comments reads it exactly; JSON-LD calls this on every uncached page view,
// where building a DOM per answer cost more than the rest of the metadata.
public static class PlainText
{
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var next = html.IndexOf('<', i);
            if (next < 0)
            {
                sb.Append(html, i, html.Length - i);
                break;
            }
            sb.Append(html, i, next - i);
            i = SkipMarkup(html, next, sb);
        }
        return Collapse(WebUtility.HtmlDecode(sb.ToString()));
    }

    // Skips the comment or tag at start and returns where text resumes. Block elements end a word
    // even where the HTML has no space between them; script and style hold no readable text.
    private static int SkipMarkup(string html, int start, StringBuilder sb)
    {
        if (string.CompareOrdinal(html, start, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }
        var j = start + 1;
        var closing = j < html.Length && html[j] == '/';
        if (closing) j++;
        var nameStart = j;
        while (j < html.Length && char.IsAsciiLetterOrDigit(html[j])) j++;
        if (j == nameStart)
        {
            // Not a tag: a literal '<' the sanitiser would have escaped; keep it as text.
            sb.Append('<');
            return start + 1;
        }
        var name = html.AsSpan(nameStart, j - nameStart);
        var quote = '\0';
        for (; j < html.Length; j++)
        {
            var c = html[j];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '>') break;
        }
        var resume = Math.Min(j + 1, html.Length);
        if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
        {
            var end = html.IndexOf("</" + name.ToString(), resume, StringComparison.OrdinalIgnoreCase);
            resume = end < 0 ? html.Length : SkipMarkup(html, end, sb);
        }
        if (!IsInline(name)) sb.Append(' ');
        return resume;
    }

    private static bool IsInline(ReadOnlySpan<char> name) =>
        name.Equals("a", StringComparison.OrdinalIgnoreCase) || name.Equals("em", StringComparison.OrdinalIgnoreCase)
        || name.Equals("strong", StringComparison.OrdinalIgnoreCase) || name.Equals("b", StringComparison.OrdinalIgnoreCase)
        || name.Equals("i", StringComparison.OrdinalIgnoreCase) || name.Equals("code", StringComparison.OrdinalIgnoreCase)
        || name.Equals("span", StringComparison.OrdinalIgnoreCase) || name.Equals("sup", StringComparison.OrdinalIgnoreCase)
        || name.Equals("sub", StringComparison.OrdinalIgnoreCase) || name.Equals("mark", StringComparison.OrdinalIgnoreCase)
        || name.Equals("abbr", StringComparison.OrdinalIgnoreCase);

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
