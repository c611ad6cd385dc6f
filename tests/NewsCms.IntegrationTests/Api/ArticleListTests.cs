using System.Net;
using NewsCms.Api;
using NewsCms.IntegrationTests.Infrastructure;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

public sealed class ArticleListTests
{
    private static int[] Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToArray();

    [Fact]
    public async Task Following_next_sees_every_article_once_even_while_articles_are_added()
    {
        await using var app = new NewsroomApp();
        var expected = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            expected.Add((await app.CreateDraftAsync(new ArticleBuilder().Headline($"Article {i}"))).Id);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        using var reader = app.ApiClient((await app.CreateKeyAsync(ApiKeyScope.Read)).PlainKey);

        var seen = new List<int>();
        string? next = "/api/v1/articles?limit=10";
        var pages = 0;
        while (next is not null)
        {
            var page = await reader.GetJsonAsync(next);
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").GetString();
            if (next is not null) Assert.StartsWith("http://localhost/api/v1/articles?limit=10&after=", next);
            if (pages++ == 0) await app.CreateDraftAsync(new ArticleBuilder().Headline("Added during the walk"));
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(expected), seen);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_tag_author_update_time_and_words()
    {
        await using var app = new NewsroomApp();
        var ana = await app.AuthorAsync("Ana Ruiz");
        var energy = await app.PublishAsync(new ArticleBuilder().Headline("Grid rules").Body("The regulator acted.").Tagged("Energy").By(ana));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var water = await app.PublishAsync(new ArticleBuilder().Headline("Water prices").Body("Bills rise 100% in places.").Tagged("Water"));
        using var client = app.ApiClient();

        Assert.Equal([energy.Id], Ids(await client.GetJsonAsync("/api/v1/articles?tag=energy")));
        Assert.Equal([energy.Id], Ids(await client.GetJsonAsync($"/api/v1/articles?author={ana.Id}")));
        Assert.Equal([energy.Id], Ids(await client.GetJsonAsync("/api/v1/articles?author=ana-ruiz")));
        Assert.Equal([water.Id], Ids(await client.GetJsonAsync("/api/v1/articles?updatedSince=2026-03-14T10:30:00Z")));
        Assert.Equal([water.Id], Ids(await client.GetJsonAsync("/api/v1/articles?q=bills+rise")));
        Assert.Equal([water.Id], Ids(await client.GetJsonAsync("/api/v1/articles?q=100%25")));
        Assert.Empty(Ids(await client.GetJsonAsync("/api/v1/articles?q=regulator+bills")));
        Assert.Empty(Ids(await client.GetJsonAsync("/api/v1/articles?status=draft")));
        var page = await client.GetJsonAsync("/api/v1/articles?limit=1");
        Assert.Equal(1, page.GetProperty("limit").GetInt32());
        Assert.Equal([water.Id], Ids(page));
    }

    [Fact]
    public async Task Requests_over_the_limit_answer_429_with_retry_after()
    {
        await using var app = new NewsroomApp()
            .With("NewsCms:Api:RateLimit:AnonymousPermits", "2")
            .With("NewsCms:Api:RateLimit:KeyPermits", "3")
            .With("NewsCms:Api:RateLimit:WindowSeconds", "60");
        var key = await app.CreateKeyAsync(ApiKeyScope.Read);
        using var anonymous = app.ApiClient();
        for (var i = 0; i < 2; i++)
            using (var ok = await anonymous.GetAsync("/api/v1/tags", Ct)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var limited = await anonymous.GetAsync("/api/v1/tags", Ct))
        {
            await limited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        }

        // A key has its own allowance, apart from the anonymous callers at the same address.
        using var keyed = app.ApiClient(key.PlainKey);
        for (var i = 0; i < 3; i++)
            using (var ok = await keyed.GetAsync("/api/v1/tags", Ct)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var limited = await keyed.GetAsync("/api/v1/tags", Ct))
            await limited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");

        // Pages are not limited by the API's policy.
        using var page = await anonymous.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
