using System.Net;
using AngleSharp.Dom;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Readers;

// Tag, author and corrections pages: who wrote what, about what, and what was put right.
public sealed class ListingPageTests
{
    private static List<string> Headlines(IDocument page) =>
        page.QuerySelectorAll("main article.teaser h2 a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Tag_page_lists_only_its_published_articles_newest_first_with_feeds()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Old water story", "old-water").Tagged("Water"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.PublishAsync(new ArticleBuilder().Headline("New water story", "new-water").Tagged("Water", "Farming"));
        await app.PublishAsync(new ArticleBuilder().Headline("Farming only", "farming-only").Tagged("Farming"));
        await app.CreateDraftAsync(new ArticleBuilder().Headline("Draft water story", "draft-water").Tagged("Water"));

        var page = await app.GetDocumentAsync("/tags/water");

        Assert.Equal("Water", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(["New water story", "Old water story"], Headlines(page));
        Assert.Equal("http://localhost/tags/water", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var feeds = page.QuerySelectorAll("head link[rel=alternate]").Select(l => l.GetAttribute("href")).ToList();
        Assert.Contains("/tags/water/feed", feeds);
        Assert.Contains("/tags/water/feed/atom", feeds);
    }

    [Fact]
    public async Task Tag_and_author_pages_are_paged_with_a_cursor()
    {
        await using var app = new NewsroomApp();
        var author = await app.AuthorAsync("Ada Berg");
        for (var i = 1; i <= 23; i++)
        {
            await app.PublishAsync(new ArticleBuilder().Headline($"Story {i}", $"story-{i}").Tagged("Series").By(author));
            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        foreach (var path in new[] { "/tags/series", "/authors/ada-berg" })
        {
            var first = await app.GetDocumentAsync(path);
            Assert.Equal(20, Headlines(first).Count);
            Assert.Equal("Story 23", Headlines(first)[0]);
            var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
            Assert.StartsWith(path + "?after=", next);
            var second = await app.GetDocumentAsync(next);
            Assert.Equal(["Story 3", "Story 2", "Story 1"], Headlines(second));
            Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
            Assert.Equal("noindex", second.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        }
    }

    [Fact]
    public async Task Author_page_shows_name_title_and_bio_and_bylines_link_to_it()
    {
        await using var app = new NewsroomApp();
        var ada = await app.AuthorAsync("Ada Berg", bio: "Ada covers rivers.", jobTitle: "Water reporter");
        var ben = await app.AuthorAsync("Ben Holm");
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Joint story", "joint").By(ada, ben));

        var articlePage = await app.GetDocumentAsync(article.Path!);
        var links = articlePage.QuerySelectorAll("main article .byline a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Ada Berg", "/authors/ada-berg"), ("Ben Holm", "/authors/ben-holm")], links);

        var authorPage = await app.GetDocumentAsync("/authors/ada-berg");
        Assert.Equal("Ada Berg", authorPage.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Water reporter", authorPage.QuerySelector(".author-profile__title")!.TextContent.Trim());
        Assert.Equal("Ada covers rivers.", authorPage.QuerySelector(".author-profile__bio")!.TextContent.Trim());
        Assert.Equal(["Joint story"], Headlines(authorPage));
    }

    [Fact]
    public async Task Unknown_or_unpublished_tags_and_authors_are_404()
    {
        await using var app = new NewsroomApp();
        var guest = await app.AuthorAsync("Guest Writer");
        await app.CreateDraftAsync(new ArticleBuilder().Headline("Draft", "draft").Tagged("Embargoed").By(guest));

        foreach (var path in new[] { "/tags/nothing", "/tags/embargoed", "/authors/nobody", "/authors/guest-writer",
                     "/tags/embargoed/feed", "/authors/guest-writer/feed/atom" })
        {
            using var response = await app.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Corrections_page_lists_every_correction_with_its_date_and_article()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Premiums rise", "premiums"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var corrected = await app.EditAsync(article, i => i with
        {
            Corrections = [new NewsCms.Articles.CorrectionInput(NewsCms.Articles.CorrectionKind.Correction, "The rise is a third, not a half.")],
        });
        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline("Draft", "draft").Correction("Not public yet."));

        var page = await app.GetDocumentAsync("/corrections");

        var items = page.QuerySelectorAll("main .corrections-log__item");
        var item = Assert.Single(items);
        Assert.Equal("The rise is a third, not a half.", item.QuerySelector(".corrections-log__text")!.TextContent.Trim());
        Assert.Equal(corrected.Path, item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2026-03-15T10:00:00+00:00", item.QuerySelector("time")!.GetAttribute("datetime"));

        // And on the article itself: a distinct block, dated, with "Updated" in the dateline.
        var articlePage = await app.GetDocumentAsync(corrected.Path!);
        var block = articlePage.QuerySelector("main article aside.corrections")!;
        Assert.Contains("The rise is a third", block.TextContent);
        Assert.Equal("2026-03-15T10:00:00+00:00", block.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("2026-03-15T10:00:00+00:00", articlePage.QuerySelector(".dateline__updated time")!.GetAttribute("datetime"));
        _ = draft;
    }

    [Fact]
    public async Task Attribution_names_its_organisation()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Wire story", "wire")
            .Attribution("Additional reporting by wire services.", "Regional Wire")
            .Attribution("Regional Wire contributed reporting.", "Regional Wire"));

        var page = await app.GetDocumentAsync(article.Path!);

        var lines = page.QuerySelectorAll("main article footer .attribution").Select(p => p.TextContent.Trim()).ToList();
        Assert.Equal(["Additional reporting by wire services. (Regional Wire)", "Regional Wire contributed reporting."], lines);
    }
}
