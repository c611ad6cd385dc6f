using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Api;
using NewsCms.Authors;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Performance;

// Anonymous API reads come from the output-cache store until anything they may show changes.
// A row changed behind the services' back (no eviction) shows which answers are cached.
public sealed class ApiReadCacheTests
{
    [Fact]
    public async Task Anonymous_reads_are_cached_until_a_change_and_keyed_reads_never_are()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var created = await writer.CreateArticleAsync(Explainer("Harbour tolls explained"));
        var id = created.GetProperty("id").GetInt32();
        await writer.PostAsync($"/api/v1/articles/{id}/publish");
        using var anonymous = app.ApiClient();
        Assert.Equal("Harbour tolls explained", (await anonymous.GetJsonAsync($"/api/v1/articles/{id}")).GetProperty("headline").GetString());
        await anonymous.GetJsonAsync("/api/v1/articles?limit=5");

        await BehindTheServicesAsync(app, id, "Changed behind the services");
        Assert.Equal("Harbour tolls explained", (await anonymous.GetJsonAsync($"/api/v1/articles/{id}")).GetProperty("headline").GetString());
        Assert.Equal("Harbour tolls explained", Headline(await anonymous.GetJsonAsync("/api/v1/articles?limit=5")));
        Assert.Equal("Changed behind the services", (await writer.GetJsonAsync($"/api/v1/articles/{id}")).GetProperty("headline").GetString());

        // A save through the API evicts: the next anonymous read has it.
        using (var patch = await writer.PatchAsync($"/api/v1/articles/{id}", Json("{\"headline\":\"Harbour tolls, revised\"}", "application/merge-patch+json"), Ct))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("Harbour tolls, revised", (await anonymous.GetJsonAsync($"/api/v1/articles/{id}")).GetProperty("headline").GetString());
        Assert.Equal("Harbour tolls, revised", Headline(await anonymous.GetJsonAsync("/api/v1/articles?limit=5")));
    }

    [Fact]
    public async Task A_cached_answer_keeps_its_etag_and_answers_304()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var id = (await writer.CreateArticleAsync(Explainer("Ferry timetables"))).GetProperty("id").GetInt32();
        await writer.PostAsync($"/api/v1/articles/{id}/publish");
        using var anonymous = app.ApiClient();
        using var first = await anonymous.GetAsync($"/api/v1/articles/{id}", Ct);
        using var cached = await anonymous.GetAsync($"/api/v1/articles/{id}", Ct);
        Assert.Equal(first.Headers.ETag, cached.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await cached.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json", cached.Content.Headers.ContentType?.MediaType);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{id}");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await anonymous.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task New_and_renamed_tags_and_authors_show_at_once()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        using var anonymous = app.ApiClient();
        var before = (await anonymous.GetJsonAsync("/api/v1/tags")).GetArrayLength();
        using (var tag = await writer.PostAsync("/api/v1/tags", Json(new { name = "Ferries" }), Ct))
            Assert.Equal(HttpStatusCode.Created, tag.StatusCode);
        Assert.Equal(before + 1, (await anonymous.GetJsonAsync("/api/v1/tags")).GetArrayLength());

        var author = await app.AuthorAsync("Ada Ferrow");
        var id = (await writer.CreateArticleAsync(new { headline = "Who runs the ferries", bodyMarkdown = "Text.", authors = new[] { new { id = author.Id } } }))
            .GetProperty("id").GetInt32();
        await writer.PostAsync($"/api/v1/articles/{id}/publish");
        Assert.Equal("Ada Ferrow", Byline(await anonymous.GetJsonAsync($"/api/v1/articles/{id}")));
        await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().UpdateAsync(author.Id, new AuthorInput("Ada Ferrow-Lund"), NewsroomApp.Editor, Ct));
        Assert.Equal("Ada Ferrow-Lund", Byline(await anonymous.GetJsonAsync($"/api/v1/articles/{id}")));
    }

    [Fact]
    public async Task Switched_off_with_the_output_cache()
    {
        await using var app = new NewsroomApp().With("NewsCms:OutputCache:Enabled", "false");
        using var writer = await app.WriterAsync();
        var id = (await writer.CreateArticleAsync(Explainer("Toll bridges"))).GetProperty("id").GetInt32();
        await writer.PostAsync($"/api/v1/articles/{id}/publish");
        using var anonymous = app.ApiClient();
        await anonymous.GetJsonAsync($"/api/v1/articles/{id}");
        await BehindTheServicesAsync(app, id, "Read fresh every time");
        Assert.Equal("Read fresh every time", (await anonymous.GetJsonAsync($"/api/v1/articles/{id}")).GetProperty("headline").GetString());
    }

    private static Task<int> BehindTheServicesAsync(NewsroomApp app, int id, string headline) => app.WithScopeAsync(s =>
        s.GetRequiredService<NewsCmsDbContext>().Articles.Where(a => a.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Headline, headline), Ct));

    private static string? Headline(System.Text.Json.JsonElement page) => page.GetProperty("items")[0].GetProperty("headline").GetString();

    private static string? Byline(System.Text.Json.JsonElement article) => article.GetProperty("authors")[0].GetProperty("name").GetString();
}
