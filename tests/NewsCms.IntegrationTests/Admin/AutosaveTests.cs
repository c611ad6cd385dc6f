using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCms.Accounts;
using NewsCms.Articles;

namespace NewsCms.IntegrationTests.Admin;

// The editor script's autosave endpoint: drafts only, and never over someone else's save.
public sealed class AutosaveTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    [Fact]
    public async Task Autosave_saves_a_draft_with_its_version_and_refuses_a_stale_one()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var article = await app.CreateArticleAsync(writer.Actor!, new ArticleInput { Headline = "Autosaved draft" });
        var page = await writer.GetDocumentAsync($"/admin/articles/{article.Id}");
        var form = page.QuerySelector<IHtmlFormElement>("#article_form")!;
        Assert.Equal($"/admin/articles/{article.Id}/autosave", form.GetAttribute("data-autosave"));
        form.Action = form.GetAttribute("data-autosave")!;

        var saved = await writer.SubmitAsync(form, new() { ["BodyMarkdown"] = "Typed, then autosaved." }, "save");
        var stale = await writer.SubmitAsync(form, new() { ["BodyMarkdown"] = "Typed in an old tab." }, "save");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var json = JsonDocument.Parse(await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(article.Version + 1, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Typed, then autosaved.", (await app.GetArticleAsync(article.Id)).BodyMarkdown);
    }
}
