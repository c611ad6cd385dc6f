using System.Net;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Security;

// Outside development the admin's cookies are Secure. Over plain HTTP (a container without its TLS
// proxy) the admin says why it cannot serve, instead of failing every form with a 500; behind a
// trusted proxy, X-Forwarded-Proto makes the request HTTPS again.
public sealed class PlainHttpAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/admin/login")]
    [InlineData("POST", "/admin/login")]
    [InlineData("GET", "/admin/articles")]
    public async Task Plain_http_gets_the_reason_not_a_500(string method, string path)
    {
        await using var app = new EmptyNewsCmsFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new FormUrlEncodedContent([new("Email", "a@b.test"), new("Password", "x")]) : null,
        }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("HTTPS only", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_scheme_counts()
    {
        await using var app = new TrustingProxyFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        Assert.NotNull(page.QuerySelector("form input[name='__RequestVerificationToken']"));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class TrustingProxyFactory : NewsCmsFactory
    {
        protected override bool SeedDemoContent => false;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NewsCms:TrustForwardedHeaders", "true");
        }
    }
}
