using System.Net;
using Microsoft.AspNetCore.Hosting;
using NewsCms.IntegrationTests.Infrastructure;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

// Every way a request can fail answers problem details with a stable type, never a 500.
public sealed class ApiProblemTests : IClassFixture<ApiProblemTests.App>
{
    public sealed class App : NewsCmsFactory
    {
        protected override bool SeedDemoContent => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NewsCms:Api:MaxBodyBytes", "4000");
        }
    }

    private readonly App app;

    public ApiProblemTests(App app) => this.app = app;

    [Fact]
    public async Task Rule_violations_answer_422_with_errors_keyed_by_json_path()
    {
        using var writer = await app.WriterAsync();
        var body = """
            {"headline": " ", "sections": [{"question": "", "answerMarkdown": "x"}], "originalUrl": "ftp://x", "authors": [{"id": 999}],
             "leadImage": {"mediaId": 42}}
            """;
        using var response = await writer.PostAsync("/api/v1/articles", Json(body), Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Equal(["authors", "headline", "leadImage.mediaId", "originalUrl", "sections[0].question"], problem.ErrorKeys());
        Assert.Equal("Headline is required.", problem.GetProperty("errors").GetProperty("headline")[0].GetString());
    }

    [Theory]
    [InlineData("{\"headline\": ", "headline")]
    [InlineData("not json", "body")]
    [InlineData("{\"headline\": 5}", "headline")]
    [InlineData("{\"headline\": \"x\", \"kind\": \"poem\"}", "kind")]
    [InlineData("{\"headline\": \"x\", \"kind\": 2}", "kind")]
    [InlineData("{\"headline\": \"x\", \"sections\": [{\"question\": []}]}", "sections[0].question")]
    [InlineData("{\"headline\": \"x\", \"relatedArticleIds\": [\"a\"]}", "relatedArticleIds[0]")]
    [InlineData("{\"headline\": \"a\", \"headline\": \"b\"}", "headline")]
    public async Task Unreadable_bodies_answer_400_naming_the_field(string body, string field)
    {
        using var writer = await app.WriterAsync();
        using var response = await writer.PostAsync("/api/v1/articles", Json(body), Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Contains(field, problem.ErrorKeys());
        Assert.DoesNotContain("NewsCms", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/articles?limit=0", "limit")]
    [InlineData("/api/v1/articles?limit=abc", "limit")]
    [InlineData("/api/v1/articles?status=lost", "status")]
    [InlineData("/api/v1/articles?status=9", "status")]
    [InlineData("/api/v1/articles?after=not-a-cursor", "after")]
    [InlineData("/api/v1/articles?updatedSince=yesterday", "updatedSince")]
    public async Task Bad_query_parameters_answer_400_naming_the_parameter(string path, string field)
    {
        using var client = app.ApiClient();
        using var response = await client.GetAsync(path, Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal([field], problem.ErrorKeys());
    }

    // Found by the fuzz test: a merge patch naming a member twice was a 500.
    [Fact]
    public async Task A_merge_patch_naming_a_member_twice_answers_400_and_changes_nothing()
    {
        using var writer = await app.WriterAsync();
        var created = await writer.CreateArticleAsync(new { headline = "Named once", bodyMarkdown = "Body." });
        var id = created.GetProperty("id").GetInt32();
        using var patch = new StringContent("{\"headline\": \"a\", \"headline\": \"b\"}", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var response = await writer.PatchAsync($"/api/v1/articles/{id}", patch, Ct);
        await response.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var after = await writer.GetAsync($"/api/v1/articles/{id}", Ct);
        Assert.Equal("Named once", (await after.ReadJsonAsync()).GetProperty("headline").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415()
    {
        using var writer = await app.WriterAsync();
        using var response = await writer.PostAsync("/api/v1/articles", new StringContent("headline=x", System.Text.Encoding.UTF8, "text/plain"), Ct);
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413()
    {
        using var writer = await app.WriterAsync();
        using var response = await writer.PostAsync("/api/v1/articles", Json(new { headline = "Long", bodyMarkdown = new string('x', 5000) }), Ct);
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Unknown_addresses_and_methods_answer_problems_while_pages_keep_html()
    {
        using var client = app.ApiClient();
        using (var response = await client.GetAsync("/api/v1/nothing-here", Ct))
            await response.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var response = await client.GetAsync("/api/v1/articles/999", Ct))
            await response.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var response = await client.DeleteAsync("/api/v1/tags", Ct))
            await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        using (var page = await client.GetAsync("/no-such-page", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Callers_that_accept_only_html_or_xml_still_get_json_problems()
    {
        using var writer = await app.WriterAsync();
        foreach (var (method, path, body, status, type) in new[]
        {
            (HttpMethod.Get, "/api/v1/articles/999", (string?)null, HttpStatusCode.NotFound, "not-found"),
            (HttpMethod.Get, "/api/v1/nothing", null, HttpStatusCode.NotFound, "not-found"),
            (HttpMethod.Post, "/api/v1/articles", "{\"headline\": \"\"}", HttpStatusCode.UnprocessableEntity, "validation"),
            (HttpMethod.Post, "/api/v1/articles", "{\"headline\": 1}", HttpStatusCode.BadRequest, "bad-request"),
        })
        {
            foreach (var accept in new[] { "text/html", "application/xml" })
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
                request.Headers.Accept.ParseAdd(accept);
                using var response = await writer.SendAsync(request, Ct);
                await response.ProblemAsync(status, type);
            }
        }
    }

    [Fact]
    public async Task A_malformed_authorization_header_answers_401()
    {
        using var client = app.ApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        using var response = await client.SendAsync(request, Ct);
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
