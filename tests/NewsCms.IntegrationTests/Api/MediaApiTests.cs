using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsCms.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Tests.Media;
using NewsCms.Web.Controllers.Api;
using SkiaSharp;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

// The media library and preview links through the API only.
public sealed class MediaApiTests(NewsroomApp app) : IClassFixture<NewsroomApp>
{
    private static MultipartFormDataContent Upload(byte[] file, string fileName, string contentType = "image/png", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    private static string PathOf(string absolute) => new Uri(absolute).PathAndQuery;

    private async Task<JsonElement> UploadAsync(HttpClient writer, byte[] png, params (string Name, string Value)[] fields)
    {
        using var response = await writer.PostAsync("/api/v1/media", Upload(png, "harbour.png", fields: fields), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal($"http://localhost/api/v1/media/{body.GetProperty("id").GetInt32()}", response.Headers.Location?.ToString());
        return body;
    }

    [Fact]
    public async Task A_png_upload_answers_its_fields_and_renditions_that_download()
    {
        using var writer = await app.WriterAsync();
        var media = await UploadAsync(writer, TestImages.Png(1600, 900, SKColors.SteelBlue),
            ("altText", "Cranes over the harbour at dawn"), ("creditLine", "Jane Doe / Reuters"), ("photographer", "Jane Doe"),
            ("source", "Reuters"), ("copyrightNotice", "© 2026 Reuters"), ("licenseUrl", "https://example.com/licence"));

        Assert.Equal("image/png", media.GetProperty("contentType").GetString());
        Assert.Equal(1600, media.GetProperty("width").GetInt32());
        Assert.Equal(900, media.GetProperty("height").GetInt32());
        Assert.True(media.GetProperty("byteSize").GetInt64() > 0);
        Assert.Equal("Cranes over the harbour at dawn", media.GetProperty("altText").GetString());
        Assert.Equal("Jane Doe / Reuters", media.GetProperty("creditLine").GetString());
        Assert.Equal("Jane Doe", media.GetProperty("photographer").GetString());
        Assert.Equal("Reuters", media.GetProperty("source").GetString());
        Assert.Equal("© 2026 Reuters", media.GetProperty("copyrightNotice").GetString());
        Assert.Equal("https://example.com/licence", media.GetProperty("licenseUrl").GetString());
        Assert.Equal(JsonValueKind.Null, media.GetProperty("licensorUrl").ValueKind);
        Assert.Equal(NewsroomApp.Start, media.GetProperty("uploadedAt").GetDateTimeOffset());

        using var anonymous = app.ApiClient();
        using var original = await anonymous.GetAsync(PathOf(media.GetProperty("url").GetString()!), Ct);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/png", original.Content.Headers.ContentType?.MediaType);

        var renditions = media.GetProperty("renditions").EnumerateArray().ToList();
        Assert.NotEmpty(renditions);
        foreach (var rendition in renditions)
        {
            var url = rendition.GetProperty("url").GetString()!;
            Assert.StartsWith("http://localhost/media/", url, StringComparison.Ordinal);
            using var file = await anonymous.GetAsync(PathOf(url), Ct);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            using var bitmap = SKBitmap.Decode(await file.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(rendition.GetProperty("width").GetInt32(), bitmap.Width);
            Assert.Equal(rendition.GetProperty("height").GetInt32(), bitmap.Height);
            Assert.Contains(rendition.GetProperty("format").GetString(), new[] { "webp", "jpeg" });
        }

        // Anonymous callers read the library, with ETags.
        var id = media.GetProperty("id").GetInt32();
        using var first = await anonymous.GetAsync($"/api/v1/media/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/media/{id}");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await anonymous.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var found = await anonymous.GetJsonAsync("/api/v1/media?q=harbour");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Uploads_that_are_not_images_or_not_forms_get_problems()
    {
        using var writer = await app.WriterAsync();

        using var svg = await writer.PostAsync("/api/v1/media",
            Upload("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "logo.svg", "image/svg+xml"), Ct);
        Assert.Equal(["file"], (await svg.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());

        using var noFile = new MultipartFormDataContent { { new StringContent("A caption"), "defaultCaption" } };
        using var missing = await writer.PostAsync("/api/v1/media", noFile, Ct);
        Assert.Equal(["file"], (await missing.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());

        using var badUrl = await writer.PostAsync("/api/v1/media",
            Upload(TestImages.Png(40, 30), "a.png", fields: ("licenseUrl", "javascript:alert(1)")), Ct);
        Assert.Equal(["licenseUrl"], (await badUrl.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());

        using var json = await writer.PostAsync("/api/v1/media", Json(new { altText = "x" }), Ct);
        await json.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        // Above the API's usual 4 MB body limit but within the image limit: the file itself is judged.
        using var garbage = await writer.PostAsync("/api/v1/media", Upload(new byte[5 * 1024 * 1024], "big.png"), Ct);
        Assert.Equal(["file"], (await garbage.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());

        using var huge = await writer.PostAsync("/api/v1/media", Upload(new byte[MediaApiController.MaxUploadBodyBytes + 1], "huge.png"), Ct);
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        // Sent without a length, the body is cut off at the limit while it is read.
        var chunked = new StreamContent(new MemoryStream(new byte[MediaApiController.MaxUploadBodyBytes + 1]));
        using var streamed = new MultipartFormDataContent { { chunked, "file", "huge.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        using var cut = await writer.SendAsync(request, Ct);
        await cut.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Writing_media_needs_a_write_key()
    {
        using var anonymous = app.ApiClient();
        using var refused = await anonymous.PostAsync("/api/v1/media", Upload(TestImages.Png(40, 30), "a.png"), Ct);
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        using var reader = app.ApiClient((await app.CreateKeyAsync(ApiKeyScope.Read, "Reader key")).PlainKey);
        using var forbidden = await reader.PostAsync("/api/v1/media", Upload(TestImages.Png(40, 30), "a.png"), Ct);
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var writer = await app.WriterAsync();
        var media = await UploadAsync(writer, TestImages.Png(41, 30));
        using var delete = await reader.DeleteAsync($"/api/v1/media/{media.GetProperty("id").GetInt32()}", Ct);
        await delete.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_credit_change_shows_on_the_article_and_a_photo_in_use_is_not_deleted()
    {
        using var writer = await app.WriterAsync();
        var media = await UploadAsync(writer, TestImages.Png(800, 600, SKColors.OliveDrab), ("creditLine", "Old credit"), ("altText", "A field"));
        var id = media.GetProperty("id").GetInt32();
        var article = await writer.CreateArticleAsync(new { headline = "Farmers count the cost of the drought", leadImage = new { mediaId = id, caption = "A dry field." } });
        var articleId = article.GetProperty("id").GetInt32();

        using var patch = await writer.PatchAsync($"/api/v1/media/{id}",
            Json("""{"creditLine": "John Roe / AP", "photographer": "John Roe", "source": "AP"}""", "application/merge-patch+json"), Ct);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var patched = await patch.ReadJsonAsync();
        Assert.Equal("A field", patched.GetProperty("altText").GetString());

        var lead = (await writer.GetJsonAsync($"/api/v1/articles/{articleId}")).GetProperty("leadImage");
        Assert.Equal(id, lead.GetProperty("mediaId").GetInt32());
        Assert.Equal("John Roe / AP", lead.GetProperty("creditLine").GetString());
        Assert.Equal("John Roe", lead.GetProperty("photographer").GetString());
        Assert.Equal("AP", lead.GetProperty("source").GetString());
        Assert.Equal("A field", lead.GetProperty("altText").GetString());

        // PUT replaces every field; a stale If-Match is refused.
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/media/{id}") { Content = Json(new { altText = "x" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef01234567\"", isWeak: true));
        await (await writer.SendAsync(stale, Ct)).ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        using var put = await writer.PutAsync($"/api/v1/media/{id}", Json(new { altText = "A parched field", creditLine = "AP" }), Ct);
        var replaced = await put.ReadJsonAsync();
        Assert.Equal("AP", replaced.GetProperty("creditLine").GetString());
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("photographer").ValueKind);

        using var inUse = await writer.DeleteAsync($"/api/v1/media/{id}", Ct);
        var conflict = await inUse.ProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Contains("Farmers count the cost of the drought", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var unused = await writer.PatchAsync($"/api/v1/articles/{articleId}", Json("""{"leadImage": null}""", "application/merge-patch+json"), Ct);
        Assert.Equal(HttpStatusCode.OK, unused.StatusCode);
        using var deleted = await writer.DeleteAsync($"/api/v1/media/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await writer.GetAsync($"/api/v1/media/{id}", Ct);
        await gone.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_preview_link_shows_the_draft_until_it_is_revoked()
    {
        using var writer = await app.WriterAsync();
        var article = await writer.CreateArticleAsync(new { headline = "Embargoed: the budget in ten charts" });
        var articleId = article.GetProperty("id").GetInt32();

        using var created = await writer.PostAsync($"/api/v1/articles/{articleId}/preview-links", Json(new { expiresInHours = 48 }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await created.ReadJsonAsync();
        var linkId = link.GetProperty("id").GetInt32();
        Assert.Equal($"http://localhost/api/v1/articles/{articleId}/preview-links/{linkId}", created.Headers.Location?.ToString());
        Assert.Equal(NewsroomApp.Start.AddHours(48), link.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.True(link.GetProperty("isActive").GetBoolean());
        var url = link.GetProperty("url").GetString()!;
        Assert.StartsWith("http://localhost/preview/", url, StringComparison.Ordinal);

        using var anonymous = app.CreateClient();
        using var page = await anonymous.GetAsync(PathOf(url), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await NewsCmsFactory.ParseAsync(await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Embargoed: the budget in ten charts", document.QuerySelector("h1")?.TextContent.Trim());

        var listed = Assert.Single((await writer.GetJsonAsync($"/api/v1/articles/{articleId}/preview-links")).EnumerateArray());
        Assert.Equal(linkId, listed.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("url").ValueKind);

        using var revoked = await writer.DeleteAsync($"/api/v1/articles/{articleId}/preview-links/{linkId}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var after = await anonymous.GetAsync(PathOf(url), Ct);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.False((await writer.GetJsonAsync($"/api/v1/articles/{articleId}/preview-links/{linkId}")).GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Preview_links_need_a_write_key_a_known_article_and_a_sane_lifetime()
    {
        using var writer = await app.WriterAsync();
        var article = await writer.CreateArticleAsync(new { headline = "A draft nobody may see yet" });
        var path = $"/api/v1/articles/{article.GetProperty("id").GetInt32()}/preview-links";

        using var tooLong = await writer.PostAsync(path, Json(new { expiresInHours = int.MaxValue }), Ct);
        Assert.Equal(["expiresInHours"], (await tooLong.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorKeys());
        using var unknown = await writer.PostAsync("/api/v1/articles/999999/preview-links", Json(new { expiresInHours = 2 }), Ct);
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var unknownList = await writer.GetAsync("/api/v1/articles/999999/preview-links", Ct);
        await unknownList.ProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var anonymous = app.ApiClient();
        await (await anonymous.PostAsync(path, Json(new { expiresInHours = 2 }), Ct)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using var reader = app.ApiClient((await app.CreateKeyAsync(ApiKeyScope.Read, "Reader key")).PlainKey);
        await (await reader.PostAsync(path, Json(new { expiresInHours = 2 }), Ct)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await reader.GetAsync(path, Ct)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_document_describes_the_upload_form_and_the_preview_links()
    {
        using var client = app.ApiClient();
        var paths = (await client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("paths");
        var upload = paths.GetProperty("/api/v1/media").GetProperty("post");
        var form = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var properties = form.GetProperty("properties");
        Assert.Equal("binary", properties.GetProperty("file").GetProperty("format").GetString());
        foreach (var field in new[] { "altText", "defaultCaption", "creditLine", "photographer", "source", "copyrightNotice", "licenseUrl", "licensorUrl" })
            Assert.True(properties.TryGetProperty(field, out _), $"{field} is not in the upload form");
        foreach (var status in new[] { "201", "401", "403", "413", "415", "422" })
            Assert.True(upload.GetProperty("responses").TryGetProperty(status, out _), $"no {status} for the upload");
        var patch = paths.GetProperty("/api/v1/media/{id}").GetProperty("patch").GetProperty("requestBody").GetProperty("content");
        Assert.True(patch.TryGetProperty("application/merge-patch+json", out _));
        var put = paths.GetProperty("/api/v1/media/{id}").GetProperty("put").GetProperty("requestBody").GetProperty("content");
        Assert.True(put.GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out _));
        Assert.True(paths.GetProperty("/api/v1/articles/{articleId}/preview-links").TryGetProperty("post", out _));
    }
}
