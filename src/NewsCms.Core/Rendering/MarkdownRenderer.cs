using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace NewsCms.Rendering;

// The one way Markdown becomes HTML in NewsCms: Markdig, then an allow-list sanitiser, then a pass
// that namespaces ids and marks related-article callouts. It runs at save; the HTML is stored.
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        // Raw HTML is never a journalist's tool here: it is escaped, and the sanitiser still runs
        // after, because extensions can produce dangerous markup without any raw HTML.
        .DisableHtml()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseSmartyPants()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseDefinitionLists()
        .UseAbbreviations()
        .UseAutoLinks()
        .Use<RelatedCalloutExtension>()
        .Build();

    private static readonly string[] AllowedTags =
    [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "aside",
    ];

    private static readonly string[] AllowedAttributes =
    [
        "href", "src", "alt", "title", "id", "class", "colspan", "rowspan", "start", "reversed", "cite",
        "datetime", "lang", "dir", "abbr", "scope", "width", "height", "data-related",
    ];

    private static readonly string[] IdCarriers = ["h1", "h2", "h3", "h4", "h5", "h6", "li", "a"];

    // Elements that may hold only phrasing content: a figure cannot stand inside them.
    private static readonly HashSet<string> PhrasingOnly = new(StringComparer.Ordinal)
    {
        "p", "a", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup", "del", "ins", "mark", "q", "cite",
        "code", "abbr", "dfn", "kbd", "samp", "span", "h1", "h2", "h3", "h4", "h5", "h6", "dt",
    };

    // Built on the first render, not with the service: a site that only serves readers never
    // loads Markdig, the sanitiser or AngleSharp (about 10 MB of mapped code and type data), and
    // the scheduler resolves this service every few seconds whether anything is due or not. A
    // holder class rather than a Lazy<HtmlSanitizer> field: naming the type in a field of the
    // service loaded its assembly with the service.
    private static class Sanitizer
    {
        internal static readonly HtmlSanitizer Instance = CreateSanitizer();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            // "media" survives only as the source of a library image (see InlineImages), never as a link.
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "media"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "cite"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowDataAttributes = false,
        });
        // Pipe tables align columns with a style attribute, which is not allowed: keep the
        // alignment as a class the stylesheet knows instead.
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Attribute.Name == "style" && e.Tag.LocalName is "td" or "th"
                && e.Attribute.Value.Replace(" ", "") is var style
                && style.StartsWith("text-align:", StringComparison.OrdinalIgnoreCase))
            {
                var align = style["text-align:".Length..].TrimEnd(';').ToLowerInvariant();
                if (align is "left" or "right" or "center")
                    e.Tag.ClassList.Add("align-" + align);
            }
        };
        return sanitizer;
    }

    // idPrefix namespaces every id the Markdown creates (headings, footnotes), so that nothing a
    // journalist writes can clobber an id of the page itself, and two answers never collide.
    public string Render(string? markdown, string idPrefix = "md-")
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var raw = Markdown.ToHtml(markdown, Pipeline);
        var document = Sanitizer.Instance.SanitizeDom(raw);
        var body = document.Body!;
        Finish(body, idPrefix);
        return body.InnerHtml.Trim();
    }

    private static void Finish(IHtmlElement body, string idPrefix)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in body.QuerySelectorAll("[id]").ToList())
        {
            var id = element.Id!;
            if (!IdCarriers.Contains(element.LocalName) || id.Length == 0)
            {
                element.RemoveAttribute("id");
                continue;
            }
            ids.Add(id);
            element.Id = idPrefix + id;
        }

        foreach (var link in body.QuerySelectorAll("a[href^='#']"))
        {
            var target = link.GetAttribute("href")![1..];
            if (ids.Contains(target))
                link.SetAttribute("href", "#" + idPrefix + target);
        }

        foreach (var element in body.QuerySelectorAll("[class]").ToList())
            KeepKnownClasses(element);

        // The page has the headline as its only h1; a "# heading" in the body is a section.
        foreach (var h1 in body.QuerySelectorAll("h1").ToList())
            Rename(h1, "h2");

        PlaceImages(body);

        foreach (var aside in body.QuerySelectorAll("aside").ToList())
        {
            var reference = aside.GetAttribute("data-related");
            if (reference is not null && RelatedCalloutParser.Syntax().IsMatch($"[[related:{reference}]]"))
                aside.Replace(aside.Owner!.CreateComment(RelatedCallouts.MarkerText(reference)));
            else
                aside.Remove();
        }
    }

    // A library image becomes a marker the page resolves into a credited figure, moved out of the
    // paragraph that held it; other images load lazily; a media: URL anywhere else means nothing.
    private static void PlaceImages(IHtmlElement body)
    {
        var lastPlaced = new Dictionary<INode, INode>();
        foreach (var img in body.QuerySelectorAll("img").ToList())
        {
            var src = img.GetAttribute("src");
            if (!InlineImages.TryParseSource(src, out var id))
            {
                if (IsMediaUrl(src)) img.Remove();
                else img.SetAttribute("loading", "lazy");
                continue;
            }
            var marker = img.Owner!.CreateComment(InlineImages.MarkerText(id, img.GetAttribute("alt"), img.GetAttribute("title")));
            INode holder = img;
            while (holder.Parent is IElement parent && parent != body && PhrasingOnly.Contains(parent.LocalName))
                holder = parent;
            if (holder == img)
            {
                img.Replace(marker);
                continue;
            }
            var after = lastPlaced.GetValueOrDefault(holder, holder);
            holder.Parent!.InsertBefore(marker, after.NextSibling);
            lastPlaced[holder] = marker;
            img.Remove();
            if (holder is IElement emptied && emptied.Children.Length == 0 && string.IsNullOrWhiteSpace(emptied.TextContent))
            {
                lastPlaced.Remove(holder);
                emptied.Remove();
            }
        }

        foreach (var element in body.QuerySelectorAll("[href], [cite]").ToList())
        {
            foreach (var name in new[] { "href", "cite" })
            {
                if (IsMediaUrl(element.GetAttribute(name))) element.RemoveAttribute(name);
            }
        }
    }

    private static bool IsMediaUrl(string? url) =>
        url is not null && url.TrimStart().StartsWith(InlineImages.Scheme, StringComparison.OrdinalIgnoreCase);

    private static void KeepKnownClasses(IElement element)
    {
        foreach (var cls in element.ClassList.ToList())
        {
            var known = element.LocalName switch
            {
                "code" => cls.StartsWith("language-", StringComparison.Ordinal) && cls.Length < 40
                    && cls.Skip(9).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '+' or '#'),
                "td" or "th" => cls is "align-left" or "align-right" or "align-center",
                "div" => cls is "footnotes",
                "a" => cls is "footnote-ref" or "footnote-back-ref",
                _ => false,
            };
            if (!known) element.ClassList.Remove(cls);
        }
        if (element.ClassList.Length == 0) element.RemoveAttribute("class");
    }

    private static void Rename(IElement element, string name)
    {
        var replacement = element.Owner!.CreateElement(name);
        foreach (var attribute in element.Attributes)
            replacement.SetAttribute(attribute.Name, attribute.Value);
        while (element.FirstChild is { } child)
            replacement.AppendChild(child);
        element.Replace(replacement);
    }
}
