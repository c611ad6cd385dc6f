using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Web.Infrastructure;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

public sealed class OpenApiTests : IClassFixture<EmptyNewsCmsFactory>
{
    private readonly EmptyNewsCmsFactory app;

    public OpenApiTests(EmptyNewsCmsFactory app) => this.app = app;

    [Fact]
    public async Task The_document_lists_every_api_endpoint_the_app_maps()
    {
        using var client = app.ApiClient();
        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var paths = document.GetProperty("paths");

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: Normalise(e.RoutePattern.RawText!), Method: m)))
            .ToList();
        Assert.True(mapped.Count >= 20, $"only {mapped.Count} API endpoints found");
        foreach (var (path, method) in mapped)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the document");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
        }

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var article = document.GetProperty("components").GetProperty("schemas").GetProperty("ArticleDto");
        Assert.False(string.IsNullOrEmpty(article.GetProperty("properties").GetProperty("dek").GetProperty("description").GetString()));
        var patch = paths.GetProperty("/api/v1/articles/{id}").GetProperty("patch").GetProperty("requestBody").GetProperty("content");
        Assert.True(patch.TryGetProperty("application/merge-patch+json", out _));
    }

    [Fact]
    public async Task The_document_reads_without_errors_or_warnings()
    {
        using var client = app.ApiClient();
        await using var stream = await client.GetStreamAsync("/swagger/v1/swagger.json", Ct);
        var result = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(stream, "json", cancellationToken: Ct);
        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic?.Errors.Select(e => e.ToString()) ?? []);
        Assert.Empty(result.Diagnostic?.Warnings.Select(e => e.ToString()) ?? []);
    }

    // "api/v1/articles/{id:int}" -> "/api/v1/articles/{id}"
    private static string Normalise(string raw) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(raw, @"\{(\w+):[^}]+\}", "{$1}");

    [Fact]
    public async Task The_swagger_ui_is_served()
    {
        using var client = app.ApiClient();
        using var response = await client.GetAsync("/swagger/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        Assert.NotNull(page.QuerySelector("#swagger-ui"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy, StringComparison.Ordinal);

        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, home.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_command_line_verb_prints_a_working_key_alone_on_its_last_line()
    {
        using var output = new StringWriter();
        var code = await ApiKeysVerb.RunAsync(app.Services, ["create", "--name", "Newsletter", "--scope", "write"], output);
        Assert.Equal(0, code);
        var key = output.ToString().TrimEnd().Split('\n').Last().Trim();
        Assert.StartsWith("ncms_", key);

        using var writer = app.ApiClient(key);
        var created = await writer.CreateArticleAsync(new { headline = "From the newsletter tool" });
        Assert.Equal("draft", created.GetProperty("status").GetString());
        var keys = await app.WithScopeAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(Ct));
        Assert.Contains(keys, k => k is { Name: "Newsletter", Scope: ApiKeyScope.Write } && key.StartsWith(k.Prefix, StringComparison.Ordinal));

        using var refused = new StringWriter();
        Assert.Equal(2, await ApiKeysVerb.RunAsync(app.Services, ["create", "--name", "X", "--scope", "admin"], refused));
        Assert.Contains("--scope must be read or write.", refused.ToString(), StringComparison.Ordinal);
    }
}
