using System.Text.Json;
using AngleSharp.Dom;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Readers;

// What search engines and social networks read from an article page's head.
public sealed class ArticleMetadataTests
{
    private static string? Meta(IDocument page, string key) =>
        page.QuerySelector($"head meta[property='{key}'], head meta[name='{key}']")?.GetAttribute("content");

    private static JsonElement JsonLd(IDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        return JsonDocument.Parse(script.TextContent).RootElement.Clone();
    }

    private static async Task<(NewsroomApp App, IDocument Page, string Path)> ExplainerAsync(bool withRenditions = true)
    {
        var app = new NewsroomApp();
        var ada = await app.AuthorAsync("Ada Berg");
        var ben = await app.AuthorAsync("Ben Holm");
        var photo = await app.AddPhotoAsync(withRenditions);
        var article = await app.PublishAsync(new ArticleBuilder()
            .Headline("What is at stake on the river?", "river-stakes")
            .Dek("A short guide to the dispute.")
            .Body("Some background.")
            .Question("Why are they arguing?", "Because of a **treaty**.")
            .Question("What next?", "Mediation.")
            .By(ada, ben)
            .Tagged("Water")
            .LeadImage(photo, null)
            .Attribution("Regional Wire contributed reporting.", "Regional Wire"));
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.EditAsync(article, i => i with { Corrections = [new(NewsCms.Articles.CorrectionKind.Correction, "The treaty is from 1978.")] });
        return (app, await app.GetDocumentAsync(article.Path!), article.Path!);
    }

    [Fact]
    public async Task Head_has_title_description_canonical_and_social_cards_with_the_lead_rendition()
    {
        var (app, page, path) = await ExplainerAsync();
        await using var _ = app;

        Assert.StartsWith("What is at stake on the river? - ", page.Title);
        Assert.Equal("A short guide to the dispute.", Meta(page, "description"));
        Assert.Equal("http://localhost" + path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("http://localhost" + path, Meta(page, "og:url"));
        Assert.Equal("What is at stake on the river? - NewsCms Daily", Meta(page, "og:title"));
        Assert.EndsWith("-1600x900.jpg", Meta(page, "og:image"));
        Assert.StartsWith("http://localhost/media/", Meta(page, "og:image"));
        Assert.Equal("1600", Meta(page, "og:image:width"));
        Assert.Equal("Farmers by a dry canal", Meta(page, "og:image:alt"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal(Meta(page, "og:image"), Meta(page, "twitter:image"));
        Assert.Equal("2026-03-14T10:00:00Z", Meta(page, "article:published_time"));
        Assert.Equal("2026-03-14T12:00:00Z", Meta(page, "article:modified_time"));
    }

    [Fact]
    public async Task Json_ld_is_a_news_article_with_authors_publisher_image_credits_corrections_and_questions()
    {
        var (app, page, path) = await ExplainerAsync();
        await using var _ = app;

        var ld = JsonLd(page);
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
        Assert.Equal("What is at stake on the river?", ld.GetProperty("headline").GetString());
        Assert.Equal("A short guide to the dispute.", ld.GetProperty("description").GetString());
        Assert.Equal("2026-03-14T10:00:00Z", ld.GetProperty("datePublished").GetString());
        Assert.Equal("2026-03-14T12:00:00Z", ld.GetProperty("dateModified").GetString());
        Assert.Equal("http://localhost" + path, ld.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());

        var authors = ld.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["Ada Berg", "Ben Holm"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.All(authors, a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.Equal("http://localhost/authors/ada-berg", authors[0].GetProperty("url").GetString());

        var publisher = ld.GetProperty("publisher");
        Assert.Equal("NewsMediaOrganization", publisher.GetProperty("@type").GetString());
        Assert.Equal("NewsCms Daily", publisher.GetProperty("name").GetString());
        Assert.Equal("http://localhost/corrections", publisher.GetProperty("correctionsPolicy").GetString());

        var images = ld.GetProperty("image").EnumerateArray().ToList();
        Assert.Equal(3, images.Count); // 16:9, 4:3 and 1:1, the largest JPEG of each
        Assert.Equal([1600, 1000, 800], images.Select(i => i.GetProperty("width").GetInt32()));
        foreach (var image in images)
        {
            Assert.Equal("ImageObject", image.GetProperty("@type").GetString());
            Assert.StartsWith("http://localhost/media/", image.GetProperty("contentUrl").GetString());
            Assert.Equal("Ana Diaz / Regional Wire", image.GetProperty("creditText").GetString());
            Assert.Equal("Ana Diaz", image.GetProperty("creator").GetProperty("name").GetString());
            Assert.Equal("© 2026 Regional Wire", image.GetProperty("copyrightNotice").GetString());
            Assert.Equal("https://example.org/licence", image.GetProperty("license").GetString());
            Assert.Equal("https://example.org/buy", image.GetProperty("acquireLicensePage").GetString());
            Assert.Equal("A canal near Kessel in July.", image.GetProperty("caption").GetString());
        }

        var questions = ld.GetProperty("hasPart").EnumerateArray().ToList();
        Assert.Equal(["Why are they arguing?", "What next?"], questions.Select(q => q.GetProperty("name").GetString()));
        Assert.Equal("Question", questions[0].GetProperty("@type").GetString());
        Assert.Equal("http://localhost" + path + "#why-are-they-arguing", questions[0].GetProperty("url").GetString());
        Assert.Equal("Answer", questions[0].GetProperty("acceptedAnswer").GetProperty("@type").GetString());
        Assert.Equal("Because of a treaty.", questions[0].GetProperty("acceptedAnswer").GetProperty("text").GetString());

        var correction = Assert.Single(ld.GetProperty("correction").EnumerateArray().ToList());
        Assert.Equal("CorrectionComment", correction.GetProperty("@type").GetString());
        Assert.Equal("The treaty is from 1978.", correction.GetProperty("text").GetString());
        Assert.Equal("2026-03-14T12:00:00Z", correction.GetProperty("datePublished").GetString());

        var contributor = Assert.Single(ld.GetProperty("contributor").EnumerateArray().ToList());
        Assert.Equal("Regional Wire", contributor.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_renditions_the_original_photo_stands_in()
    {
        var (app, page, _) = await ExplainerAsync(withRenditions: false);
        await using var __ = app;

        Assert.Matches(@"^http://localhost/media/[0-9a-f]+\.jpg$", Meta(page, "og:image"));
        var image = Assert.Single(JsonLd(page).GetProperty("image").EnumerateArray().ToList());
        Assert.Equal(3000, image.GetProperty("width").GetInt32());
        Assert.Equal("Ana Diaz / Regional Wire", image.GetProperty("creditText").GetString());
    }

    [Fact]
    public async Task A_republished_article_names_its_original_as_canonical_and_source()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Syndicated", "syndicated").OriginalUrl("https://example.org/original"));

        var page = await app.GetDocumentAsync(article.Path!);

        Assert.Equal("https://example.org/original", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://example.org/original", JsonLd(page).GetProperty("isBasedOn").GetString());
        Assert.Equal("summary", Meta(page, "twitter:card"));
    }

    public static TheoryData<string> Breakouts() => new()
    {
        "</script><script>alert(1)</script>",
        "</SCRIPT ><img src=x onerror=alert(1)>",
        "<!--<script>",
        "line\u2028separators\u2029here",
        "\"quoted\" & 'single' + back\\slash",
    };

    [Fact]
    public async Task The_json_ld_element_is_written_as_the_layout_has_it()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Plain markup", "plain-markup"));

        using var response = await app.GetAsync(article.Path!);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // No tag helper rewrites it: the script tag helper once wrote type="application/ld&#x2B;json".
        Assert.Contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\"", html);
    }

    [Theory]
    [MemberData(nameof(Breakouts))]
    public async Task No_field_can_end_the_json_ld_script_element(string hostile)
    {
        await using var app = new NewsroomApp();
        var author = await app.AuthorAsync("Eve " + hostile[..Math.Min(hostile.Length, 60)]);
        var article = await app.PublishAsync(new ArticleBuilder().Headline(hostile, "hostile").Dek(hostile).By(author)
            .Question(hostile, "Answer " + hostile).Attribution(hostile, hostile));

        var page = await app.GetDocumentAsync(article.Path!);

        var ld = JsonLd(page);
        Assert.Equal(hostile, ld.GetProperty("headline").GetString());
        Assert.Equal(hostile, ld.GetProperty("description").GetString());
        Assert.Equal(hostile, ld.GetProperty("hasPart")[0].GetProperty("name").GetString());
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json'])"));
        Assert.Empty(page.QuerySelectorAll("img[onerror]"));
        var raw = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        Assert.DoesNotContain("<", raw);
        Assert.DoesNotContain("\u2028", raw);
    }
}
