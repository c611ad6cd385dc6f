using System.Net;
using AngleSharp.Dom;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.PublicPages;

// The demo explainer, as a reader's browser receives it: every part of DESIGN.md's table in place.
public sealed class ArticlePageTests(NewsCmsFactory app) : IClassFixture<NewsCmsFactory>
{
    private async Task<IDocument> ExplainerAsync()
    {
        var home = await app.GetDocumentAsync("/");
        var link = home.QuerySelectorAll("article.teaser a")
            .Single(a => a.TextContent.Contains("What Is at Stake", StringComparison.Ordinal));
        return await app.GetDocumentAsync(link.GetAttribute("href")!);
    }

    [Fact]
    public async Task Home_lists_published_articles_as_linked_article_teasers()
    {
        var home = await app.GetDocumentAsync("/");

        var teasers = home.QuerySelectorAll("main article");
        Assert.True(teasers.Length >= 3);
        Assert.All(teasers, t => Assert.Matches(@"^/\d{4}/\d{2}/\d{2}/[a-z0-9-]+$", t.QuerySelector("h2 a")!.GetAttribute("href")));
    }

    [Fact]
    public async Task Article_page_has_headline_date_and_bylines()
    {
        var page = await ExplainerAsync();

        var article = page.QuerySelector("main article")!;
        Assert.Equal("What Is at Stake in the Lowen River Water Dispute?", article.QuerySelector("h1")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("h1"));
        var time = article.QuerySelector("header time[datetime]")!;
        Assert.True(DateTimeOffset.TryParse(time.GetAttribute("datetime"), out _));
        var names = article.QuerySelectorAll(".byline .byline__name").Select(n => n.TextContent.Trim()).ToList();
        Assert.Equal(["Mara Ellison", "Daniel Okafor"], names);
        Assert.StartsWith("What Is at Stake", page.Title);
    }

    [Fact]
    public async Task Lead_photo_is_a_figure_with_responsive_picture_caption_and_credit()
    {
        var page = await ExplainerAsync();

        var figure = page.QuerySelector("main article figure")!;
        var source = figure.QuerySelector("picture > source")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.All(source.GetAttribute("srcset")!.Split(", "), s => Assert.Matches(@"^/media/[0-9a-f]{64}-\d+\.webp \d+w$", s));
        var img = figure.QuerySelector("picture > img")!;
        Assert.Equal(("1600", "900"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("A river winding between green hills under a pale blue sky", img.GetAttribute("alt"));
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.Matches(@"^/media/[0-9a-f]{64}-1600\.jpg$", img.GetAttribute("src"));
        Assert.Equal(4, img.GetAttribute("srcset")!.Split(", ").Length);
        var caption = figure.QuerySelector("figcaption")!;
        Assert.StartsWith("The Lowen winds through the plains", caption.QuerySelector(".caption")!.TextContent);
        Assert.Equal("Photo: Ilse Marten / Regional Wire", caption.QuerySelector(".credit")!.TextContent.Trim());

        using var client = app.CreateClient();
        using var response = await client.GetAsync(img.GetAttribute("src"), TestContext.Current.CancellationToken);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Home_teasers_show_the_lead_photo_lazily_from_a_small_rendition()
    {
        var home = await app.GetDocumentAsync("/");

        var teaser = home.QuerySelectorAll("article.teaser")
            .Single(t => t.QuerySelector("h2")!.TextContent.Contains("What Is at Stake", StringComparison.Ordinal));
        var img = teaser.QuerySelector("picture img")!;
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Matches(@"^/media/[0-9a-f]{64}-320\.jpg$", img.GetAttribute("src"));
        Assert.Equal(("1600", "900"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.False(string.IsNullOrEmpty(img.GetAttribute("alt")));
    }

    [Fact]
    public async Task Qa_sections_are_headings_with_stable_anchors_listed_in_a_table_of_contents()
    {
        var page = await ExplainerAsync();

        var questions = page.QuerySelectorAll("main article section.qa > h2");
        Assert.Equal(3, questions.Length);
        var tocTargets = page.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(questions.Select(q => "#" + q.Id), tocTargets);
        Assert.Equal("why-are-the-two-provinces-arguing", questions[0].Id);
        Assert.NotEmpty(questions[0].ParentElement!.QuerySelector(".qa__answer")!.TextContent.Trim());
    }

    [Fact]
    public async Task Related_callout_sits_in_the_body_with_the_current_headline_and_live_url()
    {
        var page = await ExplainerAsync();

        var callout = page.QuerySelector("main article .article__body aside.related-callout")!;
        Assert.StartsWith("Related article:", callout.TextContent.Trim());
        var link = callout.QuerySelector("a")!;
        Assert.Equal("Talks on Lowen River Water Sharing Stall for a Second Day", link.TextContent.Trim());
        using var client = app.CreateClient();
        var target = await client.GetAsync(link.GetAttribute("href"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
    }

    [Fact]
    public async Task Attribution_is_the_last_part_of_the_article()
    {
        var page = await ExplainerAsync();

        var article = page.QuerySelector("main article")!;
        var footer = article.Children.Last();
        Assert.Equal("FOOTER", footer.TagName);
        Assert.Contains("Regional Wire", footer.QuerySelector(".attribution")!.TextContent);
    }

    [Fact]
    public async Task Unknown_article_is_a_404_page_in_the_site_look()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/2001/01/01/no-such-article", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.NotNull(page.QuerySelector("main h1"));
    }
}
