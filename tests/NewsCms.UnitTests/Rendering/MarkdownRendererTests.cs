using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsCms.Rendering;

namespace NewsCms.Tests.Rendering;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>");

    private static IDocument Render(string markdown) => Parse(Renderer.Render(markdown));

    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "Text <img src=x onerror=alert(1)> more",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<a href=\"javascript:alert(1)\">raw link</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://example.org/a.png)",
        "[t](https://example.org \"a\\\" onmouseover=\\\"alert(1)\")",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<form action=\"https://evil.example\"><input name=q></form>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "</script><script>alert(1)</script>",
        "[[related: <script>alert(1)</script>]]",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void No_script_event_handler_or_dangerous_url_survives(string markdown)
    {
        var doc = Render(markdown);

        Assert.Empty(doc.QuerySelectorAll("script, iframe, object, embed, form, input, style, svg, math, noscript"));
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"event handler {attribute.Name} on <{element.LocalName}>");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                    Assert.Matches("^(https?:|mailto:|#|/)", attribute.Value.Trim());
            }
        }
    }

    [Fact]
    public void Tables_footnotes_and_smart_quotes_render()
    {
        var doc = Render("""
            "Quoted" -- text[^1]

            | Year | Flow |
            |------|-----:|
            | 2021 | 118  |

            [^1]: The source.
            """);

        Assert.Contains("\u201cQuoted\u201d", doc.QuerySelector("p")!.TextContent);
        Assert.Equal("118", doc.QuerySelector("table td.align-right")!.TextContent);
        Assert.NotNull(doc.QuerySelector(".footnotes li"));
    }

    [Fact]
    public void Headings_get_prefixed_anchors_and_h1_is_demoted()
    {
        var doc = Render("# Top\n\n## Why now?");

        Assert.Empty(doc.QuerySelectorAll("h1"));
        var headings = doc.QuerySelectorAll("h2");
        Assert.Equal("md-top", headings[0].Id);
        Assert.Equal("md-why-now", headings[1].Id);
    }

    [Fact]
    public void Related_callout_line_becomes_a_marker_that_resolves_to_the_current_headline()
    {
        var html = Renderer.Render("Before.\n\n[[related: 42]]\n\nAfter.");

        Assert.Equal(["42"], RelatedCallouts.References(html));
        var resolved = Parse(RelatedCallouts.Resolve(html, new Dictionary<string, CalloutTarget>
        {
            ["42"] = new("Talks <stall> again", "/2026/11/23/talks-stall-again"),
        }));
        var callout = resolved.QuerySelector("aside.related-callout")!;
        Assert.StartsWith("Related article:", callout.TextContent.Trim());
        Assert.Equal("Talks <stall> again", callout.QuerySelector("a")!.TextContent);
        Assert.Equal("/2026/11/23/talks-stall-again", callout.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Related_callout_with_a_missing_target_renders_nothing()
    {
        var html = Renderer.Render("Before.\n\n[[related: no-such-article]]\n\nAfter.");

        var resolved = Parse(RelatedCallouts.Resolve(html, new Dictionary<string, CalloutTarget>()));

        Assert.Empty(resolved.QuerySelectorAll("aside"));
        Assert.Equal(["Before.", "After."], resolved.QuerySelectorAll("p").Select(p => p.TextContent));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var doc = Render("A <b>bold</b> claim");

        Assert.Empty(doc.QuerySelectorAll("b"));
        Assert.Contains("<b>bold</b>", doc.QuerySelector("p")!.TextContent);
    }
}
