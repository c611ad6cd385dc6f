using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Api;
using NewsCms.Common;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

// Keys, clients and JSON for API tests: every request goes over the app's real HTTP pipeline.
public static class ApiTestKit
{
    public static readonly Actor Admin = new("Test admin", null, Accounts.Roles.Admin);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<CreatedApiKey> CreateKeyAsync(this NewsCmsFactory app, ApiKeyScope scope, string name = "Test key") =>
        app.WithScopeAsync(s => s.GetRequiredService<ApiKeyService>().CreateAsync(name, scope, Admin, Ct));

    public static HttpClient ApiClient(this NewsCmsFactory app, string? key = null)
    {
        var client = app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<HttpClient> WriterAsync(this NewsCmsFactory app) =>
        app.ApiClient((await app.CreateKeyAsync(ApiKeyScope.Write, "Writer key")).PlainKey);

    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    // Asserts a problem details answer and returns it.
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("https://newscms.dev/problems/" + type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(problem.TryGetProperty("exception", out _));
        return problem;
    }

    public static IReadOnlyList<string> ErrorKeys(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    public static async Task<JsonElement> CreateArticleAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsync("/api/v1/articles", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> PostAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsync(path, null, Ct);
        Assert.Equal(expected, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static object Explainer(string headline = "What the new grid rules mean") => new
    {
        headline,
        dek = "A short guide to the changes.",
        kind = "explainer",
        bodyMarkdown = "The regulator published its **final rules** on Monday.",
        sections = new[]
        {
            new { question = "Who pays?", answerMarkdown = "Mostly the *utilities*." },
            new { question = "When does it start?", answerMarkdown = "Next spring." },
        },
        attributions = new[] { new { text = "Reuters contributed reporting.", organization = "Reuters" } },
        tags = new[] { "Energy", "Regulation" },
        originalUrl = "https://example.com/original",
    };
}
