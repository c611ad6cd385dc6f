using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Api;
using NewsCms.Articles;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

// Articles through the API only, with the admin's rules.
public sealed class ArticleApiTests
{
    [Fact]
    public async Task An_explainer_is_created_published_and_read_back_with_the_documented_names()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();

        using var created = await writer.PostAsync("/api/v1/articles", Json(Explainer()), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadJsonAsync();
        var id = draft.GetProperty("id").GetInt32();
        Assert.Equal($"http://localhost/api/v1/articles/{id}", created.Headers.Location?.ToString());
        Assert.Equal("W/\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("explainer", draft.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("url").ValueKind);

        var published = await writer.PostAsync($"/api/v1/articles/{id}/publish");
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(2, published.GetProperty("version").GetInt32());

        using var anonymous = app.ApiClient();
        var read = await anonymous.GetJsonAsync($"/api/v1/articles/by-slug/what-the-new-grid-rules-mean");
        string[] names =
        [
            "id", "slug", "headline", "dek", "kind", "status", "bodyMarkdown", "bodyHtml", "sections", "leadImage", "attributions",
            "relatedArticleIds", "authors", "tags", "originalUrl", "corrections", "publishedAt", "updatedAt", "version", "url",
        ];
        foreach (var name in names) Assert.True(read.TryGetProperty(name, out _), $"missing {name}");
        Assert.Equal("http://localhost/2026/03/14/what-the-new-grid-rules-mean", read.GetProperty("url").GetString());
        Assert.Equal("<p>The regulator published its <strong>final rules</strong> on Monday.</p>", read.GetProperty("bodyHtml").GetString()!.Trim());
        var section = read.GetProperty("sections")[0];
        Assert.Equal("Who pays?", section.GetProperty("question").GetString());
        Assert.Equal("who-pays", section.GetProperty("anchor").GetString());
        Assert.Equal("Reuters", read.GetProperty("attributions")[0].GetProperty("organization").GetString());
        Assert.Equal(["Energy", "Regulation"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal("2026-03-14T10:00:00+00:00", read.GetProperty("publishedAt").GetString());

        using var page = await anonymous.GetAsync("/2026/03/14/what-the-new-grid-rules-mean", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var down = await writer.PostAsync($"/api/v1/articles/{id}/unpublish");
        Assert.Equal("unpublished", down.GetProperty("status").GetString());
        using var gone = await anonymous.GetAsync($"/api/v1/articles/{id}", Ct);
        await gone.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_lead_image_carries_its_caption_and_the_library_credit_read_only()
    {
        await using var app = new NewsroomApp();
        // The media library's upload endpoint is built elsewhere; a library row is enough here.
        var mediaId = await app.WithScopeAsync(async s =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<NewsCms.Data.NewsCmsDbContext>(s);
            var asset = new NewsCms.Media.MediaAsset
            {
                ContentHash = new string('a', 64), ContentType = "image/jpeg", Width = 1600, Height = 900, AltText = "Talks in a hall",
                Credit = new() { CreditLine = "Ana Ruiz / AP / TASS", Photographer = "Ana Ruiz", Source = "AP", CopyrightNotice = "(c) AP",
                    LicenseUrl = "https://example.com/licence" },
                UploadedAt = NewsroomApp.Start, UpdatedAt = NewsroomApp.Start,
            };
            db.MediaAssets.Add(asset);
            await db.SaveChangesAsync(Ct);
            return asset.Id;
        });
        using var writer = await app.WriterAsync();
        var body = new { headline = "Talks resume", leadImage = new { mediaId, caption = "Delegates arrive.", creditLine = "Ignored: read only" } };
        var lead = (await writer.CreateArticleAsync(body)).GetProperty("leadImage");

        Assert.Equal(mediaId, lead.GetProperty("mediaId").GetInt32());
        Assert.Equal("Delegates arrive.", lead.GetProperty("caption").GetString());
        Assert.Equal("Talks in a hall", lead.GetProperty("altText").GetString());
        Assert.Equal("Ana Ruiz / AP / TASS", lead.GetProperty("creditLine").GetString());
        Assert.Equal("Ana Ruiz", lead.GetProperty("photographer").GetString());
        Assert.Equal("AP", lead.GetProperty("source").GetString());
        Assert.Equal("(c) AP", lead.GetProperty("copyrightNotice").GetString());
        Assert.Equal("https://example.com/licence", lead.GetProperty("licenseUrl").GetString());
        Assert.Equal($"http://localhost/media/{new string('a', 64)}.jpg", lead.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_read_published_articles_only_and_keys_read_drafts_too()
    {
        await using var app = new NewsroomApp();
        var published = await app.PublishAsync(new ArticleBuilder().Headline("Out now", "out-now"));
        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline("Not yet", "not-yet"));
        var readKey = await app.CreateKeyAsync(ApiKeyScope.Read);

        using var anonymous = app.ApiClient();
        var list = await anonymous.GetJsonAsync("/api/v1/articles");
        Assert.Equal([published.Id], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToArray());
        using (var hidden = await anonymous.GetAsync($"/api/v1/articles/{draft.Id}", Ct))
            await hidden.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var hidden = await anonymous.GetAsync("/api/v1/articles/by-slug/not-yet", Ct))
            await hidden.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var revisions = await anonymous.GetAsync($"/api/v1/articles/{published.Id}/revisions", Ct))
            await revisions.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        using var reader = app.ApiClient(readKey.PlainKey);
        var all = await reader.GetJsonAsync("/api/v1/articles");
        Assert.Equal([draft.Id, published.Id], all.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToArray());
        var drafts = await reader.GetJsonAsync("/api/v1/articles?status=draft");
        Assert.Equal([draft.Id], drafts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToArray());
        Assert.Equal("not-yet", (await reader.GetJsonAsync("/api/v1/articles/by-slug/not-yet")).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Keys_are_checked_on_every_request_and_revocation_is_immediate()
    {
        await using var app = new NewsroomApp();
        var readKey = await app.CreateKeyAsync(ApiKeyScope.Read);
        var writeKey = await app.CreateKeyAsync(ApiKeyScope.Write);

        using (var anonymous = app.ApiClient())
        using (var response = await anonymous.PostAsync("/api/v1/articles", Json(Explainer()), Ct))
        {
            await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        using (var reader = app.ApiClient(readKey.PlainKey))
        using (var response = await reader.PostAsync("/api/v1/articles", Json(Explainer()), Ct))
            await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var wrong = app.ApiClient("ncms_" + new string('A', 43)))
        using (var response = await wrong.GetAsync("/api/v1/articles", Ct))
            await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        using var writer = app.ApiClient(writeKey.PlainKey);
        await writer.CreateArticleAsync(Explainer());
        await app.WithScopeAsync(async s =>
        {
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ApiKeyService>(s)
                .RevokeAsync(writeKey.Key.Id, ApiTestKit.Admin, Ct);
            return 0;
        });
        using (var response = await writer.PostAsync("/api/v1/articles", Json(Explainer("Another one")), Ct))
            await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        var keys = await app.WithScopeAsync(s =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ApiKeyService>(s).ListAsync(Ct));
        var used = keys.Single(k => k.Id == writeKey.Key.Id);
        Assert.Equal(NewsroomApp.Start, used.LastUsedAt);
        Assert.Equal(NewsroomApp.Start, used.RevokedAt);
        Assert.Equal(writeKey.PlainKey[..12], used.Prefix);
    }

    [Fact]
    public async Task Reads_carry_an_etag_and_answer_304_when_nothing_changed()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Tagged", "tagged"));
        using var client = app.ApiClient();

        foreach (var path in new[] { $"/api/v1/articles/{article.Id}", "/api/v1/articles", "/api/v1/tags", "/api/v1/authors" })
        {
            using var first = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.True(etag.IsWeak);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            using var again = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        }
        using var byId = await client.GetAsync($"/api/v1/articles/{article.Id}", Ct);
        Assert.Equal($"W/\"{article.Version}\"", byId.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Stale_writes_are_refused_412_with_if_match_409_with_a_body_version_and_428_without_either()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var created = await writer.CreateArticleAsync(Explainer());
        var id = created.GetProperty("id").GetInt32();
        var path = $"/api/v1/articles/{id}";

        using (var fresh = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(new { headline = "Changed once" }) })
        {
            fresh.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\""));
            using var ok = await writer.SendAsync(fresh, Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("W/\"2\"", ok.Headers.ETag?.ToString());
        }
        using (var stale = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(new { headline = "Lost update" }) })
        {
            stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\""));
            using var refused = await writer.SendAsync(stale, Ct);
            var problem = await refused.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
            Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        }
        using (var refused = await writer.PutAsync(path, Json(new { headline = "Lost update", version = 1 }), Ct))
            await refused.ProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var refused = await writer.PutAsync(path, Json(new { headline = "Blind write" }), Ct))
            await refused.ProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");

        var current = await writer.GetJsonAsync(path);
        Assert.Equal("Changed once", current.GetProperty("headline").GetString());
        Assert.Equal(2, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Merge_patch_keeps_absent_fields_removes_nulls_and_replaces_arrays()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var created = await writer.CreateArticleAsync(Explainer());
        var path = $"/api/v1/articles/{created.GetProperty("id").GetInt32()}";

        var patch = """{"dek": null, "sections": [{"question": "Who decides?", "answerMarkdown": "The board."}], "version": 1}""";
        using var response = await writer.PatchAsync(path, Json(patch, "application/merge-patch+json"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.ReadJsonAsync();

        Assert.Equal("What the new grid rules mean", patched.GetProperty("headline").GetString());
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("dek").ValueKind);
        Assert.Equal(["Who decides?"], patched.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("question").GetString()!).ToArray());
        Assert.Equal(["Energy", "Regulation"], patched.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal("explainer", patched.GetProperty("kind").GetString());
        Assert.Equal(2, patched.GetProperty("version").GetInt32());

        using (var stale = await writer.PatchAsync(path, Json("""{"headline": "Late", "version": 1}""", "application/merge-patch+json"), Ct))
            await stale.ProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var wrongType = await writer.PatchAsync(path, Json("""{"headline": "Plain"}"""), Ct))
            await wrongType.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using (var badValue = await writer.PatchAsync(path, Json("""{"kind": "poem"}""", "application/merge-patch+json"), Ct))
            Assert.Equal(["kind"], (await badValue.ProblemAsync(HttpStatusCode.BadRequest, "bad-request")).ErrorKeys());
    }

    [Fact]
    public async Task An_answer_keeps_its_html_until_its_text_or_anchor_changes()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var created = await writer.CreateArticleAsync(new
        {
            headline = "How the flood barrier works",
            kind = "explainer",
            bodyMarkdown = "The barrier closed twice this winter.",
            sections = new[] { new { question = "Who runs it?", answerMarkdown = "The port authority.[^1]\n\n[^1]: Since 1998.", anchor = "who-runs-it" } },
        });
        var id = created.GetProperty("id").GetInt32();
        async Task<string> StoredAnswerAsync() => (await app.WithScopeAsync(s => s.GetRequiredService<ArticleService>().GetAsync(id, Ct))).Sections.Single().AnswerHtml;
        async Task<string> PatchAnswerAsync(string patch)
        {
            using var response = await writer.PatchAsync($"/api/v1/articles/{id}", Json(patch, "application/merge-patch+json"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await StoredAnswerAsync();
        }
        var first = await StoredAnswerAsync();
        Assert.Contains("id=\"who-runs-it-fn:1\"", first);

        // Marked in the database: a save that rendered the answer again would lose the mark.
        var marked = first + "<!-- stored -->";
        await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().QaSections
            .Where(q => q.ArticleId == id).ExecuteUpdateAsync(u => u.SetProperty(q => q.AnswerHtml, marked), Ct));
        Assert.Equal(marked, await PatchAnswerAsync("""{"headline": "How the flood barrier works, and when it shuts"}"""));
        var moved = await PatchAnswerAsync(
            """{"sections": [{"question": "Who runs it?", "answerMarkdown": "The port authority.[^1]\n\n[^1]: Since 1998.", "anchor": "operator"}]}""");
        Assert.Contains("id=\"operator-fn:1\"", moved);
        Assert.DoesNotContain("who-runs-it", moved);
        var reworded = await PatchAnswerAsync(
            """{"sections": [{"question": "Who runs it?", "answerMarkdown": "The *harbour* board.[^1]\n\n[^1]: Since 2024.", "anchor": "operator"}]}""");
        Assert.Contains("<em>harbour</em>", reworded);
        Assert.Contains("Since 2024.", reworded);
    }

    [Fact]
    public async Task Workflow_actions_follow_the_services_rules()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var id = (await writer.CreateArticleAsync(Explainer())).GetProperty("id").GetInt32();

        using (var past = await writer.PostAsync($"/api/v1/articles/{id}/schedule", Json(new { at = NewsroomApp.Start.AddHours(-1) }), Ct))
            Assert.Equal(["at"], (await past.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());
        using (var scheduled = await writer.PostAsync($"/api/v1/articles/{id}/schedule", Json(new { at = NewsroomApp.Start.AddHours(2) }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
            var body = await scheduled.ReadJsonAsync();
            Assert.Equal("scheduled", body.GetProperty("status").GetString());
            Assert.Equal("2026-03-14T12:00:00+00:00", body.GetProperty("scheduledFor").GetString());
        }
        await writer.PostAsync($"/api/v1/articles/{id}/publish");
        using (var again = await writer.PostAsync($"/api/v1/articles/{id}/publish", null, Ct))
            await again.ProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var delete = await writer.DeleteAsync($"/api/v1/articles/{id}", Ct))
            await delete.ProblemAsync(HttpStatusCode.Conflict, "conflict");
        await writer.PostAsync($"/api/v1/articles/{id}/unpublish");
        using (var delete = await writer.DeleteAsync($"/api/v1/articles/{id}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var missing = await writer.GetAsync($"/api/v1/articles/{id}", Ct))
            await missing.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Revisions_are_listed_read_and_restored()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();
        var id = (await writer.CreateArticleAsync(Explainer())).GetProperty("id").GetInt32();
        using (var put = await writer.PutAsync($"/api/v1/articles/{id}", Json(new { headline = "Second thoughts", version = 1 }), Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var list = await writer.GetJsonAsync($"/api/v1/articles/{id}/revisions");
        Assert.Equal([2, 1], list.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()).ToArray());
        Assert.Equal("API key \"Writer key\"", list[0].GetProperty("createdBy").GetString());
        var first = await writer.GetJsonAsync($"/api/v1/articles/{id}/revisions/1");
        Assert.Equal("What the new grid rules mean", first.GetProperty("article").GetProperty("headline").GetString());

        var restored = await writer.PostAsync($"/api/v1/articles/{id}/revisions/1/restore");
        Assert.Equal("What the new grid rules mean", restored.GetProperty("headline").GetString());
        Assert.Equal(3, restored.GetProperty("version").GetInt32());
        using var missing = await writer.GetAsync($"/api/v1/articles/{id}/revisions/9", Ct);
        await missing.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_nul_character_in_any_text_is_kept_as_a_replacement_character_on_either_database()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();

        // PostgreSQL's text cannot hold U+0000; it once turned these into 500s.
        using (var tag = await writer.PostAsync("/api/v1/tags", Json(new { name = "Grid\u0000 policy" }), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, tag.StatusCode);
            Assert.Equal("Grid\uFFFD policy", (await tag.ReadJsonAsync()).GetProperty("name").GetString());
        }
        var article = await writer.CreateArticleAsync(new { headline = "Tariffs\u0000 explained", bodyMarkdown = "Line one.\u0000" });
        var id = article.GetProperty("id").GetInt32();
        Assert.Equal("Tariffs\uFFFD explained", article.GetProperty("headline").GetString());
        using var reader = app.ApiClient((await app.CreateKeyAsync(ApiKeyScope.Read)).PlainKey);
        Assert.Equal("Tariffs\uFFFD explained", (await reader.GetJsonAsync($"/api/v1/articles/{id}")).GetProperty("headline").GetString());

        // Filters that carry a NUL are answered, not failed (a path cannot: ASP.NET refuses it first).
        foreach (var filter in new[] { "tag=grid%00", "author=a%00b", "q=tariffs%00" })
        {
            using var listed = await reader.GetAsync("/api/v1/articles?" + filter, Ct);
            Assert.True(listed.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity,
                $"{filter}: {(int)listed.StatusCode}");
        }
    }

    [Fact]
    public async Task Tags_and_authors_are_listed_created_and_updated()
    {
        await using var app = new NewsroomApp();
        using var writer = await app.WriterAsync();

        using var tag = await writer.PostAsync("/api/v1/tags", Json(new { name = "Climate Policy" }), Ct);
        Assert.Equal(HttpStatusCode.Created, tag.StatusCode);
        var tagId = (await tag.ReadJsonAsync()).GetProperty("id").GetInt32();
        using (var renamed = await writer.PutAsync($"/api/v1/tags/{tagId}", Json(new { name = "Climate", slug = "climate" }), Ct))
            Assert.Equal("climate", (await renamed.ReadJsonAsync()).GetProperty("slug").GetString());
        using (var duplicate = await writer.PostAsync("/api/v1/tags", Json(new { name = "Climate" }), Ct))
            Assert.Equal(["slug"], (await duplicate.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());

        using var author = await writer.PostAsync("/api/v1/authors", Json(new { name = "Ana Ruiz", jobTitle = "Energy reporter" }), Ct);
        Assert.Equal(HttpStatusCode.Created, author.StatusCode);
        var authorId = (await author.ReadJsonAsync()).GetProperty("id").GetInt32();
        using (var updated = await writer.PutAsync($"/api/v1/authors/{authorId}", Json(new { name = "Ana Ruiz", bio = "Covers the grid." }), Ct))
            Assert.Equal("Covers the grid.", (await updated.ReadJsonAsync()).GetProperty("bio").GetString());

        using var anonymous = app.ApiClient();
        Assert.Equal(["Climate"], (await anonymous.GetJsonAsync("/api/v1/tags")).EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("ana-ruiz", (await anonymous.GetJsonAsync($"/api/v1/authors/{authorId}")).GetProperty("slug").GetString());
        using (var missing = await anonymous.GetAsync("/api/v1/authors/999", Ct))
            await missing.ProblemAsync(HttpStatusCode.NotFound, "not-found");

        var article = await writer.CreateArticleAsync(new { headline = "Signed", authors = new[] { new { id = authorId } }, tags = new[] { "Climate" } });
        Assert.Equal("Ana Ruiz", article.GetProperty("authors")[0].GetProperty("name").GetString());
    }
}
