using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCms.Accounts;
using NewsCms.Articles;

namespace NewsCms.IntegrationTests.Admin;

public sealed class EditorTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static IHtmlFormElement Editor(IDocument page) => page.QuerySelector<IHtmlFormElement>("#article_form")!;

    [Fact]
    public async Task A_writer_builds_an_explainer_with_the_list_buttons_alone_and_saves_it()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/articles/new");

        page = await PressAsync(writer, page, "Sections:add", new()
        {
            ["Headline"] = "What the New Grid Rules Mean",
            ["Kind"] = ((int)ArticleKind.Explainer).ToString(),
            ["BodyMarkdown"] = "The grid operator has new rules.",
        });
        Assert.True(page.QuerySelector("#Sections_0__Question")!.HasAttribute("autofocus"));
        page = await PressAsync(writer, page, "Sections:add", new() { ["Sections[0].Question"] = "Who wrote the rules?", ["Sections[0].AnswerMarkdown"] = "The regulator." });
        page = await PressAsync(writer, page, "Attributions:add", new() { ["Sections[1].Question"] = "When do they start?", ["Sections[1].AnswerMarkdown"] = "In *May*." });
        page = await PressAsync(writer, page, "Sections:up:1", new() { ["Attributions[0].Text"] = "Wire Service contributed reporting." });

        // The moved question keeps the focus, on the button that is still there.
        Assert.True(page.QuerySelector("#Sections-0-down")!.HasAttribute("autofocus"));
        Assert.Equal("When do they start?", page.QuerySelector<IHtmlInputElement>("#Sections_0__Question")!.Value);
        Assert.Equal("Wire Service contributed reporting.", page.QuerySelector<IHtmlInputElement>("#Attributions_0__Text")!.Value);

        var saved = await writer.SubmitAsync(Editor(page), button: "save");
        var edit = await writer.FollowAsync(saved);

        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var article = await app.GetArticleAsync(id);
        Assert.Equal(["When do they start?", "Who wrote the rules?"], article.Sections.Select(s => s.Question));
        Assert.Equal(ArticleKind.Explainer, article.Kind);
        Assert.Equal("what-the-new-grid-rules-mean", article.Slug);
        Assert.Equal(writer.Actor!.UserId, article.CreatedByUserId);
        Assert.Equal("The draft is saved.", edit.QuerySelector(".notice")!.TextContent.Trim());
    }

    [Fact]
    public async Task Refused_fields_get_their_message_beside_them_and_the_form_keeps_what_was_typed()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/articles/new");
        page = await PressAsync(writer, page, "Sections:add", new() { ["BodyMarkdown"] = "A body worth keeping." });

        var response = await writer.SubmitAsync(Editor(page), new()
        {
            ["Headline"] = "",
            ["Sections[0].AnswerMarkdown"] = "An answer without its question.",
            ["OriginalUrl"] = "javascript:alert(1)",
        }, "save");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await AdminSession.ReadAsync(response);
        foreach (var field in new[] { "Headline", "Sections_0__Question", "OriginalUrl" })
        {
            var input = refused.GetElementById(field)!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            var error = refused.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ').Last())!;
            Assert.False(string.IsNullOrWhiteSpace(error.TextContent));
        }
        Assert.Equal("A body worth keeping.", refused.QuerySelector<IHtmlTextAreaElement>("#BodyMarkdown")!.Value);
        Assert.Equal("An answer without its question.", refused.QuerySelector<IHtmlTextAreaElement>("#Sections_0__AnswerMarkdown")!.Value);
        var summaryLinks = refused.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#Sections_0__Question", summaryLinks);
    }

    [Fact]
    public async Task A_stale_save_shows_both_versions_and_keeps_every_word_typed()
    {
        using var first = await app.SignInAsync(Roles.Editor);
        using var second = await app.SignInAsync(Roles.Editor);
        var article = await app.CreateArticleAsync(first.Actor!, new ArticleInput { Headline = "Council Votes on the Budget", BodyMarkdown = "The vote is today." });
        var firstPage = await first.GetDocumentAsync($"/admin/articles/{article.Id}");
        var secondPage = await second.GetDocumentAsync($"/admin/articles/{article.Id}");
        await first.SubmitAsync(Editor(firstPage), new() { ["Headline"] = "Council Passes the Budget" }, "save");

        var response = await second.SubmitAsync(Editor(secondPage), new() { ["BodyMarkdown"] = "My long paragraph about the vote, typed with care." }, "save");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await AdminSession.ReadAsync(response);
        Assert.Equal("My long paragraph about the vote, typed with care.", page.QuerySelector<IHtmlTextAreaElement>("#BodyMarkdown")!.Value);
        var changed = page.QuerySelectorAll(".conflict .diff-field h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Headline", "Body"], changed);
        Assert.Contains("Passes", page.QuerySelector(".conflict .diff-field del")!.TextContent, StringComparison.Ordinal);
        var current = await app.GetArticleAsync(article.Id);
        Assert.Equal(current.Version.ToString(), page.QuerySelector<IHtmlInputElement>("#Version")!.Value);

        // Saving again is a deliberate choice, and it goes through.
        var again = await second.SubmitAsync(Editor(page), button: "save");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("My long paragraph about the vote, typed with care.", (await app.GetArticleAsync(article.Id)).BodyMarkdown);
    }

    [Fact]
    public async Task The_live_preview_renders_through_the_saving_pipeline_and_strips_script()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/articles/new");
        var token = page.QuerySelector<IHtmlInputElement>("#article_form input[name='__RequestVerificationToken']")!.Value;
        using var content = new FormUrlEncodedContent([new("markdown", "## Heading\n\n[x](javascript:alert(1)) <script>alert(2)</script>"), new("__RequestVerificationToken", token)]);

        var response = await writer.Client.PostAsync("/admin/articles/render", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await AdminSession.ReadAsync(response);
        Assert.Equal("md-heading", html.QuerySelector("h2")!.Id);
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.Null(html.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_headline_and_pages_by_cursor()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var marker = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 27; i++)
            await app.CreateArticleAsync(editor.Actor!, new ArticleInput { Headline = $"Pager {marker} number {i}" });

        var first = await editor.GetDocumentAsync($"/admin/articles?q={marker}&status=Draft");
        var rows = first.QuerySelectorAll(".articles-table tbody tr");
        Assert.Equal(25, rows.Length);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await editor.GetDocumentAsync(next);
        Assert.Equal(2, second.QuerySelectorAll(".articles-table tbody tr").Length);
        var published = await editor.GetDocumentAsync($"/admin/articles?q={marker}&status=Published");
        Assert.Empty(published.QuerySelectorAll(".articles-table tbody tr"));
    }

    private static async Task<IDocument> PressAsync(AdminSession session, IDocument page, string button, Dictionary<string, string> changes)
    {
        var response = await session.SubmitAsync(Editor(page), changes, button);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AdminSession.ReadAsync(response);
    }
}
