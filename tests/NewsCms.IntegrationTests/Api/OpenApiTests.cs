using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

public sealed class OpenApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<OpenApiDocument> LoadAsync(NewsroomApp app)
    {
        using var client = app.ApiClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var result = await OpenApiDocument.LoadAsync(stream, "json", cancellationToken: Ct);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.Empty(result.Diagnostic?.Warnings ?? []);
        return result.Document!;
    }

    [Fact]
    public async Task The_document_reads_without_errors_and_has_every_api_endpoint()
    {
        await using var app = new NewsroomApp();
        var document = await LoadAsync(app);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => (Path: "/" + Normalise(e.RoutePattern.RawText!), Method: m)))
            .ToList();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} API endpoints found");
        foreach (var (path, method) in endpoints)
        {
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
            Assert.True(item!.Operations!.Keys.Any(k => k.Method == method), $"{method} {path} is not in the document");
        }
    }

    [Fact]
    public async Task Writes_need_the_bearer_scheme_and_errors_are_documented_as_problems()
    {
        await using var app = new NewsroomApp();
        var document = await LoadAsync(app);

        Assert.Equal(SecuritySchemeType.Http, document.Components!.SecuritySchemes!["bearer"].Type);
        var create = document.Paths["/api/v1/articles"]!.Operations![HttpMethod.Post];
        Assert.NotEmpty(create.Security!);
        Assert.Contains("application/problem+json", create.Responses!["422"].Content!.Keys);
        Assert.Contains("201", create.Responses.Keys);
        Assert.False(string.IsNullOrWhiteSpace(create.Summary));
        var patch = document.Paths["/api/v1/articles/{id}"]!.Operations![HttpMethod.Patch];
        Assert.Contains("application/merge-patch+json", patch.RequestBody!.Content!.Keys);
        var list = document.Paths["/api/v1/articles"]!.Operations![HttpMethod.Get];
        Assert.Null(list.Security);
        Assert.Contains(list.Parameters!, p => p.Name == "updatedSince");
        var article = document.Components.Schemas!["ArticleDto"];
        Assert.Contains("bodyHtml", article.Properties!.Keys);
        Assert.Contains("version", article.Properties.Keys);

        using var client = app.ApiClient();
        using var ui = await client.GetAsync("/swagger/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }

    // "api/v1/articles/{id:int}" -> "api/v1/articles/{id}", as OpenAPI writes paths.
    private static string Normalise(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:?]+)(:[^}]*)?\??\}", "{$1}");
}
