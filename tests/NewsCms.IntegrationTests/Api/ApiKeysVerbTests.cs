using System.Net;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Web.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

public sealed class ApiKeysVerbTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string[] Output, string Error)> RunAsync(NewsroomApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(app.Services, args, output, error, Ct);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    [Fact]
    public async Task Create_prints_the_key_alone_on_its_last_line_and_the_key_works()
    {
        await using var app = new NewsroomApp();

        var (code, output, _) = await RunAsync(app, "api-keys", "create", "--name", "Newsletter", "--scope", "write");

        Assert.Equal(0, code);
        var key = output[^1];
        Assert.Matches("^ncms_[A-Za-z0-9_-]{43}$", key);
        using var client = app.ApiClient(key);
        using var created = await client.PostJsonAsync("/api/v1/tags", new { name = "From the newsletter" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var (_, listed, _) = await RunAsync(app, "api-keys", "list");
        var line = Assert.Single(listed);
        Assert.Contains(key[..12], line, StringComparison.Ordinal);
        Assert.DoesNotContain(key, line, StringComparison.Ordinal);

        var id = line.Split('\t')[0];
        Assert.Equal(0, (await RunAsync(app, "api-keys", "revoke", id)).Code);
        using var refused = await client.GetAsync("/api/v1/tags", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("api-keys", "create", "--name", "Newsletter")]
    [InlineData("api-keys", "create", "--name", "Newsletter", "--scope", "admin")]
    [InlineData("api-keys", "create", "--name", " ", "--scope", "read")]
    [InlineData("api-keys", "revoke", "42")]
    public async Task Bad_arguments_fail_with_a_message(params string[] args)
    {
        await using var app = new NewsroomApp();

        var (code, output, error) = await RunAsync(app, args);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
