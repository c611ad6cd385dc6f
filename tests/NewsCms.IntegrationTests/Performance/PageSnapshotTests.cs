using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Caching;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Settings;

namespace NewsCms.IntegrationTests.Performance;

// With the output cache off, an article page is read from its snapshot (one row) once it has been
// built. The snapshot must give the very page a fresh build gives, and never outlive a change to
// anything the page shows.
public sealed class PageSnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewsroomApp Uncached() => new NewsroomApp().With("NewsCms:OutputCache:Enabled", "false");

    private static Task<int> SnapshotCountAsync(NewsroomApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().ArticlePageSnapshots.CountAsync(Ct));

    private static async Task<IDocument> PageAsync(NewsroomApp app, string path)
    {
        using var response = await app.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
    }

    // An explainer that shows everything a page can: byline, tags, lead photo, a library photo in
    // the text, a callout, related articles, Q&A, attribution and a correction.
    private static async Task<(ArticleDetail Story, ArticleDetail Target, AuthorView Author, int Photo)> FullStoryAsync(NewsroomApp app)
    {
        var author = await app.AuthorAsync("Ada Berg", "Covers water.", "Water reporter");
        var photo = await app.AddPhotoAsync();
        var target = await app.PublishAsync(new ArticleBuilder().Headline("Reservoir levels fall", "reservoir-levels"));
        var story = await app.PublishAsync(new ArticleBuilder().Headline("Farmers plan for drought", "farmers-plan")
            .Dek("What the rationing means for the valley.")
            .Body($"The canal ran dry.\n\n![The empty canal bed](media:{photo})\n\n[[related: reservoir-levels]]\n\nMore text.")
            .Question("Who decides?", "The water board, on Thursday.")
            .By(author).Tagged("Water", "Farming").LeadImage(photo, "The canal at dawn.")
            .Attribution("Additional reporting by Lin Ortiz.", "Valley Desk")
            .Correction("An earlier version gave the wrong date for the board meeting.")
            .Build() with { RelatedArticleIds = [target.Id] });
        return (story, target, author, photo);
    }

    [Fact]
    public async Task The_page_from_a_snapshot_is_byte_for_byte_the_page_built_fresh_and_reads_no_article()
    {
        var recorder = new StatementRecorder();
        await using var app = Uncached();
        var (story, _, _, _) = await FullStoryAsync(app);
        await using var traced = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<NewsCmsDbContext>(o => o.AddInterceptors(recorder))));
        using var client = traced.CreateClient();

        var built = await client.GetStringAsync(story.Path, Ct);
        Assert.Contains(recorder.Statements, s => s.Sql.Contains("FROM \"Articles\""));
        recorder.Clear();
        var fromSnapshot = await client.GetStringAsync(story.Path, Ct);

        Assert.Equal(built, fromSnapshot);
        // The lookup is one plain statement outside EF (ArticlePageSnapshots.FindAsync); the
        // recorder sees EF's statements, and none of them may rebuild the page.
        Assert.DoesNotContain(recorder.Statements, s => s.Sql.Contains("\"Articles\"") || s.Sql.Contains("\"ArticlePageSnapshots\""));
        var page = await NewsCmsFactory.ParseAsync(fromSnapshot);
        Assert.Equal("Reservoir levels fall", page.QuerySelector("aside.related-callout a")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main article figure figcaption .credit"));
    }

    [Fact]
    public async Task A_long_page_reads_back_whole_from_its_snapshot()
    {
        // Larger than the first pooled array the lookup reads into (16 KB), with text in several
        // scripts, so the read grows and no character is cut.
        var recorder = new StatementRecorder();
        await using var app = Uncached();
        var paragraphs = Enumerable.Range(1, 400).Select(i => $"Paragraph {i}: Zürich, Ålesund and 東京 report \"rationing\" — day {i}.");
        var story = await app.PublishAsync(new ArticleBuilder().Headline("A very long explainer", "very-long")
            .Body(string.Join("\n\n", paragraphs)).Question("Is it whole?", "Every paragraph, to the last.").Build());
        await using var traced = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<NewsCmsDbContext>(o => o.AddInterceptors(recorder))));
        using var client = traced.CreateClient();

        var built = await client.GetStringAsync(story.Path, Ct);
        recorder.Clear();
        var fromSnapshot = await client.GetStringAsync(story.Path, Ct);

        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().ArticlePageSnapshots.AnyAsync(x => x.Json.Length > 16 * 1024, Ct)));
        Assert.DoesNotContain(recorder.Statements, s => s.Sql.Contains("\"Articles\""));
        Assert.Equal(built, fromSnapshot);
        Assert.Contains("Paragraph 400: Zürich, Ålesund and 東京 report", fromSnapshot);
    }

    public static TheoryData<string> Changes => new(
        "headline", "related headline", "author name", "photo credit", "tag name", "site name");

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_to_anything_the_page_shows_drops_its_snapshot_at_once(string change)
    {
        await using var app = Uncached();
        var (story, target, author, photo) = await FullStoryAsync(app);
        await PageAsync(app, story.Path!);
        await PageAsync(app, target.Path!);
        Assert.Equal(2, await SnapshotCountAsync(app));

        switch (change)
        {
            case "headline":
                await app.EditAsync(story, i => i with { Headline = "Farmers ration water" });
                Assert.Equal("Farmers ration water", (await PageAsync(app, story.Path!)).QuerySelector("main article h1")!.TextContent.Trim());
                break;
            case "related headline":
                await app.EditAsync(target, i => i with { Headline = "Reservoir hits a record low" });
                var related = await PageAsync(app, story.Path!);
                Assert.Equal("Reservoir hits a record low", related.QuerySelector("aside.related-callout a")!.TextContent.Trim());
                Assert.Equal(["Reservoir hits a record low"], related.QuerySelectorAll("aside.related-list li a").Select(a => a.TextContent.Trim()));
                break;
            case "author name":
                await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>()
                    .UpdateAsync(author.Id, new AuthorInput("Ada Berg-Lund", Slug: "ada-berg"), NewsroomApp.Editor, Ct));
                Assert.Equal(["Ada Berg-Lund"], (await PageAsync(app, story.Path!))
                    .QuerySelectorAll("main article .byline .byline__name").Select(n => n.TextContent.Trim()));
                break;
            case "photo credit":
                await app.WithScopeAsync(s => s.GetRequiredService<NewsCms.Media.MediaService>().UpdateAsync(photo,
                    new NewsCms.Media.MediaInput("Farmers by a dry canal", CreditLine: "Ana Diaz / Lowen Ledger", Photographer: "Ana Diaz"),
                    NewsroomApp.Editor, Ct));
                var credits = (await PageAsync(app, story.Path!)).QuerySelectorAll("main article figure figcaption .credit")
                    .Select(c => c.TextContent.Trim()).Distinct();
                Assert.Equal(["Photo: Ana Diaz / Lowen Ledger"], credits);
                break;
            case "tag name":
                await app.WithScopeAsync(s => s.GetRequiredService<NewsCms.Tags.TagService>()
                    .UpdateAsync(story.Tags[0].Id, new NewsCms.Tags.TagInput("Water supply", "water"), NewsroomApp.Editor, Ct));
                var keywords = (await PageAsync(app, story.Path!)).QuerySelectorAll("script[type='application/ld+json']")
                    .Select(script => System.Text.Json.JsonDocument.Parse(script.TextContent).RootElement)
                    .Where(json => json.ValueKind == System.Text.Json.JsonValueKind.Object && json.TryGetProperty("keywords", out _))
                    .SelectMany(json => json.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
                Assert.Equal(["Water supply", "Farming"], keywords);
                break;
            case "site name":
                await app.WithScopeAsync(s => s.GetRequiredService<SiteSettingsService>()
                    .UpdateAsync(new SiteSettingsInput("The Lowen Ledger", null, null, null, null), NewsroomApp.Admin, Ct));
                Assert.Equal(0, await SnapshotCountAsync(app));
                Assert.Equal("Farmers plan for drought - The Lowen Ledger", (await PageAsync(app, story.Path!)).Title);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    [Fact]
    public async Task Only_the_pages_that_show_a_change_lose_their_snapshots()
    {
        await using var app = Uncached();
        var (story, target, _, _) = await FullStoryAsync(app);
        var other = await app.PublishAsync(new ArticleBuilder().Headline("Harvest comes early", "harvest"));
        foreach (var path in new[] { story.Path!, target.Path!, other.Path! }) await PageAsync(app, path);

        await app.EditAsync(target, i => i with { Dek = "Lower than in any July on record." });

        var kept = await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().ArticlePageSnapshots
            .OrderBy(x => x.ArticleId).Select(x => x.ArticleId).ToListAsync(Ct));
        Assert.Equal([other.Id], kept);
        // The dropped snapshots' tag rows went with them.
        var tagged = await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().ArticlePageSnapshotTags
            .Select(t => t.ArticleId).Distinct().ToListAsync(Ct));
        Assert.Equal([other.Id], tagged);
    }

    [Fact]
    public async Task Unpublishing_answers_410_and_a_new_slug_moves_the_page_whatever_the_snapshot_said()
    {
        await using var app = Uncached();
        var first = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        var second = await app.PublishAsync(new ArticleBuilder().Headline("Harvest comes early", "harvest"));
        await PageAsync(app, first.Path!);
        await PageAsync(app, second.Path!);

        var moved = await app.EditAsync(first, i => i with { Slug = "dam-talks-resume" });
        using (var old = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(first.Path, Ct))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
            Assert.Equal(moved.Path, old.Headers.Location!.OriginalString);
        }
        await PageAsync(app, moved.Path!);

        await app.ArticlesAsync(a => a.UnpublishAsync(second.Id, second.Version, NewsroomApp.Editor, Ct));
        using var gone = await app.GetAsync(second.Path!);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    // The race a snapshot must lose: its data was read, then a journalist's change committed and
    // invalidated, then the reader tries to keep what it built. It must not be kept.
    [Fact]
    public async Task A_page_built_before_an_invalidation_is_not_kept()
    {
        await using var app = Uncached();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));

        await app.WithScopeAsync(async s =>
        {
            var snapshots = s.GetRequiredService<ArticlePageSnapshots>();
            var pages = s.GetRequiredService<PublishedArticles>();
            var lookup = await snapshots.FindAsync("dam-talks", Ct);
            Assert.Null(lookup.Page);
            var page = ((PageLookup.Found)await pages.FindByPathAsync(article.Path!, "dam-talks", Ct)).Page;
            await s.GetRequiredService<NewsCmsDbContext>().ArticlePageSnapshots.ExecuteDeleteAsync(Ct);

            await snapshots.InvalidateAsync([CacheTags.Article(article.Id)], Ct);
            await snapshots.StoreAsync(page, lookup.Generation, Ct);
            Assert.Null((await snapshots.FindAsync("dam-talks", Ct)).Page);

            var fresh = await snapshots.FindAsync("dam-talks", Ct);
            await snapshots.StoreAsync(page, fresh.Generation, Ct);
            Assert.Equal("Dam talks resume", (await snapshots.FindAsync("dam-talks", Ct)).Page!.Article.Headline);
            return true;
        });
    }

    [Fact]
    public async Task An_unreadable_snapshot_is_rebuilt_not_served()
    {
        await using var app = Uncached();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        await PageAsync(app, article.Path!);
        await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().ArticlePageSnapshots
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Json, "{\"Article\":"u8.ToArray()), Ct));

        Assert.Equal("Dam talks resume", (await PageAsync(app, article.Path!)).QuerySelector("main article h1")!.TextContent.Trim());
        var rebuilt = await app.WithScopeAsync(async s =>
            (await s.GetRequiredService<ArticlePageSnapshots>().FindAsync("dam-talks", Ct)).Page);
        Assert.Equal(article.Id, rebuilt!.Article.Id);
    }

    // The SQLite lookup stays prepared on connections of its own that are kept open between
    // requests: they must not keep a read transaction open, or a checkpoint could never finish
    // and a later lookup would read an old snapshot of the database.
    [Fact]
    public async Task Prepared_lookups_hold_no_read_transaction_between_requests()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, "the prepared lookup is SQLite's; on PostgreSQL the lookup runs on the context's connection, which the other tests here cover");
        await using var app = Uncached();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Ferry timetable changes", "ferry-timetable"));
        for (var i = 0; i < 3; i++) await PageAsync(app, article.Path!);
        // The site's own contexts take the prepared path (it is chosen by connection string).
        Assert.True(await app.WithScopeAsync(s => Task.FromResult(
            s.GetRequiredService<PreparedSnapshotLookup>().ConnectionString == s.GetRequiredService<NewsCmsDbContext>().Database.GetConnectionString())));

        // A checkpoint that truncates the log must wait for every reader; a moment's reader from
        // the app's own background work may delay it, a held one would stop it for good.
        var database = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value.DatabasePath;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            var busy = 1;
            for (var attempt = 0; attempt < 20 && busy != 0; attempt++)
            {
                if (attempt > 0) await Task.Delay(50, Ct);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await using var result = await checkpoint.ExecuteReaderAsync(Ct);
                Assert.True(await result.ReadAsync(Ct));
                busy = result.GetInt32(0);
            }
            Assert.Equal(0, busy);
        }

        await app.EditAsync(article, a => a with { Headline = "Ferry timetable changes again" });
        Assert.Equal("Ferry timetable changes again", (await PageAsync(app, article.Path!)).QuerySelector("main article h1")!.TextContent.Trim());
    }
}
