using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCms.Accounts;
using NewsCms.Articles;

namespace NewsCms.IntegrationTests.Admin;

// Each role against each workflow step, as DESIGN.md's roles table has them.
public sealed class WorkflowTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static readonly ArticleInput Draft = new() { Headline = "Harbour Reopens After the Storm", BodyMarkdown = "Boats are back." };

    private static IHtmlFormElement StepForm(IDocument page, string step) =>
        page.QuerySelector<IHtmlFormElement>($"form[action$='/{step}']")!;

    [Fact]
    public async Task A_writer_submits_their_draft_for_review_but_has_no_publish_button()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(writer.Actor!, Draft with { Headline = "Writer Draft " + Guid.NewGuid().ToString("N") });
        var page = await writer.GetDocumentAsync($"/admin/articles/{article.Id}");
        Assert.Null(StepForm(page, "publish"));

        var response = await writer.SubmitAsync(StepForm(page, "submit"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ArticleStatus.InReview, (await app.GetArticleAsync(article.Id)).Status);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("unpublish")]
    [InlineData("schedule")]
    public async Task A_writer_posting_an_editors_step_is_refused_and_nothing_changes(string step)
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(writer.Actor!, Draft with { Headline = $"Writer {step} {Guid.NewGuid():N}" });
        var page = await writer.GetDocumentAsync($"/admin/articles/{article.Id}");
        var form = StepForm(page, "submit");
        form.Action = $"/admin/articles/{article.Id}/{step}";

        var response = await writer.SubmitAsync(form, new() { ["publishAt"] = "2099-01-01T09:00" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/denied", response.Headers.Location!.AbsolutePath);
        var after = await app.GetArticleAsync(article.Id);
        Assert.Equal(ArticleStatus.Draft, after.Status);
        Assert.Equal(article.Version, after.Version);
    }

    [Fact]
    public async Task A_writer_cannot_save_another_writers_article()
    {
        using var owner = await app.SignInAsync(Roles.Writer);
        using var other = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(owner.Actor!, Draft with { Headline = "Owned " + Guid.NewGuid().ToString("N") });
        var page = await other.GetDocumentAsync($"/admin/articles/{article.Id}");
        Assert.NotNull(page.QuerySelector("main .trouble"));

        var response = await other.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#article_form")!, new() { ["Headline"] = "Taken over" }, "save");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(article.Headline, (await app.GetArticleAsync(article.Id)).Headline);
    }

    [Fact]
    public async Task An_editor_publishes_and_the_article_is_public_then_unpublishes_it()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var article = await app.CreateArticleAsync(editor.Actor!, Draft with { Headline = "Published " + Guid.NewGuid().ToString("N") });
        var page = await editor.GetDocumentAsync($"/admin/articles/{article.Id}");

        await editor.SubmitAsync(StepForm(page, "publish"));

        var published = await app.GetArticleAsync(article.Id);
        Assert.Equal(ArticleStatus.Published, published.Status);
        Assert.Equal(app.Clock.GetUtcNow(), published.PublishedAt);
        var reader = await app.GetDocumentAsync(published.Path!);
        Assert.Equal(published.Headline, reader.QuerySelector("main h1")!.TextContent.Trim());

        page = await editor.GetDocumentAsync($"/admin/articles/{article.Id}");
        await editor.SubmitAsync(StepForm(page, "unpublish"));
        Assert.Equal(ArticleStatus.Unpublished, (await app.GetArticleAsync(article.Id)).Status);
    }

    [Fact]
    public async Task Publishing_an_empty_article_is_refused_beside_the_body()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var article = await app.CreateArticleAsync(editor.Actor!, new ArticleInput { Headline = "Empty " + Guid.NewGuid().ToString("N") });
        var page = await editor.GetDocumentAsync($"/admin/articles/{article.Id}");

        var response = await editor.SubmitAsync(StepForm(page, "publish"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await AdminSession.ReadAsync(response);
        Assert.Contains("needs a body", refused.GetElementById("BodyMarkdown-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, (await app.GetArticleAsync(article.Id)).Status);
    }

    [Fact]
    public async Task A_scheduled_article_goes_live_by_itself_at_the_chosen_time()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var article = await app.CreateArticleAsync(editor.Actor!, Draft with { Headline = "Scheduled " + Guid.NewGuid().ToString("N") });
        var page = await editor.GetDocumentAsync($"/admin/articles/{article.Id}");
        // The site's time zone is UTC in tests; whole minutes, as a datetime-local field sends them.
        var now = app.Clock.GetUtcNow();
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(2);

        await editor.SubmitAsync(StepForm(page, "schedule"), new() { ["PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) });

        var scheduled = await app.GetArticleAsync(article.Id);
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        Assert.Equal(at, scheduled.ScheduledFor);

        app.Clock.Advance(at - now - TimeSpan.FromMinutes(1));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(ArticleStatus.Scheduled, (await app.GetArticleAsync(article.Id)).Status);

        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        var published = await WaitForAsync(article.Id, ArticleStatus.Published);
        Assert.Equal(at, published.PublishedAt);
    }

    [Fact]
    public async Task A_time_in_the_past_is_refused_beside_the_schedule_field_with_the_time_kept()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var article = await app.CreateArticleAsync(editor.Actor!, Draft with { Headline = "Late " + Guid.NewGuid().ToString("N") });
        var page = await editor.GetDocumentAsync($"/admin/articles/{article.Id}");

        var response = await editor.SubmitAsync(StepForm(page, "schedule"), new() { ["PublishAt"] = "2001-02-03T04:05" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await AdminSession.ReadAsync(response);
        Assert.Equal("2001-02-03T04:05", refused.QuerySelector<IHtmlInputElement>("#PublishAt")!.Value);
        Assert.Contains("future", refused.GetElementById("PublishAt-error")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<ArticleDetail> WaitForAsync(int id, ArticleStatus status)
    {
        for (var i = 0; i < 100; i++)
        {
            var article = await app.GetArticleAsync(id);
            if (article.Status == status) return article;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"Article {id} did not become {status}.");
    }
}
