using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.ApiKeys;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

// Calls the API as an integrator would: JSON over HTTP with an optional bearer key.
public static class ApiTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<string> CreateKeyAsync(this NewsroomApp app, ApiKeyScope scope, string name = "Test integration") =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<ApiKeyService>().CreateAsync(name, scope, NewsroomApp.Admin, Ct)).Secret);

    public static HttpClient ApiClient(this NewsroomApp app, string? key = null)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null,
        string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        configure?.Invoke(request);
        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    // A problem document with the given status and type, no stack trace; returns it for more checks.
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync(expected);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Equal("https://newscms.dev/problems/" + type, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        var raw = problem.GetRawText();
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", raw, StringComparison.Ordinal);
        return problem;
    }

    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
