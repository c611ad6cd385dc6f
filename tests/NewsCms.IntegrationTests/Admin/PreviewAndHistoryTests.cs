using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Admin;

public sealed class PreviewAndHistoryTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static readonly ArticleInput Explainer = new()
    {
        Headline = "What the Ferry Strike Means",
        Kind = ArticleKind.Explainer,
        BodyMarkdown = "Ferries stopped at dawn.",
        Sections = [new QaSectionInput("Who is striking?", "The crews.")],
    };

    [Fact]
    public async Task A_signed_in_journalist_previews_a_draft_as_the_public_page_renders_it()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(writer.Actor!, Explainer with { Headline = "Draft " + Guid.NewGuid().ToString("N") });

        using var response = await writer.GetAsync($"/admin/articles/{article.Id}/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        var page = await AdminSession.ReadAsync(response);
        Assert.Equal(article.Headline, page.QuerySelector("main article h1")!.TextContent.Trim());
        Assert.Equal("who-is-striking", page.QuerySelector("main article section.qa > h2")!.Id);
        Assert.NotNull(page.QuerySelector("header.site-header"));
    }

    [Fact]
    public async Task A_preview_link_opens_the_draft_for_anyone_until_it_is_revoked()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(writer.Actor!, Explainer with { Headline = "Shared " + Guid.NewGuid().ToString("N") });
        var url = await CreateLinkAsync(writer, article.Id);

        using var anonymous = app.CreateClient();
        using var opened = await anonymous.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("noindex, nofollow", opened.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal(article.Headline, (await AdminSession.ReadAsync(opened)).QuerySelector("main article h1")!.TextContent.Trim());

        var page = await writer.GetDocumentAsync($"/admin/articles/{article.Id}");
        await writer.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action$='/revoke']")!);

        using var revoked = await anonymous.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
    }

    [Fact]
    public async Task A_preview_link_stops_working_when_it_expires()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(writer.Actor!, Explainer with { Headline = "Expiring " + Guid.NewGuid().ToString("N") });
        var url = await CreateLinkAsync(writer, article.Id, hours: "24");
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Unknown_preview_tokens_are_not_found()
    {
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync("/preview/not-a-real-token", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task History_lists_every_save_and_the_diff_marks_the_changed_words()
    {
        using var editor = await app.SignInAsync(Roles.Editor, "Eva Strand");
        var article = await app.CreateArticleAsync(editor.Actor!, Explainer with { Headline = "Ferry Crews Walk Out " + Guid.NewGuid().ToString("N")[..6] });
        await SaveAsync(editor, article.Id, new() { ["Headline"] = "Ferry Crews Return", ["Sections[0].AnswerMarkdown"] = "The crews and the captains." });

        var history = await editor.GetDocumentAsync($"/admin/articles/{article.Id}/history");
        var rows = history.QuerySelectorAll("main table tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Equal("Eva Strand", r.Children[2].TextContent.Trim()));

        var diff = await editor.GetDocumentAsync($"/admin/articles/{article.Id}/diff?from=1&to=2");
        var fields = diff.QuerySelectorAll(".diff-field h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Headline", "Questions"], fields);
        var headline = diff.QuerySelectorAll(".diff-field")[0];
        Assert.Contains("Return", headline.QuerySelectorAll("ins").Select(i => i.TextContent).Single(), StringComparison.Ordinal);
        Assert.Contains("Walk", string.Concat(headline.QuerySelectorAll("del").Select(d => d.TextContent)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_revision_saves_its_content_as_a_new_version()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var original = "Ferry Talks Resume " + Guid.NewGuid().ToString("N")[..6];
        var article = await app.CreateArticleAsync(editor.Actor!, Explainer with { Headline = original });
        await SaveAsync(editor, article.Id, new() { ["Headline"] = "Ferry Talks Collapse" });
        var history = await editor.GetDocumentAsync($"/admin/articles/{article.Id}/history");

        var response = await editor.SubmitAsync(history.QuerySelector<IHtmlFormElement>("#restore_1")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var restored = await app.GetArticleAsync(article.Id);
        Assert.Equal(original, restored.Headline);
        Assert.Equal(3, restored.Version);
        var latest = (await editor.GetDocumentAsync($"/admin/articles/{article.Id}/history")).QuerySelector("main table tbody tr")!;
        Assert.Equal("restored revision 1", latest.Children[3].TextContent.Trim());
    }

    private static async Task SaveAsync(AdminSession session, int id, Dictionary<string, string> changes)
    {
        var page = await session.GetDocumentAsync($"/admin/articles/{id}");
        var response = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#article_form")!, changes, "save");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> CreateLinkAsync(AdminSession session, int id, string hours = "168")
    {
        var page = await session.GetDocumentAsync($"/admin/articles/{id}");
        var response = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"form[action='/admin/articles/{id}/links']")!,
            new() { ["expiresInHours"] = hours });
        var after = await session.FollowAsync(response);
        var url = new Uri(after.QuerySelector<IHtmlInputElement>("#new_preview_link")!.Value);
        Assert.StartsWith("/preview/", url.AbsolutePath, StringComparison.Ordinal);
        return url.AbsolutePath;
    }
}
