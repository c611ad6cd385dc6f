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

    [Fact]
    public async Task Json_is_compressed_for_clients_that_accept_it_keeping_the_etag()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var body = string.Join("\n\n", Enumerable.Range(1, 8).Select(n =>
            $"Paragraph {n}: the dredgers work the canal's northern reach this week, and barges wait at the locks."));
        var id = 0;
        foreach (var headline in new[] { "Canal dredging explained", "Lock closures", "Barge queues" })
        {
            id = (await writer.CreateArticleAsync(new { headline, bodyMarkdown = body, tags = new[] { "Canals" } })).GetProperty("id").GetInt32();
            await writer.PostAsync($"/api/v1/articles/{id}/publish");
        }
        using var anonymous = app.ApiClient();

        foreach (var (client, url) in new[] { (anonymous, "/api/v1/articles?limit=5"), (anonymous, $"/api/v1/articles/{id}"), (writer, $"/api/v1/articles/{id}") })
        {
            using var plain = await GetAsync(client, url, acceptEncoding: null);
            var plainBytes = await plain.Content.ReadAsByteArrayAsync(Ct);
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", plain.Headers.Vary);
            Assert.True(plainBytes.Length > 1024, $"{url} is {plainBytes.Length} bytes, too small to be compressed");

            // The anonymous client's second request of each encoding is the stored entry.
            foreach (var encoding in new[] { "br", "gzip", "br", "gzip" })
            {
                using var response = await GetAsync(client, url, $"{encoding}, identity;q=0.5");
                var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
                Assert.Contains("Accept-Encoding", response.Headers.Vary);
                Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
                Assert.True(bytes.Length < plainBytes.Length / 2, $"{encoding}: {bytes.Length} of {plainBytes.Length} bytes");
                Assert.Equal(plainBytes, Decompress(bytes, encoding));
                Assert.Equal(plain.Headers.ETag, response.Headers.ETag);
            }
        }

        // The ETag of a compressed answer validates the same version: a 304, and If-Match on a write.
        using var compressed = await GetAsync(writer, $"/api/v1/articles/{id}", "br");
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{id}");
        revalidation.Headers.AcceptEncoding.ParseAdd("br");
        revalidation.Headers.IfNoneMatch.Add(compressed.Headers.ETag!);
        using (var notModified = await anonymous.SendAsync(revalidation, Ct))
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/articles/{id}")
        {
            Content = Json("{\"headline\":\"Canal dredging, revised\"}", "application/merge-patch+json"),
        };
        patch.Headers.IfMatch.Add(compressed.Headers.ETag!);
        using (var saved = await writer.SendAsync(patch, Ct))
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Fact]
    public async Task Small_answers_and_problems_are_not_compressed()
    {
        await using var app = new NewsroomApp();
        using var anonymous = app.ApiClient();
        foreach (var url in new[] { "/api/v1/tags", "/api/v1/articles/999999", "/api/v1/articles?limit=abc" })
        {
            using var response = await GetAsync(anonymous, url, "br, gzip");
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length < 1024, url);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(request, Ct);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream input = encoding == "br"
            ? new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress))
            input.CopyTo(output);
        return output.ToArray();
    }

    private static Task<int> BehindTheServicesAsync(NewsroomApp app, int id, string headline) => app.WithScopeAsync(s =>
        s.GetRequiredService<NewsCmsDbContext>().Articles.Where(a => a.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Headline, headline), Ct));

    private static string? Headline(System.Text.Json.JsonElement page) => page.GetProperty("items")[0].GetProperty("headline").GetString();

    private static string? Byline(System.Text.Json.JsonElement article) => article.GetProperty("authors")[0].GetProperty("name").GetString();
}
