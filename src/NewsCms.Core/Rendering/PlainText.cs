using System.Text;
using AngleSharp.Html.Parser;

namespace NewsCms.Rendering;

// The words of stored (sanitised) HTML, for the search index, JSON-LD answers and summaries.
public static class PlainText
{
    private static readonly HtmlParser Parser = new();

    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        using var document = Parser.ParseDocument($"<body>{html}</body>");
        var sb = new StringBuilder(html.Length);
        Append(document.Body!, sb);
        return Collapse(sb.ToString());
    }

    // Block elements end a word even where the HTML has no space between them.
    private static void Append(AngleSharp.Dom.INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is AngleSharp.Dom.IText text) sb.Append(text.Data);
            else if (child is AngleSharp.Dom.IElement element)
            {
                Append(element, sb);
                if (element.LocalName is not ("a" or "em" or "strong" or "b" or "i" or "code" or "span" or "sup" or "sub" or "mark" or "abbr"))
                    sb.Append(' ');
            }
        }
    }

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
