using System.Text;

namespace NewsCms.Rendering;

// The stored HTML carries `<!--KIND:PAYLOAD-->` where something is resolved at page time (a related
// callout, a library image). Only the rendering pipeline writes these (raw HTML and comments never
// survive the sanitiser), so a plain scan is safe here.
public static class CommentMarkers
{
    private const string Close = "-->";

    private readonly record struct Found(int Start, int End, string Payload);

    // The text of the comment node the renderer inserts.
    public static string Text(string kind, string payload) => kind + ":" + payload;

    public static IReadOnlyList<string> Payloads(string? html, string kind) =>
        Find(html, kind).Select(f => f.Payload).ToList();

    // Replaces every marker of the kind with what replacement returns for its payload.
    public static string Replace(string? html, string kind, Func<string, string> replacement)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var found = Find(html, kind);
        if (found.Count == 0) return html;
        var sb = new StringBuilder(html.Length + 512 * found.Count);
        var at = 0;
        foreach (var f in found)
        {
            sb.Append(html, at, f.Start - at).Append(replacement(f.Payload));
            at = f.End;
        }
        return sb.Append(html, at, html.Length - at).ToString();
    }

    private static List<Found> Find(string? html, string kind)
    {
        var found = new List<Found>();
        if (string.IsNullOrEmpty(html)) return found;
        var open = "<!--" + kind + ":";
        var at = 0;
        while ((at = html.IndexOf(open, at, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf(Close, at + open.Length, StringComparison.Ordinal);
            if (end < 0) break;
            found.Add(new Found(at, end + Close.Length, html[(at + open.Length)..end]));
            at = end + Close.Length;
        }
        return found;
    }
}
