using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Security;

// Walks every endpoint the app maps, so a new admin page or API write cannot ship unguarded.
public sealed class AuthorizationAuditTests(NewsCmsFactory app) : IClassFixture<NewsCmsFactory>
{
    // Pages a stranger must reach to sign in at all.
    private static readonly string[] PublicAdminPaths = ["/admin/login"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Each endpoint with the body type it declares, so the guard (not content negotiation) is what answers.
    private List<(string Method, string Path, string? Consumes)> Endpoints(Func<string, string, bool> include)
    {
        using (app.CreateClient()) { }
        var found = new List<(string, string, string?)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            var path = Fill(endpoint.RoutePattern);
            var consumes = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault();
            foreach (var method in methods)
            {
                if (include(method, pattern)) found.Add((method, path, consumes));
            }
        }
        Assert.NotEmpty(found);
        return found.Distinct().ToList();
    }

    // Plausible values for route parameters: the guard must refuse before any lookup happens.
    private static string Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "int") => "1",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name is "yyyy" or "year" => "2026",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name is "mm" or "month" or "dd" or "day" => "01",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "1",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
            _ => "x",
        }))));

    [Fact]
    public async Task Every_admin_endpoint_refuses_an_anonymous_caller()
    {
        var endpoints = Endpoints((_, pattern) =>
            pattern.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) && !PublicAdminPaths.Contains(pattern.TrimEnd('/')));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var open = new List<string>();
        foreach (var (method, path, _) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != HttpMethods.Get) request.Content = new FormUrlEncodedContent([]);
            using var response = await client.SendAsync(request, Ct);
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/admin/login", StringComparison.Ordinal));
            if (!refused) open.Add($"{method} {path} -> {(int)response.StatusCode}");
        }

        Assert.True(open.Count == 0, "Admin endpoints open to anonymous callers:\n" + string.Join("\n", open));
    }

    [Fact]
    public async Task Every_api_write_refuses_an_anonymous_caller()
    {
        var endpoints = Endpoints((method, pattern) =>
            pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && method is not ("GET" or "HEAD" or "OPTIONS"));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var open = new List<string>();
        foreach (var (method, path, consumes) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(consumes) };
            using var response = await client.SendAsync(request, Ct);
            if (response.StatusCode != HttpStatusCode.Unauthorized) open.Add($"{method} {path} -> {(int)response.StatusCode}");
        }

        Assert.True(open.Count == 0, "API writes that do not answer 401 to anonymous callers:\n" + string.Join("\n", open));
    }

    private static HttpContent Body(string? consumes) => consumes switch
    {
        "multipart/form-data" => new MultipartFormDataContent { { new StringContent("x"), "altText" } },
        null => new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        _ => new StringContent("{}", System.Text.Encoding.UTF8, consumes),
    };
}
