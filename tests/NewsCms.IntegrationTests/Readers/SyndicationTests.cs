using System.Net;
using System.Xml.Linq;
using System.ServiceModel.Syndication;
using System.Xml.Schema;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Settings;

namespace NewsCms.IntegrationTests.Readers;

// Feeds, sitemaps and robots.txt, read back with a real XML parser.
public sealed class SyndicationTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    // .NET's feed reader refuses malformed dates, missing required elements and wrong structure.
    private static SyndicationFeed ReadFeed<TFormatter>(XDocument document) where TFormatter : SyndicationFeedFormatter, new()
    {
        var formatter = new TFormatter();
        using var reader = document.CreateReader();
        Assert.True(formatter.CanRead(reader), $"{typeof(TFormatter).Name} does not recognise the feed");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    // Validates against the schemas in Readers/Schemas; any error or warning fails with its line.
    private static void AssertMatchesSchema(XDocument document, params string[] schemaFiles)
    {
        var schemas = new XmlSchemaSet();
        foreach (var file in schemaFiles)
            schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Readers", "Schemas", file));
        var problems = new List<string>();
        document.Validate(schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<NewsroomApp> NewsroomAsync()
    {
        var app = new NewsroomApp();
        var ada = await app.AuthorAsync("Ada Berg");
        var ben = await app.AuthorAsync("Ben Holm");
        var photo = await app.AddPhotoAsync();
        await app.PublishAsync(new ArticleBuilder().Headline("Older story", "older").Body("Old text.").Tagged("Farming").By(ben));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.PublishAsync(new ArticleBuilder().Headline("River <explainer> & more", "river").Dek("A guide.")
            .Body("See [the council](/2026/03/14/older) and [notes](#why).\u0001")
            .Question("Why?", "Because.").By(ada, ben).Tagged("Water", "Explainers").LeadImage(photo, "Dry canal."));
        return app;
    }

    [Fact]
    public async Task Rss_items_carry_full_content_every_byline_tags_and_the_credited_lead_image()
    {
        await using var app = await NewsroomAsync();

        var rss = await app.GetXmlAsync("/feed", "application/rss+xml");

        var parsed = ReadFeed<Rss20FeedFormatter>(rss);
        Assert.Equal(["River <explainer> & more", "Older story"], parsed.Items.Select(i => i.Title.Text));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 11, 0, 0, TimeSpan.Zero), parsed.Items.First().PublishDate);
        Assert.Equal("2.0", rss.Root!.Attribute("version")!.Value);
        var channel = rss.Root.Element("channel")!;
        Assert.Equal("NewsCms Daily", channel.Element("title")!.Value);
        Assert.Equal("http://localhost/feed", channel.Element(Atom + "link")!.Attribute("href")!.Value);
        var items = channel.Elements("item").ToList();
        Assert.Equal(["River <explainer> & more", "Older story"], items.Select(i => i.Element("title")!.Value));

        var item = items[0];
        Assert.Equal("http://localhost/2026/03/14/river", item.Element("link")!.Value);
        Assert.Equal("http://localhost/2026/03/14/river", item.Element("guid")!.Value);
        Assert.Equal("Sat, 14 Mar 2026 11:00:00 GMT", item.Element("pubDate")!.Value);
        Assert.Equal("A guide.", item.Element("description")!.Value);
        Assert.Equal(["Ada Berg", "Ben Holm"], item.Elements(Dc + "creator").Select(c => c.Value));
        Assert.Equal(["Water", "Explainers"], item.Elements("category").Select(c => c.Value));

        var html = await NewsCmsFactory.ParseAsync(item.Element(Content + "encoded")!.Value);
        Assert.Equal("http://localhost/2026/03/14/older", html.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("http://localhost/2026/03/14/river#why", html.QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Equal("Why?", html.QuerySelector("h2")!.TextContent);

        var media = item.Element(Media + "content")!;
        Assert.Equal("image", media.Attribute("medium")!.Value);
        Assert.EndsWith("-1600x900.jpg", media.Attribute("url")!.Value);
        Assert.Equal("Dry canal.", media.Element(Media + "description")!.Value);
        Assert.Equal(["Ana Diaz", "Ana Diaz / Regional Wire"], media.Elements(Media + "credit").Select(c => c.Value));
        Assert.Equal("photographer", media.Elements(Media + "credit").First().Attribute("role")!.Value);
        Assert.Equal("© 2026 Regional Wire", media.Element(Media + "copyright")!.Value);
        Assert.Equal(media.Attribute("url")!.Value, item.Element("enclosure")!.Attribute("url")!.Value);
    }

    [Fact]
    public async Task Atom_entries_have_stable_ids_dates_authors_and_html_content()
    {
        await using var app = await NewsroomAsync();

        var atom = await app.GetXmlAsync("/feed/atom", "application/atom+xml");

        var parsed = ReadFeed<Atom10FeedFormatter>(atom);
        Assert.Equal(["Ada Berg", "Ben Holm"], parsed.Items.First().Authors.Select(a => a.Name));
        Assert.IsType<TextSyndicationContent>(parsed.Items.First().Content);
        var feed = atom.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("http://localhost/feed/atom", feed.Element(Atom + "id")!.Value);
        Assert.Equal("2026-03-14T11:00:00Z", feed.Element(Atom + "updated")!.Value);
        var entry = feed.Elements(Atom + "entry").First();
        Assert.StartsWith("tag:localhost,2026-03-14:article:", entry.Element(Atom + "id")!.Value);
        Assert.Equal("2026-03-14T11:00:00Z", entry.Element(Atom + "published")!.Value);
        Assert.Equal("2026-03-14T11:00:00Z", entry.Element(Atom + "updated")!.Value);
        Assert.Equal(["Ada Berg", "Ben Holm"], entry.Elements(Atom + "author").Select(a => a.Element(Atom + "name")!.Value));
        Assert.Equal("http://localhost/authors/ada-berg", entry.Element(Atom + "author")!.Element(Atom + "uri")!.Value);
        var alternate = entry.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "alternate");
        Assert.Equal("http://localhost/2026/03/14/river", alternate.Attribute("href")!.Value);
        Assert.Equal("A guide.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
    }

    [Theory]
    [InlineData("/tags/water/feed", "application/rss+xml", 1)]
    [InlineData("/tags/farming/feed/atom", "application/atom+xml", 1)]
    [InlineData("/authors/ben-holm/feed", "application/rss+xml", 2)]
    [InlineData("/authors/ada-berg/feed/atom", "application/atom+xml", 1)]
    public async Task Tag_and_author_feeds_hold_only_their_articles(string path, string mediaType, int count)
    {
        await using var app = await NewsroomAsync();

        var xml = await app.GetXmlAsync(path, mediaType);

        var feed = mediaType == "application/atom+xml" ? ReadFeed<Atom10FeedFormatter>(xml) : ReadFeed<Rss20FeedFormatter>(xml);
        Assert.Equal(count, feed.Items.Count());
    }

    [Fact]
    public async Task Sitemap_lists_home_tags_authors_and_articles_with_last_modified()
    {
        await using var app = await NewsroomAsync();

        var sitemap = await app.GetXmlAsync("/sitemap.xml", "application/xml");

        AssertMatchesSchema(sitemap, "sitemap.xsd");
        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        var locs = sitemap.Root.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Equal([
            "http://localhost/",
            "http://localhost/tags/explainers", "http://localhost/tags/farming", "http://localhost/tags/water",
            "http://localhost/authors/ada-berg", "http://localhost/authors/ben-holm",
            "http://localhost/2026/03/14/older", "http://localhost/2026/03/14/river"], locs);
        var article = sitemap.Root.Elements(Sitemap + "url").Last();
        Assert.Equal("2026-03-14T11:00:00Z", article.Element(Sitemap + "lastmod")!.Value);
    }

    [Fact]
    public async Task A_large_sitemap_becomes_an_index_of_numbered_files()
    {
        await using var app = new NewsroomApp().With("NewsCms:Sitemaps:UrlsPerFile", "3");
        for (var i = 1; i <= 5; i++)
            await app.PublishAsync(new ArticleBuilder().Headline($"Story {i}", $"story-{i}"));

        var index = await app.GetXmlAsync("/sitemap.xml", "application/xml");

        AssertMatchesSchema(index, "siteindex.xsd");
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Equal(["http://localhost/sitemap-1.xml", "http://localhost/sitemap-2.xml"], files);
        var all = new List<string>();
        foreach (var file in files)
        {
            var page = await app.GetXmlAsync(new Uri(file).AbsolutePath, "application/xml");
            AssertMatchesSchema(page, "sitemap.xsd");
            all.AddRange(page.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value));
        }
        Assert.Equal(6, all.Distinct().Count());
        using var beyond = await app.GetAsync("/sitemap-3.xml");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task News_sitemap_holds_only_the_last_48_hours()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Three days old", "old"));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.PublishAsync(new ArticleBuilder().Headline("Yesterday & today", "fresh"));
        app.Clock.Advance(TimeSpan.FromDays(1));

        var news = await app.GetXmlAsync("/sitemap-news.xml", "application/xml");

        AssertMatchesSchema(news, "sitemap.xsd", "sitemap-news.xsd");
        var url = Assert.Single(news.Root!.Elements(Sitemap + "url"));
        Assert.Equal("http://localhost/2026/03/16/fresh", url.Element(Sitemap + "loc")!.Value);
        var item = url.Element(News + "news")!;
        Assert.Equal("NewsCms Daily", item.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("en", item.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("2026-03-16T10:00:00Z", item.Element(News + "publication_date")!.Value);
        Assert.Equal("Yesterday & today", item.Element(News + "title")!.Value);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var empty = await app.GetXmlAsync("/sitemap-news.xml", "application/xml");
        Assert.Empty(empty.Root!.Elements());
    }

    [Fact]
    public async Task Robots_txt_points_to_both_sitemaps()
    {
        await using var app = new NewsroomApp();

        using var response = await app.GetAsync("/robots.txt");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n');
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap-news.xml", lines);
        Assert.Contains("User-agent: *", lines);
    }

    [Fact]
    public async Task Site_settings_saved_by_an_admin_reach_pages_feeds_and_json_ld()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Story", "story"));
        await app.WithScopeAsync(s => s.GetRequiredService<SiteSettingsService>().UpdateAsync(
            new SiteSettingsInput("Lowen Valley Post", "Local news.", "https://news.example.org/", "/media/logo.png", null),
            NewsroomApp.Admin, TestContext.Current.CancellationToken));

        var page = await app.GetDocumentAsync(article.Path!);
        Assert.Equal("Lowen Valley Post", page.QuerySelector(".site-name")!.TextContent.Trim());
        Assert.Equal("https://news.example.org/2026/03/14/story", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var ld = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("https://news.example.org/media/logo.png", ld.GetProperty("publisher").GetProperty("logo").GetProperty("url").GetString());
        var rss = await app.GetXmlAsync("/feed", "application/rss+xml");
        Assert.Equal("Lowen Valley Post", rss.Root!.Element("channel")!.Element("title")!.Value);
    }

    [Fact]
    public async Task Only_an_admin_may_change_site_settings_and_bad_values_are_refused_per_field()
    {
        await using var app = new NewsroomApp();

        await Assert.ThrowsAsync<NewsCms.Common.ForbiddenException>(() => app.WithScopeAsync(s =>
            s.GetRequiredService<SiteSettingsService>().UpdateAsync(new SiteSettingsInput("X", null, null, null, null),
                NewsroomApp.Editor, TestContext.Current.CancellationToken)));
        var error = await Assert.ThrowsAsync<NewsCms.Common.ValidationFailedException>(() => app.WithScopeAsync(s =>
            s.GetRequiredService<SiteSettingsService>().UpdateAsync(
                new SiteSettingsInput(new string('n', 300), null, "javascript:alert(1)", "logo.png", "//evil.example/x.png"),
                NewsroomApp.Admin, TestContext.Current.CancellationToken)));
        Assert.Equal(["BaseUrl", "DefaultSocialImageUrl", "LogoUrl", "Name"], error.Errors.Keys.Order());
    }
}
