using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Search;

namespace NewsCms.IntegrationTests.Readers;

public sealed class SearchTests
{
    private static async Task<IDocument> SearchAsync(NewsroomApp app, string query)
    {
        using var response = await app.GetAsync("/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static List<string> Headlines(IDocument page) =>
        page.QuerySelectorAll(".search-result__headline a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Headline_matches_rank_above_body_matches_and_are_highlighted()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Farm subsidies", "farm").Body("The reservoir levels matter to farmers."));
        await app.PublishAsync(new ArticleBuilder().Headline("Reservoir levels fall", "reservoir").Body("Water is short."));

        var page = await SearchAsync(app, "reservoir");

        Assert.Equal(["Reservoir levels fall", "Farm subsidies"], Headlines(page));
        Assert.Equal("Reservoir", page.QuerySelector(".search-result__headline mark")!.TextContent);
        var snippet = page.QuerySelectorAll(".search-result__snippet")[1];
        Assert.Equal("reservoir", snippet.QuerySelector("mark")!.TextContent);
    }

    // A word in much of the archive is ranked among its newest matches only (RankWindow, 2,000 by
    // default); the count still names every match.
    [Fact]
    public async Task Ranking_looks_at_the_newest_matches_and_the_count_at_all_of_them()
    {
        await using var app = new NewsroomApp().With("NewsCms:Search:RankWindow", "3");
        await app.PublishAsync(new ArticleBuilder().Headline("Lighthouse keepers return", "oldest").Body("The lighthouse is staffed again."));
        for (var i = 1; i <= 4; i++)
            await app.PublishAsync(new ArticleBuilder().Headline($"Harbour note {i}", $"note-{i}").Body($"Past the lighthouse, note {i}."));

        var page = await SearchAsync(app, "lighthouse");

        Assert.Equal(["Harbour note 2", "Harbour note 3", "Harbour note 4"], Headlines(page).Order().ToList());
        Assert.StartsWith("5 articles match", page.QuerySelector(".search-message")!.TextContent.Trim(), StringComparison.Ordinal);
        await using var wide = new NewsroomApp();
        await wide.PublishAsync(new ArticleBuilder().Headline("Lighthouse keepers return", "oldest").Body("The lighthouse is staffed again."));
        await wide.PublishAsync(new ArticleBuilder().Headline("Harbour note", "note").Body("Past the lighthouse."));
        Assert.Equal("Lighthouse keepers return", Headlines(await SearchAsync(wide, "lighthouse"))[0]);
    }

    [Fact]
    public async Task Questions_and_answers_are_searchable()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Dispute explained", "dispute").Body("Intro.")
            .Question("Why are they arguing?", "Because of the **treaty** signed in 1978."));

        Assert.Equal(["Dispute explained"], Headlines(await SearchAsync(app, "treaty")));
        Assert.Equal(["Dispute explained"], Headlines(await SearchAsync(app, "arguing")));
    }

    [Fact]
    public async Task Only_published_articles_are_found_and_the_index_follows_every_change()
    {
        await using var app = new NewsroomApp();
        await app.CreateDraftAsync(new ArticleBuilder().Headline("Draft about glaciers", "draft-glaciers"));
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Glaciers retreat", "glaciers"));
        Assert.Equal(["Glaciers retreat"], Headlines(await SearchAsync(app, "glaciers")));

        var edited = await app.EditAsync(article, i => i with { Headline = "Ice sheets retreat" });
        Assert.Empty(Headlines(await SearchAsync(app, "glaciers")));
        Assert.Equal(["Ice sheets retreat"], Headlines(await SearchAsync(app, "ice")));

        var down = await app.ArticlesAsync(a => a.UnpublishAsync(edited.Id, edited.Version, NewsroomApp.Editor, TestContext.Current.CancellationToken));
        Assert.Empty(Headlines(await SearchAsync(app, "ice")));

        await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<NewsCms.Articles.ArticleService>().DeleteAsync(down.Id, down.Version, NewsroomApp.Editor, TestContext.Current.CancellationToken);
            return 0;
        });
        Assert.Empty(Headlines(await SearchAsync(app, "ice")));
    }

    [Fact]
    public async Task Article_text_that_looks_like_markup_is_shown_as_text_in_snippets()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Markup <b>test</b>", "markup")
            .Body("The `<script>alert(1)</script>` tag and the word pelican."));

        var page = await SearchAsync(app, "pelican");

        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Empty(page.QuerySelectorAll(".search-result b"));
        Assert.Contains("<script>", page.QuerySelector(".search-result__snippet")!.TextContent);
        Assert.Equal("Markup <b>test</b>", page.QuerySelector(".search-result__headline")!.TextContent.Trim());
    }

    public static TheoryData<string> HostileQueries() => new()
    {
        "\"",
        "\"unbalanced",
        "*",
        "pelican*",
        "NEAR(pelican river)",
        "-pelican",
        "pelican OR",
        "AND",
        "headline:pelican",
        "^pelican",
        "(pelican",
        "pelican\u0000river",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        new string('x', 1000),
        string.Join(' ', Enumerable.Repeat("pelican", 300)),
        "",
        "   ",
        "\u202e\u200b",
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Any_query_gets_a_page_never_an_error(string query)
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Pelican river", "pelican").Body("A river."));

        var page = await SearchAsync(app, query);

        Assert.NotNull(page.QuerySelector("main .search-message"));
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.NotNull(page.QuerySelector("main form input[name=q]"));
    }

    [Fact]
    public async Task Search_syntax_characters_are_read_as_words()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Pelican river", "pelican").Body("A river."));

        Assert.Equal(["Pelican river"], Headlines(await SearchAsync(app, "\"pelican")));
        Assert.Equal(["Pelican river"], Headlines(await SearchAsync(app, "-pelican*")));
        // Not an operator: the word "near" is looked for, and this article does not have it.
        Assert.Empty(Headlines(await SearchAsync(app, "NEAR(pelican river)")));
    }

    [Fact]
    public async Task Results_are_paged()
    {
        await using var app = new NewsroomApp();
        for (var i = 1; i <= ArticleSearchService.PageSize + 3; i++)
        {
            await app.PublishAsync(new ArticleBuilder().Headline($"Heron count {i}", $"heron-{i}"));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await SearchAsync(app, "heron");
        Assert.Equal(ArticleSearchService.PageSize, Headlines(first).Count);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        using var response = await app.GetAsync(next);
        var second = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, Headlines(second).Count);
        Assert.Empty(Headlines(first).Intersect(Headlines(second)));
    }

    [Fact]
    public async Task A_rebuild_reaches_articles_published_after_a_long_run_of_drafts()
    {
        // The rebuild reads in batches of 200 ids; a batch of drafts only once ended it early.
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Beavers dam the creek", "beavers"));
        for (var i = 0; i < 201; i++) await app.CreateDraftAsync(new ArticleBuilder().Headline($"Draft {i}", $"draft-{i}"));
        await app.PublishAsync(new ArticleBuilder().Headline("Herons nest early", "herons"));

        var indexed = await app.WithScopeAsync(async s =>
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(
                s.GetRequiredService<NewsCms.Data.NewsCmsDbContext>().Database, "DELETE FROM \"ArticleSearch\"", TestContext.Current.CancellationToken);
            return await s.GetRequiredService<NewsCms.Search.IArticleSearch>().RebuildAsync(TestContext.Current.CancellationToken);
        });

        Assert.Equal(2, indexed);
        Assert.Equal(["Herons nest early"], Headlines(await SearchAsync(app, "herons")));
    }

    [Fact]
    public async Task An_empty_index_is_rebuilt_at_start_when_articles_exist()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            await using (var first = new NewsroomApp().With("NewsCms:DataDirectory", data))
            {
                await first.PublishAsync(new ArticleBuilder().Headline("Otters return", "otters"));
                await first.WithScopeAsync(async s =>
                    await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(
                        s.GetRequiredService<NewsCms.Data.NewsCmsDbContext>().Database, "DELETE FROM \"ArticleSearch\"", TestContext.Current.CancellationToken));
                Assert.Empty(Headlines(await SearchAsync(first, "otters")));
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            await using var second = new NewsroomApp().With("NewsCms:DataDirectory", data);
            Assert.Equal(["Otters return"], Headlines(await SearchAsync(second, "otters")));
        });
    }
}
