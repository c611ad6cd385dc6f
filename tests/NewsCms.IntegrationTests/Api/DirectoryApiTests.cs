using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsCms.ApiKeys;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

// Tags and authors: listed and read by anyone, written with a write key.
public sealed class DirectoryApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tags_are_created_listed_and_renamed_with_if_match()
    {
        await using var app = new NewsroomApp();
        using var writer = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));
        using var anonymous = app.ApiClient();

        using var created = await writer.PostJsonAsync("/api/v1/tags", new { name = "Lowen River", description = "The shared river." });
        var tag = await created.JsonAsync(HttpStatusCode.Created);
        var id = tag.GetProperty("id").GetInt32();
        Assert.Equal("lowen-river", tag.GetProperty("slug").GetString());
        Assert.Equal("http://localhost/tags/lowen-river", tag.GetProperty("url").GetString());
        Assert.Equal($"http://localhost/api/v1/tags/{id}", created.Headers.Location?.ToString());

        using var duplicate = await writer.PostJsonAsync("/api/v1/tags", new { name = "Lowen  river" });
        Assert.Equal(["slug"], (await duplicate.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorFields());

        using var renamed = await writer.SendAsync(HttpMethod.Put, $"/api/v1/tags/{id}", JsonSerializer.Serialize(new { name = "River Lowen" }),
            configure: r => r.Headers.IfMatch.Add(created.Headers.ETag!));
        var updated = await renamed.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("River Lowen", updated.GetProperty("name").GetString());
        Assert.Equal("lowen-river", updated.GetProperty("slug").GetString());

        using var stale = await writer.SendAsync(HttpMethod.Put, $"/api/v1/tags/{id}", JsonSerializer.Serialize(new { name = "Lowen" }),
            configure: r => r.Headers.IfMatch.Add(created.Headers.ETag!));
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");

        var list = await (await anonymous.GetAsync("/api/v1/tags", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["River Lowen"], list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        using var refused = await anonymous.PostJsonAsync("/api/v1/tags", new { name = "Anonymous" });
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Authors_are_created_read_and_updated()
    {
        await using var app = new NewsroomApp();
        using var writer = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Write));
        using var reader = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Read));

        var author = await (await writer.PostJsonAsync("/api/v1/authors", new { name = "Daniel Okafor", jobTitle = "Correspondent" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = author.GetProperty("id").GetInt32();
        Assert.Equal("http://localhost/authors/daniel-okafor", author.GetProperty("url").GetString());

        using var forbidden = await reader.SendAsync(HttpMethod.Put, $"/api/v1/authors/{id}", JsonSerializer.Serialize(new { name = "D. Okafor" }));
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var invalid = await writer.SendAsync(HttpMethod.Put, $"/api/v1/authors/{id}", JsonSerializer.Serialize(new { name = "", bio = new string('b', 5000) }));
        Assert.Equal(["bio", "name"], (await invalid.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation")).ErrorFields().Order(StringComparer.Ordinal));
        var updated = await (await writer.SendAsync(HttpMethod.Put, $"/api/v1/authors/{id}",
            JsonSerializer.Serialize(new { name = "Daniel Okafor", jobTitle = "Regional correspondent" }))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Regional correspondent", updated.GetProperty("jobTitle").GetString());

        using var read = await reader.GetAsync($"/api/v1/authors/{id}", Ct);
        var fetched = await read.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Regional correspondent", fetched.GetProperty("jobTitle").GetString());
        using var again = await reader.SendAsync(HttpMethod.Get, $"/api/v1/authors/{id}", configure: r => r.Headers.IfNoneMatch.Add(read.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        using var missing = await reader.GetAsync("/api/v1/authors/9999", Ct);
        await missing.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
