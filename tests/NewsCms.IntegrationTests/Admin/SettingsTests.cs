using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCms.Accounts;

namespace NewsCms.IntegrationTests.Admin;

public sealed class SettingsTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    [Fact]
    public async Task An_admin_renames_the_site_and_readers_see_the_new_name()
    {
        using var admin = await app.SignInAsync(Roles.Admin);
        var page = await admin.GetDocumentAsync("/admin/settings");
        var form = page.QuerySelector<IHtmlFormElement>("main form[action='/admin/settings']")!;

        var saved = await admin.SubmitAsync(form, new() { ["Name"] = "The Valley Ledger", ["Description"] = "Local news." });
        var after = await admin.FollowAsync(saved);

        Assert.Equal("The Valley Ledger", after.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        var home = await app.GetDocumentAsync("/");
        Assert.Equal("The Valley Ledger", home.QuerySelector(".site-name")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_bad_address_is_refused_beside_its_field_with_everything_typed_kept()
    {
        using var admin = await app.SignInAsync(Roles.Admin);
        var form = (await admin.GetDocumentAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("main form[action='/admin/settings']")!;

        using var refused = await admin.SubmitAsync(form, new() { ["Name"] = "Kept name", ["BaseUrl"] = "javascript:alert(1)" });
        var page = await AdminSession.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Kept name", page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal("javascript:alert(1)", page.QuerySelector<IHtmlInputElement>("#BaseUrl")!.Value);
        var describedBy = page.QuerySelector("#BaseUrl")!.GetAttribute("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        Assert.NotEmpty(page.GetElementById(describedBy!.Split(' ')[0])!.TextContent.Trim());
    }

    [Theory]
    [InlineData(Roles.Writer)]
    [InlineData(Roles.Editor)]
    public async Task Only_admins_reach_the_settings(string role)
    {
        using var member = await app.SignInAsync(role);

        using var response = await member.GetAsync("/admin/settings");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
