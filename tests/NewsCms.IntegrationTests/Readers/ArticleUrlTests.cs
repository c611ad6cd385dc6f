using System.Net;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Readers;

// Links to an article keep working whatever happens to its slug, date or status.
public sealed class ArticleUrlTests
{
    private static async Task AssertMovedAsync(NewsroomApp app, string from, string to)
    {
        using var response = await app.GetAsync(from);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }

    private static async Task AssertStatusAsync(NewsroomApp app, string path, HttpStatusCode status)
    {
        using var response = await app.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Article_url_carries_the_publication_date_and_slug()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Grid rules explained", "grid-rules"));

        Assert.Equal("/2026/03/14/grid-rules", article.Path);
        await AssertStatusAsync(app, "/2026/03/14/grid-rules", HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_old_slug_answers_301_to_the_current_url_without_chains()
    {
        await using var app = new NewsroomApp();
        var v1 = await app.PublishAsync(new ArticleBuilder().Headline("Grid rules", "grid-rules"));
        var v2 = await app.EditAsync(v1, i => i with { Slug = "new-grid-rules" });
        var v3 = await app.EditAsync(v2, i => i with { Slug = "what-the-grid-rules-mean" });

        await AssertMovedAsync(app, "/2026/03/14/grid-rules", "/2026/03/14/what-the-grid-rules-mean");
        await AssertMovedAsync(app, "/2026/03/14/new-grid-rules", "/2026/03/14/what-the-grid-rules-mean");
        await AssertStatusAsync(app, v3.Path!, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_date_with_the_current_slug_answers_301_to_the_right_date()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Grid rules", "grid-rules"));

        await AssertMovedAsync(app, "/2025/12/31/grid-rules", "/2026/03/14/grid-rules");
    }

    [Fact]
    public async Task Old_urls_follow_the_article_when_the_newsroom_time_zone_moves_its_date()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            await using (var utc = new NewsroomApp().With("NewsCms:DataDirectory", data))
            {
                utc.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero));
                var v1 = await utc.PublishAsync(new ArticleBuilder().Headline("Late news", "late-news"));
                await utc.EditAsync(v1, i => i with { Slug = "late-night-news" });
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            // Half past midnight in Berlin: the article's date is now the 15th.
            await using var berlin = new NewsroomApp().With("NewsCms:DataDirectory", data).With("NewsCms:Site:TimeZone", "Europe/Berlin");
            await AssertStatusAsync(berlin, "/2026/03/15/late-night-news", HttpStatusCode.OK);
            await AssertMovedAsync(berlin, "/2026/03/14/late-night-news", "/2026/03/15/late-night-news");
            await AssertMovedAsync(berlin, "/2026/03/14/late-news", "/2026/03/15/late-night-news");
        });
    }

    [Fact]
    public async Task An_old_slug_taken_by_another_article_still_leads_old_links_to_the_first_one()
    {
        await using var app = new NewsroomApp();
        var first = await app.PublishAsync(new ArticleBuilder().Headline("Budget", "budget"));
        await app.EditAsync(first, i => i with { Slug = "budget-2026" });
        app.Clock.Advance(TimeSpan.FromDays(3));
        var second = await app.PublishAsync(new ArticleBuilder().Headline("Another budget", "budget"));

        await AssertMovedAsync(app, "/2026/03/14/budget", "/2026/03/14/budget-2026");
        Assert.Equal("/2026/03/17/budget", second.Path);
        await AssertStatusAsync(app, "/2026/03/17/budget", HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_slug_changed_while_unpublished_keeps_the_old_url_once_it_is_back()
    {
        await using var app = new NewsroomApp();
        var published = await app.PublishAsync(new ArticleBuilder().Headline("Dam report", "dam-report"));
        var down = await app.ArticlesAsync(a => a.UnpublishAsync(published.Id, published.Version, NewsroomApp.Editor, TestContext.Current.CancellationToken));
        var renamed = await app.EditAsync(down, i => i with { Slug = "kessel-dam-report" });

        await AssertStatusAsync(app, "/2026/03/14/dam-report", HttpStatusCode.Gone);
        await AssertStatusAsync(app, "/2026/03/14/kessel-dam-report", HttpStatusCode.Gone);

        await app.ArticlesAsync(a => a.PublishAsync(renamed.Id, renamed.Version, NewsroomApp.Editor, TestContext.Current.CancellationToken));
        await AssertMovedAsync(app, "/2026/03/14/dam-report", "/2026/03/14/kessel-dam-report");
    }

    [Fact]
    public async Task Returning_to_an_earlier_slug_serves_the_page_there_again()
    {
        await using var app = new NewsroomApp();
        var v1 = await app.PublishAsync(new ArticleBuilder().Headline("Floods", "floods"));
        var v2 = await app.EditAsync(v1, i => i with { Slug = "river-floods" });
        await app.EditAsync(v2, i => i with { Slug = "floods" });

        await AssertStatusAsync(app, "/2026/03/14/floods", HttpStatusCode.OK);
        await AssertMovedAsync(app, "/2026/03/14/river-floods", "/2026/03/14/floods");
    }

    [Fact]
    public async Task Drafts_are_404_and_unpublished_articles_410()
    {
        await using var app = new NewsroomApp();
        await app.CreateDraftAsync(new ArticleBuilder().Headline("Secret plan", "secret-plan"));
        var published = await app.PublishAsync(new ArticleBuilder().Headline("Withdrawn", "withdrawn"));
        await app.ArticlesAsync(a => a.UnpublishAsync(published.Id, published.Version, NewsroomApp.Editor, TestContext.Current.CancellationToken));

        await AssertStatusAsync(app, "/2026/03/14/secret-plan", HttpStatusCode.NotFound);
        await AssertStatusAsync(app, "/2026/03/14/withdrawn", HttpStatusCode.Gone);
        await AssertStatusAsync(app, "/2020/01/01/withdrawn", HttpStatusCode.NotFound);
    }
}
