using System.Net;
using System.Text;

namespace NewsCms.Search;

// The index marks matches with two private-use characters that indexed text never contains
// (they are stripped on the way in); the marked text is HTML-encoded and only then do the
// markers become <mark> elements, so nothing an article says can turn into markup.
public static class SearchMarkup
{
    public const char Start = '\uE000';
    public const char End = '\uE001';

    public static bool HasMatch(string? text) => text is not null && text.Contains(Start, StringComparison.Ordinal);

    public static string Strip(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace(Start.ToString(), "", StringComparison.Ordinal).Replace(End.ToString(), "", StringComparison.Ordinal);

    public static string ToHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked)) return "";
        var encoded = WebUtility.HtmlEncode(marked);
        // A start without its end (a cut snippet) still closes, so the markup stays balanced.
        var open = false;
        var result = new StringBuilder(encoded.Length + 32);
        foreach (var ch in encoded)
        {
            if (ch == Start && !open) { result.Append("<mark>"); open = true; }
            else if (ch == End && open) { result.Append("</mark>"); open = false; }
            else if (ch is not (Start or End)) result.Append(ch);
        }
        if (open) result.Append("</mark>");
        return result.ToString();
    }
}
