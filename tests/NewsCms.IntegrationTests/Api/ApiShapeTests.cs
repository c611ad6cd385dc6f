using System.Net;
using System.Text.Json.Nodes;
using NewsCms.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Api;

// The pure pieces of the API: field names in errors, merge patch, key format and last use.
public sealed class ApiShapeTests
{
    [Theory]
    [InlineData("Headline", "headline")]
    [InlineData("Sections[0].Question", "sections[0].question")]
    [InlineData("LeadImage.MediaId", "leadImage.mediaId")]
    [InlineData("AuthorIds", "authors")]
    [InlineData("PublishAt", "at")]
    [InlineData("$.sections[1].answerMarkdown", "sections[1].answerMarkdown")]
    [InlineData("$", "body")]
    [InlineData("limit", "limit")]
    public void Service_field_names_become_the_json_paths_clients_send(string field, string path) =>
        Assert.Equal(path, ApiProblems.JsonPath(field));

    [Fact]
    public void Merge_patch_follows_rfc_7396()
    {
        // The examples of RFC 7396, section 3.
        var target = JsonNode.Parse("""{"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"}, "tags": ["example", "sample"], "content": "This will be unchanged"}""")!.AsObject();
        var patch = JsonNode.Parse("""{"title": "Hello!", "phoneNumber": "+01-123-456-7890", "author": {"familyName": null}, "tags": ["example"]}""")!.AsObject();
        MergePatch.Apply(target, patch);
        var expected = JsonNode.Parse("""{"title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"], "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"}""");
        Assert.True(JsonNode.DeepEquals(expected, target), target.ToJsonString());

        var fresh = new JsonObject();
        MergePatch.Apply(fresh, JsonNode.Parse("""{"a": {"b": null, "c": 1}}""")!.AsObject());
        Assert.Equal("""{"a":{"c":1}}""", fresh.ToJsonString());
    }

    [Fact]
    public async Task Keys_carry_256_random_bits_and_record_their_last_use_to_the_minute()
    {
        await using var app = new NewsroomApp();
        var key = await app.CreateKeyAsync(ApiKeyScope.Read);
        var other = await app.CreateKeyAsync(ApiKeyScope.Read);
        Assert.Equal(5 + 43, key.PlainKey.Length);
        Assert.NotEqual(key.PlainKey, other.PlainKey);
        using var client = app.ApiClient(key.PlainKey);

        async Task<DateTimeOffset?> UseAsync()
        {
            using var response = await client.GetAsync("/api/v1/tags", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var keys = await app.WithScopeAsync(s =>
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ApiKeyService>(s).ListAsync(Ct));
            return keys.Single(k => k.Id == key.Key.Id).LastUsedAt;
        }

        Assert.Equal(NewsroomApp.Start, await UseAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(NewsroomApp.Start, await UseAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(NewsroomApp.Start.AddMinutes(1), await UseAsync());
    }

    [Fact]
    public async Task Only_an_admin_creates_or_revokes_keys()
    {
        await using var app = new NewsroomApp();
        var error = await Assert.ThrowsAsync<NewsCms.Common.ForbiddenException>(() => app.WithScopeAsync(s =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ApiKeyService>(s)
                .CreateAsync("Sneaky", ApiKeyScope.Write, NewsroomApp.Editor, Ct)));
        Assert.Equal("Only an admin can create API keys.", error.Message);
        var invalid = await Assert.ThrowsAsync<NewsCms.Common.ValidationFailedException>(() => app.CreateKeyAsync(ApiKeyScope.Read, " "));
        Assert.Equal(["Name"], invalid.Errors.Keys);
    }
}
