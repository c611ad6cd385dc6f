using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsCms.ApiKeys;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

public sealed class ArticleApiTests
{
    private const string Articles = "/api/v1/articles";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_explainer_lives_its_whole_life_through_the_api()
    {
        await using var app = new NewsroomApp();
        var photo = await app.AddPhotoAsync();
        using var writer = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));
        using var anonymous = app.ApiClient();

        // The byline first, then the draft with its photo.
        var author = await (await writer.PostJsonAsync("/api/v1/authors", new { name = "Mara Ellison", jobTitle = "Water reporter" }))
            .JsonAsync(HttpStatusCode.Created);
        var authorId = author.GetProperty("id").GetInt32();
        using var created = await writer.PostJsonAsync(Articles, ExplainerBody(authorId, photo));
        var draft = await created.JsonAsync(HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();
        Assert.Equal($"http://localhost/api/v1/articles/{id}", created.Headers.Location?.ToString());
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("explainer", draft.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("url").ValueKind);
        Assert.Equal("why-are-the-two-provinces-arguing", draft.GetProperty("sections")[0].GetProperty("anchor").GetString());
        var lead = draft.GetProperty("leadImage");
        Assert.Equal("Ana Diaz / Regional Wire", lead.GetProperty("creditLine").GetString());
        Assert.Equal("Regional Wire", lead.GetProperty("source").GetString());
        Assert.Equal("Dry canal in July.", lead.GetProperty("caption").GetString());
        Assert.Equal("Mara Ellison", draft.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal(["lowen-river", "water"], draft.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
        Assert.Equal("Regional Wire", draft.GetProperty("attributions")[0].GetProperty("organization").GetString());

        // Readers and anonymous callers do not see a draft.
        using (var hidden = await anonymous.GetAsync($"{Articles}/{id}", Ct))
            await hidden.ProblemAsync(HttpStatusCode.NotFound, "not-found");

        var published = await (await writer.SendAsync(HttpMethod.Post, $"{Articles}/{id}/publish")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(NewsroomApp.Start, published.GetProperty("publishedAt").GetDateTimeOffset());
        var url = published.GetProperty("url").GetString()!;
        Assert.StartsWith("http://localhost/2026/03/14/", url, StringComparison.Ordinal);
        using (var page = await app.GetAsync(new Uri(url).AbsolutePath))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // Anonymous callers read it now, with the same fields.
        var read = await (await anonymous.GetAsync($"{Articles}/{id}", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(published.GetProperty("headline").GetString(), read.GetProperty("headline").GetString());
        var bySlug = await (await anonymous.GetAsync($"{Articles}/by-slug/{read.GetProperty("slug").GetString()}", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, bySlug.GetProperty("id").GetInt32());

        // A stale edit is refused; the current one goes through.
        using (var stale = await writer.SendAsync(HttpMethod.Put, $"{Articles}/{id}", JsonSerializer.Serialize(ExplainerBody(authorId, photo, "Stale")),
                   configure: r => r.Headers.IfMatch.Add(new EntityTagHeaderValue(created.Headers.ETag!.Tag))))
        {
            var problem = await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
            Assert.Equal(published.GetProperty("version").GetInt32(), problem.GetProperty("currentVersion").GetInt32());
        }

        var unpublished = await (await writer.SendAsync(HttpMethod.Post, $"{Articles}/{id}/unpublish")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("unpublished", unpublished.GetProperty("status").GetString());
        using (var gone = await anonymous.GetAsync($"{Articles}/{id}", Ct))
            await gone.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Anonymous_callers_cannot_write_read_keys_cannot_write_write_keys_can()
    {
        await using var app = new NewsroomApp();
        var body = ExplainerBody(null, null);
        using var anonymous = app.ApiClient();
        using var reader = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Read));
        using var writer = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var refused = await anonymous.PostJsonAsync(Articles, body);
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        using var forbidden = await reader.PostJsonAsync(Articles, body);
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var created = await (await writer.PostJsonAsync(Articles, body)).JsonAsync(HttpStatusCode.Created);

        // The read key sees the draft the write key made.
        var id = created.GetProperty("id").GetInt32();
        await (await reader.GetAsync($"{Articles}/{id}", Ct)).JsonAsync(HttpStatusCode.OK);
        var history = await (await reader.GetAsync($"{Articles}/{id}/revisions", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("API key \"Test integration\"", history.GetProperty("items")[0].GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task Unknown_and_revoked_keys_are_refused_even_for_reads()
    {
        await using var app = new NewsroomApp();
        var key = await app.CreateKeyAsync(ApiKeyScope.Read);
        using var client = app.ApiClient(key);
        await (await client.GetAsync(Articles, Ct)).JsonAsync(HttpStatusCode.OK);

        await app.WithScopeAsync(async s =>
        {
            var keys = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ApiKeyService>(s);
            var listed = await keys.ListAsync(NewsroomApp.Admin, Ct);
            Assert.Equal(NewsroomApp.Start, listed.Single().LastUsedAt);
            return await keys.RevokeAsync(listed.Single().Id, NewsroomApp.Admin, Ct);
        });

        using var revoked = await client.GetAsync(Articles, Ct);
        await revoked.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using var unknown = app.ApiClient("ncms_this-is-not-a-key-anybody-was-given-000000");
        using var refused = await unknown.GetAsync(Articles, Ct);
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Reads_carry_an_etag_and_answer_304_when_it_matches()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Cached"));
        using var client = app.ApiClient();

        using var first = await client.GetAsync($"{Articles}/{article.Id}", Ct);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.StartsWith($"\"{article.Version}-", etag.Tag, StringComparison.Ordinal);

        using var again = await client.SendAsync(HttpMethod.Get, $"{Articles}/{article.Id}", configure: r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag);

        await app.EditAsync(article, i => i with { Dek = "Now with a dek." });
        using var changed = await client.SendAsync(HttpMethod.Get, $"{Articles}/{article.Id}", configure: r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);

        using var list = await client.GetAsync(Articles, Ct);
        using var listAgain = await client.SendAsync(HttpMethod.Get, Articles, configure: r => r.Headers.IfNoneMatch.Add(list.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, listAgain.StatusCode);
    }

    [Fact]
    public async Task A_stale_version_in_the_body_is_a_409_and_a_current_if_match_goes_through()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));
        using var created = await client.PostJsonAsync(Articles, ExplainerBody(null, null));
        var id = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        using var stale = await client.SendAsync(HttpMethod.Patch, $"{Articles}/{id}", "{\"dek\": \"x\", \"version\": 7}", "application/merge-patch+json");
        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict, "edit-conflict");
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());

        using var current = await client.SendAsync(HttpMethod.Patch, $"{Articles}/{id}", "{\"dek\": \"Fresh.\"}", "application/merge-patch+json",
            r => r.Headers.IfMatch.Add(created.Headers.ETag!));
        var saved = await current.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, saved.GetProperty("version").GetInt32());

        using var garbage = await client.SendAsync(HttpMethod.Delete, $"{Articles}/{id}", configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"nonsense\""));
        await garbage.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        using var deleted = await client.SendAsync(HttpMethod.Delete, $"{Articles}/{id}", configure: r => r.Headers.IfMatch.Add(current.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var after = await client.GetAsync($"{Articles}/{id}", Ct);
        await after.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Merge_patch_removes_what_is_null_keeps_what_is_absent_and_replaces_lists()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));
        var id = (await (await client.PostJsonAsync(Articles, ExplainerBody(null, null))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        using var response = await client.SendAsync(HttpMethod.Patch, $"{Articles}/{id}",
            """{"dek": null, "originalUrl": null, "sections": [{"question": "Who runs the dam?", "answerMarkdown": "The water board."}]}""",
            "application/merge-patch+json");

        var patched = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("dek").ValueKind);
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("originalUrl").ValueKind);
        Assert.Equal("What Is at Stake in the Lowen River Dispute?", patched.GetProperty("headline").GetString());
        Assert.StartsWith("Farmers along", patched.GetProperty("bodyMarkdown").GetString(), StringComparison.Ordinal);
        Assert.Equal(["who-runs-the-dam"], patched.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("anchor").GetString()));
        Assert.Equal(2, patched.GetProperty("tags").GetArrayLength());

        using var wrongType = await client.SendAsync(HttpMethod.Patch, $"{Articles}/{id}", """{"dek": "x"}""");
        await wrongType.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var badValue = await client.SendAsync(HttpMethod.Patch, $"{Articles}/{id}", """{"relatedArticleIds": "seven"}""", "application/merge-patch+json");
        var problem = await badValue.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Equal(["relatedArticleIds"], problem.ErrorFields());
    }

    [Fact]
    public async Task Scheduling_needs_a_future_time_and_revisions_can_be_restored()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));
        var id = (await (await client.PostJsonAsync(Articles, ExplainerBody(null, null))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        using var past = await client.PostJsonAsync($"{Articles}/{id}/schedule", new { at = NewsroomApp.Start.AddHours(-1) });
        Assert.Equal(["at"], (await past.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorFields());
        using var missing = await client.PostJsonAsync($"{Articles}/{id}/schedule", new { });
        Assert.Equal(["at"], (await missing.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorFields());
        var scheduled = await (await client.PostJsonAsync($"{Articles}/{id}/schedule", new { at = NewsroomApp.Start.AddHours(6) })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(NewsroomApp.Start.AddHours(6), scheduled.GetProperty("scheduledFor").GetDateTimeOffset());

        await (await client.SendAsync(HttpMethod.Patch, $"{Articles}/{id}", """{"headline": "A new headline"}""", "application/merge-patch+json"))
            .JsonAsync(HttpStatusCode.OK);
        var history = await (await client.GetAsync($"{Articles}/{id}/revisions", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["saved", "scheduled for 2026-03-14 16:00 UTC", "created"],
            history.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        var first = await (await client.GetAsync($"{Articles}/{id}/revisions/1", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("What Is at Stake in the Lowen River Dispute?", first.GetProperty("article").GetProperty("headline").GetString());

        var restored = await (await client.SendAsync(HttpMethod.Post, $"{Articles}/{id}/revisions/1/restore")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("What Is at Stake in the Lowen River Dispute?", restored.GetProperty("headline").GetString());
        Assert.Equal(4, restored.GetProperty("version").GetInt32());
        using var noSuch = await client.GetAsync($"{Articles}/{id}/revisions/99", Ct);
        await noSuch.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    private static object ExplainerBody(int? authorId, int? photo, string headline = "What Is at Stake in the Lowen River Dispute?") => new
    {
        headline,
        dek = "Three dry summers have turned an old quarrel into a crisis.",
        kind = "explainer",
        bodyMarkdown = "Farmers along the lower Lowen say the river now runs thin by July.",
        sections = new[]
        {
            new { question = "Why are the two provinces arguing?", answerMarkdown = "Because the river carries less water." },
            new { question = "Who runs the dam?", answerMarkdown = "The upstream province's water board." },
        },
        leadImage = photo is { } mediaId ? new { mediaId, caption = "Dry canal in July." } : null,
        attributions = new[] { new { text = "Regional Wire contributed reporting.", organization = "Regional Wire" } },
        authors = authorId is { } id ? new[] { new { id } } : [],
        tags = new[] { new { name = "Lowen River" }, new { name = "Water" } },
        originalUrl = "https://example.org/2026/03/14/lowen-river",
    };
}
