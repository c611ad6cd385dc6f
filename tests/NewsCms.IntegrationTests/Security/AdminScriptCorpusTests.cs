using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.IntegrationTests.Admin;
using NewsCms.Media;
using NewsCms.Tests.Media;
using SkiaSharp;
using static NewsCms.IntegrationTests.Security.ScriptCorpusTests;

namespace NewsCms.IntegrationTests.Security;

// The same corpus as ScriptCorpusTests, typed by a journalist into the admin's forms: the article
// editor (every text field, a new byline by name, the live preview), the photo's credit form, the
// byline's author profile (job title, bio) and the tag's page (description).
// Every admin page that echoes the text back, the stored HTML and the published page carry it as
// text only.
public sealed class AdminScriptCorpusTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    [Fact]
    public async Task Payloads_typed_into_the_admin_reach_pages_and_storage_as_text_only()
    {
        using var editor = await app.SignInAsync(Roles.Editor);
        var photo = await app.WithScopeAsync(s => s.GetRequiredService<MediaService>().UploadAsync(
            new MemoryStream(TestImages.Png(1200, 800, SKColors.DarkOliveGreen)), "corpus.png",
            new MediaInput { AltText = "A field", CreditLine = "Desk" }, NewsroomActor(editor), TestContext.Current.CancellationToken));
        var failures = new List<string>();

        for (var n = 0; n < Payloads.Count; n++)
        {
            var payload = Payloads[n];
            var mediaForm = (await editor.GetDocumentAsync($"/admin/media/{photo.Id}")).QuerySelector<IHtmlFormElement>($"form[action='/admin/media/{photo.Id}']")!;
            using (var media = await editor.SubmitAsync(mediaForm, new()
            {
                ["AltText"] = payload, ["DefaultCaption"] = payload, ["CreditLine"] = payload,
                ["Photographer"] = Cut(payload, 200), ["Source"] = Cut(payload, 200), ["CopyrightNotice"] = payload,
            }))
            {
                if (media.StatusCode != HttpStatusCode.Redirect)
                    failures.Add($"payload {n}: the photo form answered {(int)media.StatusCode}");
                else failures.AddRange(AdminDangers(await editor.FollowAsync(media)).Select(d => $"payload {n} on the photo page: {d}"));
            }

            var fields = new Dictionary<string, string>
            {
                ["Headline"] = $"Admin story {n} {Cut(payload, 270)}",
                ["Dek"] = payload,
                ["Kind"] = ((int)ArticleKind.Explainer).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["BodyMarkdown"] = $"Before.\n\n{payload}\n\nAfter with {payload} inline.",
                ["Sections[0].Question"] = $"Q {Cut(payload, 480)}",
                ["Sections[0].AnswerMarkdown"] = payload,
                ["Attributions[0].Text"] = payload,
                ["Attributions[0].Organization"] = Cut(payload, 200),
                ["Tags"] = $"Admin tag {n} {Cut(payload, 80)}",
                ["LeadImage.MediaId"] = photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LeadImage.Caption"] = payload,
                ["NewAuthorName"] = $"Byline {n} {Cut(payload, 100)}",
            };
            var form = (await editor.GetDocumentAsync("/admin/articles/new")).QuerySelector<IHtmlFormElement>("#article_form")!;

            // The byline added by name and the live preview both answer with the form, echoing everything.
            var withAuthor = await PressAsync(editor, form, fields, "AuthorIds:add-new", failures, $"payload {n} adding the byline");
            if (withAuthor is null) continue;
            var previewed = await PressAsync(editor, Editor(withAuthor), [], "BodyPreview", failures, $"payload {n} previewing");
            if (previewed is null) continue;
            failures.AddRange(AdminDangers(previewed).Select(d => $"payload {n} in the editor with its preview: {d}"));
            if (previewed.GetElementById("body_preview") is null) failures.Add($"payload {n}: no preview shown");

            using var saved = await editor.SubmitAsync(Editor(previewed), button: "save");
            if (saved.StatusCode != HttpStatusCode.Redirect)
            {
                var refused = await AdminSession.ReadAsync(saved);
                failures.Add($"payload {n}: the save answered {(int)saved.StatusCode}: {refused.QuerySelector(".error-summary")?.TextContent.Trim()}");
                continue;
            }
            failures.AddRange(AdminDangers(await editor.FollowAsync(saved)).Select(d => $"payload {n} on the saved editor: {d}"));
            var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

            var stored = await app.GetArticleAsync(id);

            // The byline's profile and the tag, edited on their own admin pages.
            var bylineId = stored.Bylines.Single().AuthorId;
            await EditAsync(editor, $"/admin/authors/{bylineId}", new() { ["JobTitle"] = Cut(payload, 200), ["Bio"] = payload }, failures, $"payload {n}, author profile");
            await EditAsync(editor, $"/admin/tags/{stored.Tags[0].Id}", new() { ["Description"] = payload }, failures, $"payload {n}, tag");
            failures.AddRange(new[] { stored.BodyHtml, stored.Sections[0].AnswerHtml }
                .SelectMany(html => StoredDangers(html)).Select(d => $"payload {n} stored: {d}"));

            var published = await app.WithScopeAsync(s => s.GetRequiredService<ArticleService>()
                .PublishAsync(id, stored.Version, NewsroomActor(editor), TestContext.Current.CancellationToken));
            var page = await app.GetDocumentAsync(published.Path!);
            failures.AddRange(Dangers(page).Select(d => $"payload {n} on the article: {d}"));
            failures.AddRange(JsonLdProblems(page, published.Headline).Select(d => $"payload {n} in JSON-LD: {d}"));
            foreach (var listing in new[] { "/authors/" + published.Bylines[0].Slug, "/tags/" + published.Tags[0].Slug })
                failures.AddRange(Dangers(await app.GetDocumentAsync(listing)).Select(d => $"payload {n} on {listing}: {d}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)));
    }

    private static IHtmlFormElement Editor(IDocument page) => page.QuerySelector<IHtmlFormElement>("#article_form")!;

    private static NewsCms.Common.Actor NewsroomActor(AdminSession session) => session.Actor!;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static async Task<IDocument?> PressAsync(AdminSession session, IHtmlFormElement form, Dictionary<string, string> changes,
        string button, List<string> failures, string what)
    {
        using var response = await session.SubmitAsync(form, changes, button);
        var page = await AdminSession.ReadAsync(response);
        if (response.StatusCode == HttpStatusCode.OK) return page;
        failures.Add($"{what}: {(int)response.StatusCode} {page.QuerySelector(".error-summary")?.TextContent.Trim()}");
        return null;
    }

    // Opens an edit page, submits it with the changes, and reads the list it returns to.
    private static async Task EditAsync(AdminSession session, string path, Dictionary<string, string> changes, List<string> failures, string what)
    {
        var form = (await session.GetDocumentAsync(path)).QuerySelector<IHtmlFormElement>($"form[action='{path}']")!;
        failures.AddRange(AdminDangers(await session.GetDocumentAsync(path)).Select(d => $"{what} before the edit: {d}"));
        using var response = await session.SubmitAsync(form, changes);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var refused = await AdminSession.ReadAsync(response);
            failures.Add($"{what}: {(int)response.StatusCode} {refused.QuerySelector(".error-summary")?.TextContent.Trim()}");
            return;
        }
        failures.AddRange(AdminDangers(await session.FollowAsync(response)).Select(d => $"{what}, the list after the save: {d}"));
        failures.AddRange(AdminDangers(await session.GetDocumentAsync(path)).Select(d => $"{what}, its page after the save: {d}"));
    }

    // The admin's pages are forms by design; everything else Dangers looks for still counts.
    private static IEnumerable<string> AdminDangers(IDocument page) =>
        Dangers(page).Where(d => d != "<form> in the content");

    // What the sanitiser stored, read as a browser would read it.
    private static IEnumerable<string> StoredDangers(string html)
    {
        var document = AdminFactory.ParseAsync($"<!doctype html><html><body><main>{html}</main></body></html>").GetAwaiter().GetResult();
        return Dangers(document);
    }
}
