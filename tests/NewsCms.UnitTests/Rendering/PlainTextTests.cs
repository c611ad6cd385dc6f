using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsCms.Rendering;

namespace NewsCms.Tests.Rendering;

// PlainText reads stored HTML in one pass instead of building a DOM. It must give the words a DOM
// reading gives, for everything the renderer can store (hostile input included).
public sealed class PlainTextTests
{
    private static readonly MarkdownRenderer Renderer = new();

    public static TheoryData<string> Markdown => new()
    {
        "Plain paragraph with *emphasis*, **strong**, `code` and a [link](https://example.org \"t > itle\").",
        "# Heading\n\nFirst para.\n\nSecond para with a<br>break.",
        "- one\n- two\n\n1. first\n2. second",
        "> A quote\n> over lines\n\nAfter the quote.",
        "Fish &amp; chips, 3 < 4 > 2, \"quotes\" and 'apostrophes', caf\u00e9, \u201ccurly\u201d, non\u00a0breaking.",
        "| A | B |\n|---|---|\n| 1 | 2 |",
        "Before ![alt text](media:12 \"A caption with > and <\") after.",
        "[[related: 42|some-slug]]\n\nText after the callout.",
        "<script>alert(1)</script>Visible",
        "<style>p{color:red}</style>Still visible",
        "Text <img src=x onerror=alert(1)> more",
        "<svg onload=alert(1)><circle r=1 /></svg>After svg",
        "Footnote-ish<sup>1</sup> and H<sub>2</sub>O and <mark>marked</mark> <abbr title=\"x>y\">abbr</abbr>",
        "```\ncode block <with> tags & entities\n```",
        "Emoji \U0001F600 and \u0000 nul and tabs\tand\r\nCRLF",
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(Markdown))]
    public void Reads_the_same_words_as_a_dom_would(string markdown)
    {
        var html = Renderer.Render(markdown);
        Assert.Equal(DomReading(html), PlainText.FromHtml(html));
    }

    [Fact]
    public void Drops_comments_and_marker_contents()
    {
        Assert.Equal("before after", PlainText.FromHtml("<p>before <!--media:3|alt|cap--> after</p>"));
    }

    [Fact]
    public void Block_elements_separate_words_inline_ones_do_not()
    {
        Assert.Equal("one two three", PlainText.FromHtml("<p>one</p><p>two</p><ul><li>three</li></ul>"));
        Assert.Equal("bold", PlainText.FromHtml("<strong>bo</strong><em>ld</em>"));
    }

    [Fact]
    public void Quoted_attribute_values_may_hold_angle_brackets()
    {
        Assert.Equal("link text", PlainText.FromHtml("<a title=\"a > b\" href='c>d'>link text</a>"));
    }

    [Fact]
    public void Decodes_entities()
    {
        // A no-break space is white space too, and collapses with its neighbour.
        Assert.Equal("Fish & chips < 3 x \u00e9", PlainText.FromHtml("Fish &amp; chips &lt; 3 &nbsp;x &#233;"));
    }

    // The reference: AngleSharp's DOM, read the way the index and JSON-LD want it.
    private static string DomReading(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        using var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var sb = new StringBuilder();
        Append(document.Body!, sb);
        var collapsed = new StringBuilder();
        var space = false;
        foreach (var ch in sb.ToString())
        {
            if (char.IsWhiteSpace(ch)) { space = collapsed.Length > 0; continue; }
            if (space) collapsed.Append(' ');
            space = false;
            collapsed.Append(ch);
        }
        return collapsed.ToString();
    }

    private static void Append(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text) sb.Append(text.Data);
            else if (child is IElement element && element.LocalName is not ("script" or "style"))
            {
                var block = element.LocalName is not ("a" or "em" or "strong" or "b" or "i" or "code" or "span" or "sup" or "sub" or "mark" or "abbr");
                if (block) sb.Append(' ');
                Append(element, sb);
                if (block) sb.Append(' ');
            }
        }
    }
}
