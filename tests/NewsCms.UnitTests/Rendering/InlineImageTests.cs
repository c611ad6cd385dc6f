using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsCms.Media;
using NewsCms.Rendering;

namespace NewsCms.Tests.Rendering;

// `![alt](media:N "caption")` in Markdown: stored as a marker, shown as a credited responsive figure.
public sealed class InlineImageTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>");

    private static MediaView Photo(int id, string? alt = "A dry canal bed", string? caption = "The canal in July.") => new(
        id, true, "/media/abc.jpg", "image/jpeg", 3000, 2000, alt, caption,
        new CreditView("Ana Diaz / Regional Wire", "Ana Diaz", "Regional Wire", null, null, null),
        "canal.jpg", 1000, DateTimeOffset.UnixEpoch,
        [
            new RenditionView(640, 427, "jpeg", "/media/abc-640.jpg"),
            new RenditionView(1600, 1067, "jpeg", "/media/abc-1600.jpg"),
            new RenditionView(640, 427, "webp", "/media/abc-640.webp"),
            new RenditionView(1600, 1067, "webp", "/media/abc-1600.webp"),
        ]);

    [Fact]
    public void A_library_image_is_stored_as_a_marker_with_its_alt_and_caption()
    {
        var html = Renderer.Render("Before.\n\n![Farmers <by> a canal | dry](media:42 \"Dry | \\\"hot\\\" summer -->\")\n\nAfter.");

        var reference = Assert.Single(InlineImages.References(html));
        Assert.Equal(new InlineImageReference(42, "Farmers <by> a canal | dry", "Dry | \"hot\" summer -->"), reference);
        Assert.Empty(Parse(html).QuerySelectorAll("img"));
        Assert.Equal(["Before.", "After."], Parse(html).QuerySelectorAll("p").Select(p => p.TextContent));
    }

    [Fact]
    public void It_resolves_into_a_figure_with_srcset_sizes_dimensions_caption_and_credit()
    {
        var html = Renderer.Render("![Farmers by a canal](media:42)");

        var figure = Parse(InlineImages.Resolve(html, new Dictionary<int, MediaView> { [42] = Photo(42) })).QuerySelector("figure.inline-figure")!;

        var img = figure.QuerySelector("picture img")!;
        Assert.Equal("Farmers by a canal", img.GetAttribute("alt"));
        Assert.Equal("/media/abc-640.jpg 640w, /media/abc-1600.jpg 1600w", img.GetAttribute("srcset"));
        Assert.Equal(InlineImages.Sizes, img.GetAttribute("sizes"));
        Assert.Equal(("3000", "2000"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("/media/abc-640.webp 640w, /media/abc-1600.webp 1600w", figure.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"));
        Assert.Equal("The canal in July.", figure.QuerySelector("figcaption .caption")!.TextContent);
        Assert.Equal("Photo: Ana Diaz / Regional Wire", figure.QuerySelector("figcaption .credit")!.TextContent);
    }

    [Fact]
    public void Without_alt_or_title_in_the_markdown_the_library_fields_stand_in()
    {
        var html = InlineImages.Resolve(Renderer.Render("![](media:7 \"Own caption\")"), new Dictionary<int, MediaView> { [7] = Photo(7) });

        var figure = Parse(html).QuerySelector("figure")!;
        Assert.Equal("A dry canal bed", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("Own caption", figure.QuerySelector(".caption")!.TextContent);
    }

    [Fact]
    public void An_image_inside_a_sentence_moves_after_its_paragraph_in_order()
    {
        var html = Renderer.Render("See ![one](media:1) and ![two](media:2) here.\n\nNext.");
        var library = new Dictionary<int, MediaView> { [1] = Photo(1), [2] = Photo(2) };

        var body = Parse(InlineImages.Resolve(html, library)).Body!;

        Assert.Equal(["p", "figure", "figure", "p"], body.Children.Select(c => c.LocalName));
        Assert.Equal(["one", "two"], body.QuerySelectorAll("figure img").Select(i => i.GetAttribute("alt")));
        Assert.Empty(body.QuerySelectorAll("p figure, p img"));
    }

    [Fact]
    public void A_missing_library_image_renders_nothing()
    {
        var html = InlineImages.Resolve(Renderer.Render("![gone](media:9)\n\nText."), new Dictionary<int, MediaView>());

        var body = Parse(html).Body!;
        Assert.Empty(body.QuerySelectorAll("figure, img"));
        Assert.Equal("Text.", body.TextContent.Trim());
    }

    [Theory]
    [InlineData("[a link](media:42)")]
    [InlineData("![x](media:abc)")]
    [InlineData("![x](media:-1)")]
    [InlineData("![x](MEDIA:javascript:alert(1))")]
    [InlineData("![x](media:99999999999)")]
    public void Media_urls_anywhere_else_leave_no_trace(string markdown)
    {
        var html = Renderer.Render(markdown);

        var doc = Parse(html);
        Assert.Empty(InlineImages.References(html));
        Assert.DoesNotContain(doc.QuerySelectorAll("[href], [src]"), e => (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Contains("media:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Ordinary_images_load_lazily()
    {
        var img = Parse(Renderer.Render("![chart](https://example.org/chart.png)")).QuerySelector("img")!;

        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("https://example.org/chart.png", img.GetAttribute("src"));
    }
}
