using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Admin;

public sealed class AuthorsAdminTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Editor = new("Test editor", null, Roles.Editor);

    // A name no other test in the class uses, so its slug is free.
    private static string UniqueName(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    // The Users page links a new account to its byline; these tests link existing ones directly.
    private Task<AuthorView> AuthorAsync(string name, string? userId = null) => app.WithScopeAsync(async s =>
    {
        var created = await s.GetRequiredService<AuthorService>().CreateAsync(new AuthorInput(UniqueName(name)), Editor, Ct);
        if (userId is null) return created;
        await s.GetRequiredService<NewsCmsDbContext>().Authors.Where(a => a.Id == created.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, userId), Ct);
        return created with { UserId = userId };
    });

    private Task<AuthorView> StoredAsync(int id) => app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().GetAsync(id, Ct));

    // An author page is public from the author's first published article.
    internal static Task<ArticleDetail> PublishAsync(AdminFactory app, ArticleInput input) => app.WithScopeAsync(async s =>
    {
        var articles = s.GetRequiredService<ArticleService>();
        var draft = await articles.CreateAsync(input, Editor, Ct);
        return await articles.PublishAsync(draft.Id, draft.Version, Editor, Ct);
    });

    // A reader's request, with no admin cookie; the output cache marks what it served with Age.
    internal static async Task<(IDocument Page, bool FromCache)> ReadPublicAsync(AdminFactory app, string path)
    {
        using var reader = app.CreateClient();
        using var response = await reader.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AdminSession.ReadAsync(response), response.Headers.Age is not null);
    }

    private static IHtmlFormElement Form(IDocument page) => page.QuerySelector<IHtmlFormElement>("main form.stack")!;

    private static Task<HttpResponseMessage> SaveAsync(AdminSession member, IDocument page, Dictionary<string, string> changes) =>
        member.SubmitAsync(Form(page), changes);

    internal static void AssertRefused(IDocument page, string field, string message)
    {
        var input = page.GetElementById(field)!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains($"{field}-error", input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal(message, page.GetElementById($"{field}-error")!.TextContent.Trim());
        Assert.Contains($"#{field}", page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_new_account_takes_the_unlinked_byline_of_its_name_or_gets_one_with_a_free_slug()
    {
        var admin = new Actor("Test admin", null, Roles.Admin);
        var name = UniqueName("Ines Vale");
        var imported = await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().CreateAsync(new AuthorInput(name), Editor, Ct));

        var first = await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().LinkProfileAsync("user-one", name, admin, Ct));
        var again = await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().LinkProfileAsync("user-one", name, admin, Ct));
        var namesake = await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().LinkProfileAsync("user-two", name, admin, Ct));

        Assert.Equal(imported.Id, first.Id);
        Assert.Equal("user-one", first.UserId);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, namesake.Id);
        Assert.Equal(imported.Slug + "-2", namesake.Slug);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.WithScopeAsync(s =>
            s.GetRequiredService<AuthorService>().LinkProfileAsync("user-three", name, Editor, Ct)));
    }

    [Fact]
    public async Task An_editor_adds_an_author_and_the_bio_written_later_shows_on_the_author_page()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var name = UniqueName("Lena Okafor");

        var list = await editor.FollowAsync(await SaveAsync(editor, await editor.GetDocumentAsync("/admin/authors/new"),
            new() { ["Name"] = name, ["JobTitle"] = "Energy reporter" }));

        var author = (await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>().ListAsync(Ct))).Single(a => a.Name == name);
        Assert.Equal(Slugs.From(name), author.Slug);
        Assert.Equal($"{name} is added and can be chosen in an article's byline.", list.QuerySelector("main .notice")!.TextContent.Trim());
        var row = list.QuerySelector($"tr.author[data-author-id='{author.Id}']")!;
        Assert.Equal($"/admin/authors/{author.Id}", row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal([author.Slug, "Energy reporter"], row.QuerySelectorAll("td").Take(2).Select(td => td.TextContent.Trim()));
        // No public page until the first published article: no link to a 404.
        Assert.Null(row.QuerySelector("td a"));
        Assert.Contains("first published article", row.QuerySelectorAll("td").Last().TextContent, StringComparison.Ordinal);
        Assert.Contains("/admin/authors", AdminOnlyPages.NavLinks(list));

        await PublishAsync(app, new ArticleBuilder().Headline("Grid rules change").By(author));
        var published = (await editor.GetDocumentAsync("/admin/authors")).QuerySelector($"tr.author[data-author-id='{author.Id}']")!;
        Assert.Equal($"/authors/{author.Slug}", published.QuerySelector("td a")!.GetAttribute("href"));
        var edit = await editor.GetDocumentAsync($"/admin/authors/{author.Id}");
        Assert.Equal(name, edit.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        await editor.FollowAsync(await SaveAsync(editor, edit, new() { ["Bio"] = "Lena covers the energy transition from Kessel." }));

        var (page, _) = await ReadPublicAsync(app, $"/authors/{author.Slug}");
        Assert.Equal("Lena covers the energy transition from Kessel.", page.QuerySelector(".author-profile__bio")!.TextContent.Trim());
        Assert.Equal("Energy reporter", page.QuerySelector(".author-profile__title")!.TextContent.Trim());
    }

    [Fact]
    public async Task Refused_author_fields_get_their_message_beside_them_with_422_and_what_was_typed()
    {
        var author = await AuthorAsync("Mara Ellison");
        var other = await AuthorAsync("Tomas Berg");
        using var editor = await app.SignInAsync(Roles.Editor);
        var edit = await editor.GetDocumentAsync($"/admin/authors/{author.Id}");

        using var empty = await SaveAsync(editor, edit, new() { ["Name"] = "  ", ["Bio"] = "A bio worth keeping." });
        var page = await AdminSession.ReadAsync(empty);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        AssertRefused(page, "Name", "Name is required.");
        Assert.Equal("A bio worth keeping.", page.QuerySelector<IHtmlTextAreaElement>("#Bio")!.Value);
        Assert.Equal($"/authors/{author.Slug}", page.QuerySelector("main p a[href^='/authors/']")!.GetAttribute("href"));

        using var taken = await SaveAsync(editor, edit, new() { ["Slug"] = other.Slug, ["JobTitle"] = "Court reporter" });
        page = await AdminSession.ReadAsync(taken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        AssertRefused(page, "Slug", $"Another author already has the slug \"{other.Slug}\".");
        Assert.Equal(other.Slug, page.QuerySelector<IHtmlInputElement>("#Slug")!.Value);
        Assert.Equal("Court reporter", page.QuerySelector<IHtmlInputElement>("#JobTitle")!.Value);

        var longBio = new string('b', FieldLimits.Bio + 1);
        using var tooLong = await SaveAsync(editor, edit, new() { ["Name"] = "Mara Ellison-Ruiz", ["Bio"] = longBio });
        page = await AdminSession.ReadAsync(tooLong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        AssertRefused(page, "Bio", $"Bio must be at most {FieldLimits.Bio:N0} characters (it has {FieldLimits.Bio + 1:N0}).");
        Assert.Equal("Mara Ellison-Ruiz", page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal(longBio, page.QuerySelector<IHtmlTextAreaElement>("#Bio")!.Value);

        Assert.Equal(author, await StoredAsync(author.Id));

        using var duplicateNew = await SaveAsync(editor, await editor.GetDocumentAsync("/admin/authors/new"), new() { ["Name"] = other.Name });
        page = await AdminSession.ReadAsync(duplicateNew);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicateNew.StatusCode);
        AssertRefused(page, "Slug", $"Another author already has the slug \"{other.Slug}\".");
        Assert.Equal(other.Name, page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal("/admin/authors/new", Form(page).GetAttribute("action"));
    }

    [Fact]
    public async Task A_writer_edits_their_own_profile_and_is_refused_someone_elses()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var own = await AuthorAsync("Wendy Writer", writer.Actor!.UserId);
        var colleague = await AuthorAsync("Colleague");

        var list = await writer.GetDocumentAsync("/admin/authors");
        Assert.NotNull(list.QuerySelector($"tr.author[data-author-id='{own.Id}'] th a[href='/admin/authors/{own.Id}']"));
        Assert.Null(list.QuerySelector($"tr.author[data-author-id='{colleague.Id}'] th a"));
        Assert.Contains("/admin/authors", AdminOnlyPages.NavLinks(list));
        Assert.DoesNotContain("/admin/tags", AdminOnlyPages.NavLinks(list));

        var edit = await writer.GetDocumentAsync($"/admin/authors/{own.Id}");
        await writer.FollowAsync(await SaveAsync(writer, edit, new() { ["Bio"] = "Wendy writes about rivers." }));
        Assert.Equal("Wendy writes about rivers.", (await StoredAsync(own.Id)).Bio);

        using var otherPage = await writer.GetAsync($"/admin/authors/{colleague.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, otherPage.StatusCode);
        Assert.Equal("Only an editor can change another person's author profile.",
            (await AdminSession.ReadAsync(otherPage)).QuerySelector("main h1 + p")!.TextContent.Trim());

        // The own profile's form, with its valid token, aimed at the colleague's profile.
        Form(edit).SetAttribute("action", $"/admin/authors/{colleague.Id}");
        using var otherSave = await SaveAsync(writer, edit, new() { ["Bio"] = "Not mine to write." });
        Assert.Equal(HttpStatusCode.Forbidden, otherSave.StatusCode);
        Assert.Null((await StoredAsync(colleague.Id)).Bio);

        using var missing = await writer.GetAsync("/admin/authors/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_renamed_authors_new_name_replaces_the_old_on_an_already_cached_article_page()
    {
        var author = await AuthorAsync("Ada Berg");
        var article = await PublishAsync(app, new ArticleBuilder().Headline("Dam talks resume").By(author));
        await ReadPublicAsync(app, article.Path!);
        var (before, cached) = await ReadPublicAsync(app, article.Path!);
        Assert.True(cached);
        Assert.Equal([author.Name], before.QuerySelectorAll("main article .byline .byline__name").Select(n => n.TextContent.Trim()));
        using var editor = await app.SignInAsync(Roles.Editor);

        var list = await editor.FollowAsync(await SaveAsync(editor, await editor.GetDocumentAsync($"/admin/authors/{author.Id}"),
            new() { ["Name"] = "Ada Berg-Lund" }));

        Assert.Equal("Ada Berg-Lund's profile is saved. The author page and their articles show it at once.", list.QuerySelector("main .notice")!.TextContent.Trim());
        var (after, _) = await ReadPublicAsync(app, article.Path!);
        Assert.Equal(["Ada Berg-Lund"], after.QuerySelectorAll("main article .byline .byline__name").Select(n => n.TextContent.Trim()));
        Assert.Equal(author.Slug, (await StoredAsync(author.Id)).Slug);
    }
}
