using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;

namespace NewsCms.IntegrationTests.Admin;

public sealed class AccountTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    [Fact]
    public async Task The_configured_first_admin_signs_in_and_lands_on_the_article_list()
    {
        using var session = await AdminSession.SignInAsync(app, AdminFactory.AdminEmail, AdminFactory.AdminPassword);

        var list = await session.GetDocumentAsync("/admin/articles");

        Assert.Equal("Articles", list.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("(Admin)", list.QuerySelector(".admin-role")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_pages_send_anonymous_visitors_to_the_login_page()
    {
        using var client = AdminSession.NewClient(app);

        var response = await client.GetAsync("/admin/articles", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_cookie_is_http_only_secure_and_limited_to_the_admin()
    {
        var (email, password, _) = await app.CreateUserAsync(Roles.Writer);
        using var session = new AdminSession(AdminSession.NewClient(app));

        var response = await session.LoginAsync(email, password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newscms_admin=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/admin", attributes);
    }

    [Fact]
    public async Task Unknown_address_and_wrong_password_get_the_same_answer()
    {
        var (email, _, _) = await app.CreateUserAsync(Roles.Writer);
        using var session = new AdminSession(AdminSession.NewClient(app));

        var wrongPassword = await session.LoginAsync(email, "not the right password at all");
        var unknown = await session.LoginAsync("nobody-" + email, "not the right password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var first = (await AdminSession.ReadAsync(wrongPassword)).QuerySelector(".error-summary li")!.TextContent.Trim();
        var second = (await AdminSession.ReadAsync(unknown)).QuerySelector(".error-summary li")!.TextContent.Trim();
        Assert.Equal(first, second);
        Assert.Equal(NewsCms.Web.Areas.Admin.Controllers.AccountController.LoginFailed, first);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_so_even_the_right_password_is_refused_until_the_lockout_ends()
    {
        var (email, password, _) = await app.CreateUserAsync(Roles.Writer);
        using var session = new AdminSession(AdminSession.NewClient(app));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await session.LoginAsync(email, $"wrong guess number {i}")).StatusCode);

        var locked = await session.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);

        // Identity times lockouts by the wall clock, not by TimeProvider: check the end it recorded.
        var end = await app.WithScopeAsync(async s =>
            (await s.GetRequiredService<UserManager<NewsUser>>().FindByEmailAsync(email))!.LockoutEnd);
        Assert.InRange(end!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Logout_ends_the_session_even_for_a_kept_copy_of_the_cookie()
    {
        using var session = await app.SignInAsync(Roles.Editor);
        var copied = session.AuthCookie!;
        var page = await session.GetDocumentAsync("/admin/articles");

        var response = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action='/admin/logout']")!);

        Assert.Equal("/admin/login", response.Headers.Location!.OriginalString);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(copied, "/admin/articles")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_other_sessions_but_keeps_this_one()
    {
        var (email, password, _) = await app.CreateUserAsync(Roles.Writer);
        using var laptop = await AdminSession.SignInAsync(app, email, password);
        using var phone = await AdminSession.SignInAsync(app, email, password);
        var form = (await laptop.GetDocumentAsync("/admin/account/password")).QuerySelector<IHtmlFormElement>("main form")!;

        var response = await laptop.SubmitAsync(form, new()
        {
            ["CurrentPassword"] = password,
            ["NewPassword"] = "a brand new passphrase for the laptop",
            ["ConfirmPassword"] = "a brand new passphrase for the laptop",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The stamp is checked on every request after the one that issued the cookie.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/admin/articles")).StatusCode);
        var phoneAnswer = await phone.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, phoneAnswer.StatusCode);
        Assert.Equal("/admin/login", phoneAnswer.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_next_to_the_field()
    {
        using var session = await app.SignInAsync(Roles.Writer);
        var form = (await session.GetDocumentAsync("/admin/account/password")).QuerySelector<IHtmlFormElement>("main form")!;

        var response = await session.SubmitAsync(form, new()
        {
            ["CurrentPassword"] = "correct horse staple battery",
            ["NewPassword"] = "password1234",
            ["ConfirmPassword"] = "password1234",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await AdminSession.ReadAsync(response);
        var input = page.QuerySelector("#NewPassword")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("NewPassword-error", input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Contains("too common", page.QuerySelector("#NewPassword-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var session = await app.SignInAsync(Roles.Editor);
        using var content = new FormUrlEncodedContent([new("Headline", "Forged")]);

        var response = await session.Client.PostAsync("/admin/articles/new", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_user_with_a_generated_password_shown_once_and_that_user_signs_in()
    {
        using var admin = await AdminSession.SignInAsync(app, AdminFactory.AdminEmail, AdminFactory.AdminPassword);
        var form = (await admin.GetDocumentAsync("/admin/users/new")).QuerySelector<IHtmlFormElement>("main form")!;
        var email = $"new-writer-{Guid.NewGuid():N}@newsroom.test";

        var response = await admin.SubmitAsync(form, new() { ["DisplayName"] = "Nadia Holm", ["Email"] = email, ["Role"] = Roles.Writer });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = (await AdminSession.ReadAsync(response)).QuerySelector("#generated_password")!.TextContent.Trim();
        using var writer = await AdminSession.SignInAsync(app, email, password);
        Assert.Contains("Nadia Holm (Writer)", (await writer.GetDocumentAsync("/admin/articles")).QuerySelector(".admin-role")!.TextContent,
            StringComparison.Ordinal);

        // The account came with the byline it signs with: new drafts carry it, and its bio is theirs to write.
        var profileId = await app.WithScopeAsync(async s =>
        {
            var userId = s.GetRequiredService<UserManager<NewsUser>>().Users.Single(u => u.Email == email).Id;
            return await s.GetRequiredService<NewsCms.Authors.AuthorService>().ProfileIdForAsync(userId, TestContext.Current.CancellationToken);
        });
        Assert.NotNull(profileId);
        var draft = await writer.GetDocumentAsync("/admin/articles/new");
        Assert.Contains(profileId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            draft.QuerySelectorAll("#article_form [name=AuthorIds]").Select(e => e.GetAttribute("value")));
        var profile = (await writer.GetDocumentAsync($"/admin/authors/{profileId}")).QuerySelector<IHtmlFormElement>($"form[action='/admin/authors/{profileId}']")!;
        Assert.Equal("Nadia Holm", profile.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync(profile, new() { ["Bio"] = "Covers the courts." })).StatusCode);
    }

    [Fact]
    public async Task A_new_user_with_a_bad_address_keeps_what_was_typed_and_is_told_why()
    {
        using var admin = await AdminSession.SignInAsync(app, AdminFactory.AdminEmail, AdminFactory.AdminPassword);
        var form = (await admin.GetDocumentAsync("/admin/users/new")).QuerySelector<IHtmlFormElement>("main form")!;

        var response = await admin.SubmitAsync(form, new() { ["DisplayName"] = "Ola Berg", ["Email"] = "ola at newsroom" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await AdminSession.ReadAsync(response);
        Assert.Equal("Ola Berg", page.QuerySelector<IHtmlInputElement>("#DisplayName")!.Value);
        Assert.NotNull(page.QuerySelector("#Email-error"));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_session_and_refuses_their_next_sign_in()
    {
        var (email, password, id) = await app.CreateUserAsync(Roles.Writer);
        using var writer = await AdminSession.SignInAsync(app, email, password);
        using var admin = await AdminSession.SignInAsync(app, AdminFactory.AdminEmail, AdminFactory.AdminPassword);
        var users = await admin.GetDocumentAsync("/admin/users");

        await admin.SubmitAsync(users.QuerySelector<IHtmlFormElement>($"form[action='/admin/users/{id}/disable']")!);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await writer.GetAsync("/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.LoginAsync(email, password)).StatusCode);
    }

    [Fact]
    public async Task Writers_and_editors_cannot_open_the_users_page()
    {
        foreach (var role in new[] { Roles.Writer, Roles.Editor })
        {
            using var session = await app.SignInAsync(role);
            var response = await session.GetAsync("/admin/users");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/denied", response.Headers.Location!.AbsolutePath);
        }
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var client = AdminSession.NewClient(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
