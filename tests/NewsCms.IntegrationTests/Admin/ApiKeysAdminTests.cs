using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Api;
using NewsCms.IntegrationTests.Api;

namespace NewsCms.IntegrationTests.Admin;

public sealed class ApiKeysAdminTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SubmitNewKeyAsync(AdminSession admin, string name, string scope)
    {
        var form = (await admin.GetDocumentAsync("/admin/api-keys/new")).QuerySelector<IHtmlFormElement>("main form[action='/admin/api-keys/new']")!;
        return await admin.SubmitAsync(form, new() { ["Name"] = name, ["Scope"] = scope });
    }

    private static async Task<string> CreateKeyAsync(AdminSession admin, string name, string scope)
    {
        using var created = await SubmitNewKeyAsync(admin, name, scope);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await AdminSession.ReadAsync(created)).QuerySelector<IHtmlInputElement>("#new_api_key")!.Value;
    }

    private static IElement Row(IDocument list, string name) =>
        Assert.Single(list.QuerySelectorAll("tr.api-key"), r => r.QuerySelector("th")!.TextContent.Trim() == name);

    private async Task<ApiKeyView> StoredAsync(string name) =>
        (await app.WithScopeAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(Ct))).Single(k => k.Name == name);

    [Fact]
    public async Task An_admin_creates_a_key_that_is_shown_once_and_then_listed_without_it()
    {
        using var admin = await app.SignInAsync(Roles.Admin, "Ines Admin");
        var name = "Newsletter " + Guid.NewGuid().ToString("N")[..6];

        using var created = await SubmitNewKeyAsync(admin, name, "write");
        var page = await AdminSession.ReadAsync(created);
        var key = page.QuerySelector<IHtmlInputElement>("#new_api_key")!.Value;

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(ApiKeyService.KeyStart, key, StringComparison.Ordinal);
        Assert.Equal("Copy it now.", page.QuerySelector("main .notice strong")!.TextContent.Trim());
        var stored = await StoredAsync(name);
        Assert.Equal(ApiKeyScope.Write, stored.Scope);
        Assert.Equal(key[..ApiKeyService.PrefixLength], stored.Prefix);

        using (var api = app.ApiClient(key))
        using (var drafts = await api.GetAsync("/api/v1/articles?status=draft", Ct))
            Assert.Equal(HttpStatusCode.OK, drafts.StatusCode);

        var list = await admin.GetDocumentAsync("/admin/api-keys");
        var row = Row(list, name);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(stored.Prefix + "…", cells[0]);
        Assert.Equal("write", cells[1]);
        Assert.EndsWith("by Ines Admin", cells[2], StringComparison.Ordinal);
        Assert.Equal(NewsCms.Web.Infrastructure.DisplayFormats.Iso(app.Clock.GetUtcNow(), TimeZoneInfo.Utc),
            row.QuerySelectorAll("td")[3].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Active", cells[4]);
        AdminOnlyPages.AssertNowhere(list, key);
        Assert.Contains("/admin/api-keys", AdminOnlyPages.NavLinks(list));
    }

    [Fact]
    public async Task A_key_without_a_name_or_with_an_unknown_scope_is_refused_beside_its_fields_with_the_form_kept()
    {
        using var admin = await app.SignInAsync(Roles.Admin);

        using var noName = await SubmitNewKeyAsync(admin, "  ", "write");
        var page = await AdminSession.ReadAsync(noName);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#Name-error")!.TextContent));
        Assert.Contains("Name-error", page.QuerySelector("#Name")!.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("write", page.QuerySelector<IHtmlInputElement>("input[name='Scope']:checked")!.Value);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Name']"));

        using var badScope = await SubmitNewKeyAsync(admin, "Kept name", "owner");
        page = await AdminSession.ReadAsync(badScope);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badScope.StatusCode);
        Assert.Equal("Kept name", page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal("The scope is read or write.", page.QuerySelector("#Scope-error")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#new_api_key"));

        using var tooLong = await SubmitNewKeyAsync(admin, new string('k', 101), "read");
        page = await AdminSession.ReadAsync(tooLong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal(new string('k', 101), page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.NotNull(page.QuerySelector("#Name-error"));

        Assert.DoesNotContain(await app.WithScopeAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(Ct)), k => k.Name == "Kept name");
    }

    [Fact]
    public async Task A_key_revoked_after_confirming_is_refused_by_the_api_at_once()
    {
        using var admin = await app.SignInAsync(Roles.Admin);
        var name = "Partner " + Guid.NewGuid().ToString("N")[..6];
        var key = await CreateKeyAsync(admin, name, "write");
        using var api = app.ApiClient(key);
        using (var before = await api.PostAsync("/api/v1/articles", ApiTestKit.Json(ApiTestKit.Explainer("Before the revoke")), Ct))
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        var list = await admin.GetDocumentAsync("/admin/api-keys");
        var confirm = await admin.GetDocumentAsync(Row(list, name).QuerySelector("a[href$='/revoke']")!.GetAttribute("href")!);
        Assert.Equal($"Revoke the key \"{name}\"?", confirm.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Null((await StoredAsync(name)).RevokedAt);

        using var revoked = await admin.SubmitAsync(confirm.QuerySelector<IHtmlFormElement>("main form[action$='/revoke']")!);
        var after = await admin.FollowAsync(revoked);

        Assert.Contains(name, after.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Revoked", Row(after, name).QuerySelector(".api-key-state")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(Row(after, name).QuerySelector("a[href$='/revoke']"));
        Assert.Equal(app.Clock.GetUtcNow(), (await StoredAsync(name)).RevokedAt);
        using (var write = await api.PostAsync("/api/v1/articles", ApiTestKit.Json(ApiTestKit.Explainer("After the revoke")), Ct))
            await write.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using (var read = await api.GetAsync("/api/v1/articles?status=draft", Ct))
            await read.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_not_found()
    {
        using var admin = await app.SignInAsync(Roles.Admin);

        using var response = await admin.GetAsync("/admin/api-keys/999999/revoke");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Writer)]
    [InlineData(Roles.Editor)]
    public async Task Writers_and_editors_are_turned_away_from_every_api_key_page_and_action(string role)
    {
        var existing = await app.CreateKeyAsync(ApiKeyScope.Read, "Untouchable " + role);
        var before = (await app.WithScopeAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(Ct))).Count;
        using var member = await app.SignInAsync(role);

        await AdminOnlyPages.AssertTurnedAwayAsync(member,
            ["/admin/api-keys", "/admin/api-keys/new", $"/admin/api-keys/{existing.Key.Id}/revoke"],
            ["/admin/api-keys/new", $"/admin/api-keys/{existing.Key.Id}/revoke"]);

        Assert.Null((await StoredAsync(existing.Key.Name)).RevokedAt);
        Assert.Equal(before, (await app.WithScopeAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(Ct))).Count);
        Assert.DoesNotContain("/admin/api-keys", AdminOnlyPages.NavLinks(await member.GetDocumentAsync("/admin/articles")));
    }
}
