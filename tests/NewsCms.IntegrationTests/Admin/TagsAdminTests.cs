using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Common;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Tags;

namespace NewsCms.IntegrationTests.Admin;

public sealed class TagsAdminTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Editor = new("Test editor", null, Roles.Editor);

    private Task<TagSummary> TagAsync(string name) => app.WithScopeAsync(s =>
        s.GetRequiredService<TagService>().CreateAsync(new TagInput($"{name} {Guid.NewGuid():N}"[..(name.Length + 9)]), Editor, Ct));

    private Task<TagSummary> StoredAsync(int id) => app.WithScopeAsync(s => s.GetRequiredService<TagService>().GetAsync(id, Ct));

    private static IHtmlFormElement Form(IDocument page) => page.QuerySelector<IHtmlFormElement>("main form.stack")!;

    private static IEnumerable<string?> Keywords(IDocument page) =>
        page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(script => JsonDocument.Parse(script.TextContent).RootElement)
            .Where(json => json.ValueKind == JsonValueKind.Object && json.TryGetProperty("keywords", out _))
            .SelectMany(json => json.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));

    [Fact]
    public async Task An_editor_adds_a_tag_and_the_list_shows_it_with_its_published_articles()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var name = $"Drought {Guid.NewGuid():N}"[..16];

        var list = await editor.FollowAsync(await editor.SubmitAsync(Form(await editor.GetDocumentAsync("/admin/tags/new")),
            new() { ["Name"] = name, ["Description"] = "Dry years and what they cost." }));

        var tag = (await app.WithScopeAsync(s => s.GetRequiredService<TagService>().ListAsync(Ct))).Single(t => t.Name == name);
        Assert.Equal("Dry years and what they cost.", tag.Description);
        Assert.Equal($"The tag {name} is added.", list.QuerySelector("main .notice")!.TextContent.Trim());
        Assert.Contains("/admin/tags", AdminOnlyPages.NavLinks(list));

        await AuthorsAdminTests.PublishAsync(app, new ArticleBuilder().Headline("Wells run dry").Tagged(name));
        list = await editor.GetDocumentAsync("/admin/tags");
        var row = list.QuerySelector($"tr.tag[data-tag-id='{tag.Id}']")!;
        Assert.Equal($"/admin/tags/{tag.Id}", row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(tag.Slug, row.QuerySelector("td code")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector(".tag-count")!.TextContent.Trim());
        Assert.Equal($"/tags/{tag.Slug}", row.QuerySelector("td a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_renamed_tag_shows_on_its_cached_page_and_in_a_cached_articles_metadata()
    {
        var tag = await TagAsync("Water");
        var article = await AuthorsAdminTests.PublishAsync(app, new ArticleBuilder().Headline("Dam talks resume").Tagged(tag.Name));
        await AuthorsAdminTests.ReadPublicAsync(app, article.Path!);
        await AuthorsAdminTests.ReadPublicAsync(app, $"/tags/{tag.Slug}");
        Assert.True((await AuthorsAdminTests.ReadPublicAsync(app, article.Path!)).FromCache);
        Assert.True((await AuthorsAdminTests.ReadPublicAsync(app, $"/tags/{tag.Slug}")).FromCache);
        using var editor = await app.SignInAsync(Roles.Editor);

        var edit = await editor.GetDocumentAsync($"/admin/tags/{tag.Id}");
        Assert.Equal(tag.Name, edit.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        var list = await editor.FollowAsync(await editor.SubmitAsync(Form(edit),
            new() { ["Name"] = "Water supply", ["Description"] = "Reservoirs, rivers and the pipes between." }));

        Assert.Equal("The tag Water supply is saved. Its page and the articles carrying it show it at once.", list.QuerySelector("main .notice")!.TextContent.Trim());
        var (tagPage, _) = await AuthorsAdminTests.ReadPublicAsync(app, $"/tags/{tag.Slug}");
        Assert.Equal("Water supply", tagPage.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Reservoirs, rivers and the pipes between.", tagPage.QuerySelector(".listing-header__description")!.TextContent.Trim());
        var (articlePage, _) = await AuthorsAdminTests.ReadPublicAsync(app, article.Path!);
        Assert.Equal(["Water supply"], Keywords(articlePage));
    }

    [Fact]
    public async Task Refused_tag_fields_get_their_message_beside_them_with_422_and_what_was_typed()
    {
        var tag = await TagAsync("Courts");
        var other = await TagAsync("Prisons");
        using var editor = await app.SignInAsync(Roles.Editor);
        var edit = await editor.GetDocumentAsync($"/admin/tags/{tag.Id}");

        using var refused = await editor.SubmitAsync(Form(edit), new() { ["Name"] = "", ["Slug"] = "Not A Slug!", ["Description"] = "Kept." });
        var page = await AdminSession.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        AuthorsAdminTests.AssertRefused(page, "Name", "Name is required.");
        Assert.Equal("Kept.", page.QuerySelector<IHtmlTextAreaElement>("#Description")!.Value);
        Assert.Equal("Not A Slug!", page.QuerySelector<IHtmlInputElement>("#Slug")!.Value);

        using var taken = await editor.SubmitAsync(Form(edit), new() { ["Slug"] = other.Slug, ["Name"] = "Courts and judges" });
        page = await AdminSession.ReadAsync(taken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        AuthorsAdminTests.AssertRefused(page, "Slug", $"Another tag already has the slug \"{other.Slug}\".");
        Assert.Equal("Courts and judges", page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal($"/tags/{tag.Slug}", page.QuerySelector("main p a[href^='/tags/']")!.GetAttribute("href"));

        Assert.Equal(tag, await StoredAsync(tag.Id));
    }

    [Fact]
    public async Task A_writer_cannot_reach_the_tag_pages()
    {
        var tag = await TagAsync("Elections");
        using var writer = await app.SignInAsync(Roles.Writer);

        await AdminOnlyPages.AssertTurnedAwayAsync(writer, ["/admin/tags", "/admin/tags/new", $"/admin/tags/{tag.Id}"],
            ["/admin/tags/new", $"/admin/tags/{tag.Id}"]);

        Assert.DoesNotContain("/admin/tags", AdminOnlyPages.NavLinks(await writer.GetDocumentAsync("/admin/articles")));
        Assert.Equal(tag, await StoredAsync(tag.Id));
    }
}
