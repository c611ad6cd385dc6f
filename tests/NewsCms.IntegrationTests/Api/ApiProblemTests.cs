using System.Net;
using NewsCms.ApiKeys;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

// Every way a request can fail gets its status and a problem document, never a 500.
public sealed class ApiProblemTests
{
    private const string Articles = "/api/v1/articles";

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.SendAsync(HttpMethod.Post, Articles, "{\"headline\": \"Unclosed");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("{\"headline\": 5}", "headline")]
    [InlineData("{\"headline\": \"A\", \"kind\": \"feature\"}", "kind")]
    [InlineData("{\"headline\": \"A\", \"kind\": 1}", "kind")]
    [InlineData("{\"headline\": \"A\", \"leadImage\": {\"mediaId\": 99999999999999999999999}}", "leadImage.mediaId")]
    [InlineData("{\"headline\": \"A\", \"sections\": [{\"question\": [1, 2]}]}", "sections[0].question")]
    [InlineData("[1, 2, 3]", "$")]
    public async Task Json_of_the_wrong_shape_is_a_422_naming_the_field(string body, string field)
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.SendAsync(HttpMethod.Post, Articles, body);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task Rule_violations_are_a_422_keyed_by_json_field_names()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.PostJsonAsync(Articles, new
        {
            headline = " ",
            sections = new[] { new { question = "", answerMarkdown = "An answer." } },
            authors = new[] { new { id = 999 } },
            originalUrl = "javascript:alert(1)",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Equal(["authors", "headline", "originalUrl", "sections[0].question"], problem.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Equal("Headline is required.", problem.GetProperty("errors").GetProperty("headline")[0].GetString());
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.SendAsync(HttpMethod.Post, Articles, "");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Missing_articles_and_unknown_addresses_are_404_problems()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient();

        using var missing = await client.GetAsync($"{Articles}/424242", TestContext.Current.CancellationToken);
        using var huge = await client.GetAsync($"{Articles}/99999999999999999999", TestContext.Current.CancellationToken);
        using var nowhere = await client.GetAsync("/api/v1/nothing-here", TestContext.Current.CancellationToken);

        await missing.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        await huge.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        await nowhere.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.SendAsync(HttpMethod.Post, Articles, "headline=Hello", "application/x-www-form-urlencoded");

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        await using var app = new NewsroomApp().With("NewsCms:Api:MaxRequestBodyBytes", "1000");
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.PostJsonAsync(Articles, new { headline = "Long", bodyMarkdown = new string('x', 2000) });

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient();

        using var response = await client.SendAsync(HttpMethod.Delete, "/api/v1/tags");

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Theory]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=99999999999999999999", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?status=retracted", "status")]
    [InlineData("?updatedSince=yesterday", "updatedSince")]
    public async Task A_bad_query_parameter_is_a_400_naming_it(string query, string parameter)
    {
        await using var app = new NewsroomApp();
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Read));

        using var response = await client.GetAsync(Articles + query, TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-parameter");
        Assert.Contains(parameter, problem.ErrorFields());
    }

    [Fact]
    public async Task Deleting_a_published_article_is_a_409_conflict()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Out already"));
        using var client = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));

        using var response = await client.SendAsync(HttpMethod.Delete, $"{Articles}/{article.Id}");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Contains("unpublish it first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
