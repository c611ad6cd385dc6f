using System.Net;
using System.Text.Json;
using NewsCms.ApiKeys;
using NewsCms.Articles;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

public sealed class ArticleListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Following_next_links_walks_every_article_once_while_new_ones_are_added()
    {
        await using var app = new NewsroomApp();
        var ids = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await app.PublishAsync(new ArticleBuilder().Headline($"Article {i}"))).Id);
            // Some share an update time: the id breaks the tie.
            if (i % 2 == 0) app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        using var client = app.ApiClient();

        var seen = new List<int>();
        string? next = "/api/v1/articles?limit=3";
        var pages = 0;
        while (next is not null)
        {
            var page = await (await client.GetAsync(next, Ct)).JsonAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
            Assert.Equal(3, page.GetProperty("limit").GetInt32());
            next = page.GetProperty("next").GetString();
            if (next is not null) Assert.StartsWith("http://localhost/api/v1/articles?", next, StringComparison.Ordinal);
            // Newer articles go out on top while the walk goes on; they are not in this walk.
            if (pages++ == 0) await app.PublishAsync(new ArticleBuilder().Headline("Breaking meanwhile"));
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task The_limit_defaults_to_20_and_is_capped_at_100()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("One"));
        using var client = app.ApiClient();

        var standard = await (await client.GetAsync("/api/v1/articles", Ct)).JsonAsync(HttpStatusCode.OK);
        var capped = await (await client.GetAsync("/api/v1/articles?limit=5000", Ct)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(20, standard.GetProperty("limit").GetInt32());
        Assert.Equal(100, capped.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, standard.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Lists_filter_by_status_tag_author_update_time_and_words()
    {
        await using var app = new NewsroomApp();
        var mara = await app.AuthorAsync("Mara Ellison");
        var dam = await app.PublishAsync(new ArticleBuilder().Headline("The dam opens its gates").Tagged("Water").By(mara));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var vote = await app.PublishAsync(new ArticleBuilder().Headline("A vote in the assembly").Dek("Water rights are on the agenda").Tagged("Politics"));
        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline("Unfinished water story").Tagged("Water").By(mara));
        using var anonymous = app.ApiClient();
        using var reader = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Read));

        async Task<IReadOnlyList<int>> IdsAsync(HttpClient client, string query) =>
            (await (await client.GetAsync("/api/v1/articles" + query, Ct)).JsonAsync(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToList();

        Assert.Equal([vote.Id, dam.Id], await IdsAsync(anonymous, ""));
        Assert.Equal([draft.Id, vote.Id, dam.Id], await IdsAsync(reader, ""));
        Assert.Equal([draft.Id], await IdsAsync(reader, "?status=draft"));
        Assert.Equal([draft.Id, dam.Id], await IdsAsync(reader, "?tag=water"));
        Assert.Equal([dam.Id], await IdsAsync(anonymous, "?tag=Water"));
        Assert.Equal([draft.Id, dam.Id], await IdsAsync(reader, $"?author={mara.Id}"));
        Assert.Equal([draft.Id, vote.Id], await IdsAsync(reader, "?updatedSince=" + Uri.EscapeDataString(NewsroomApp.Start.AddMinutes(30).ToString("O"))));
        Assert.Equal([vote.Id], await IdsAsync(anonymous, "?q=water"));
        Assert.Equal([draft.Id, vote.Id], await IdsAsync(reader, "?q=WATER"));
        Assert.Empty(await IdsAsync(anonymous, "?q=%25"));

        using var refused = await anonymous.GetAsync("/api/v1/articles?status=draft", Ct);
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task List_items_link_to_the_article_and_to_its_public_page()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Linked", "linked-story"));
        using var client = app.ApiClient();

        var item = (await (await client.GetAsync("/api/v1/articles", Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];

        Assert.Equal($"http://localhost/api/v1/articles/{article.Id}", item.GetProperty("href").GetString());
        Assert.Equal("http://localhost/2026/03/14/linked-story", item.GetProperty("url").GetString());
        Assert.Equal(nameof(ArticleStatus.Published).ToLowerInvariant(), item.GetProperty("status").GetString());
    }
}
