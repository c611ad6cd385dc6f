using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsCms.Api;
using NewsCms.Importing;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Tests.Media;
using SkiaSharp;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

// The whole life of an explainer in the example's shape, through the API only and over a real
// loopback socket: its photo uploaded with credit, the article created, its questions added, published,
// read on the public page, a stale update refused, unpublished.
public sealed class ApiLifecycleTests
{
    [Fact]
    public async Task An_explainer_lives_its_whole_life_through_the_api()
    {
        await using var app = new LoopbackNewsCmsFactory();
        var story = ArticleTextParser.Parse(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "tram-strike.txt"), Ct),
            "tram-strike.txt").Article!;
        var key = await app.CreateKeyAsync(ApiKeyScope.Write, "Migration script");
        using var api = app.SocketClient(key.PlainKey);
        using var reader = app.SocketClient();

        // 1. The lead photo, with the credit the file gives it.
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Jpeg(2000, 1200, SKColors.DarkSlateGray));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "depot.jpg");
        form.Add(new StringContent("Empty trams parked in rows at a depot"), "altText");
        form.Add(new StringContent(story.LeadPhoto!.CreditLine!), "creditLine");
        form.Add(new StringContent(story.LeadPhoto.Photographer!), "photographer");
        form.Add(new StringContent(story.LeadPhoto.Source!), "source");
        form.Add(new StringContent("© 2026 Harbour Wire"), "copyrightNotice");
        using var uploaded = await api.PostAsync("/api/v1/media", form, Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var photo = await uploaded.ReadJsonAsync();
        var photoId = photo.GetProperty("id").GetInt32();

        // 2. The article without its questions yet.
        var created = await api.CreateArticleAsync(new
        {
            headline = story.Headline,
            kind = "explainer",
            bodyMarkdown = story.BodyMarkdown,
            leadImage = new { mediaId = photoId, caption = story.LeadPhoto.Caption },
            attributions = story.Attributions.Select(a => new { text = a.Text, organization = a.Organization }),
            originalUrl = story.OriginalUrl,
            tags = new[] { "Transport" },
        });
        var id = created.GetProperty("id").GetInt32();
        var path = $"/api/v1/articles/{id}";
        Assert.Equal("draft", created.GetProperty("status").GetString());

        // 3. The questions, by merge patch at the version just read.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = Json(JsonSerializer.Serialize(new
            {
                sections = story.Sections.Select(s => new { question = s.Question, answerMarkdown = s.AnswerMarkdown }),
            }, JsonSerializerOptions.Web), "application/merge-patch+json"),
        };
        patch.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\""));
        using var patched = await api.SendAsync(patch, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(story.Sections.Count, (await patched.ReadJsonAsync()).GetProperty("sections").GetArrayLength());

        // 4. Published: the public page shows every part.
        var published = await api.PostAsync($"{path}/publish");
        Assert.Equal("published", published.GetProperty("status").GetString());
        var url = new Uri(published.GetProperty("url").GetString()!).AbsolutePath;
        using (var response = await reader.GetAsync(url, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(story.Headline, page.QuerySelector("h1")!.TextContent.Trim());
            Assert.Equal(story.LeadPhoto.Caption, page.QuerySelector(".lead-figure .caption")!.TextContent);
            Assert.Contains(story.LeadPhoto.CreditLine!, page.QuerySelector(".lead-figure .credit")!.TextContent);
            Assert.Equal(story.Sections.Select(s => s.Question), page.QuerySelectorAll(".qa__question").Select(h => h.TextContent));
            Assert.Equal(story.Attributions.Select(a => a.Text), page.QuerySelectorAll(".attribution em").Select(e => e.TextContent));
        }
        var anonymousView = await reader.GetJsonAsync(path);
        Assert.Equal(photo.GetProperty("creditLine").GetString(), anonymousView.GetProperty("leadImage").GetProperty("creditLine").GetString());

        // 5. A client still holding version 1 is refused, and the published text is untouched.
        using var stale = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(new { headline = "Overwritten", kind = "explainer" }) };
        stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\""));
        using (var refused = await api.SendAsync(stale, Ct))
            await refused.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal(story.Headline, (await reader.GetJsonAsync(path)).GetProperty("headline").GetString());

        // 6. Unpublished: gone for readers, kept for the newsroom.
        var unpublished = await api.PostAsync($"{path}/unpublish");
        Assert.Equal("unpublished", unpublished.GetProperty("status").GetString());
        using (var gone = await reader.GetAsync(url, Ct))
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        using (var hidden = await reader.GetAsync(path, Ct))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("unpublished", (await api.GetJsonAsync(path)).GetProperty("status").GetString());
    }
}
