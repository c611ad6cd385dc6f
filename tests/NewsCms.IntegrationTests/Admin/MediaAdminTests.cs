using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Media;
using NewsCms.Tests.Media;
using NewsCms.Web.Areas.Admin.Controllers;
using SkiaSharp;

namespace NewsCms.IntegrationTests.Admin;

// The media library pages: uploads with and without script, credits, where a photo is used,
// and who may delete it.
public sealed class MediaAdminTests(AdminFactory app) : IClassFixture<AdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Upload(string Name, byte[] Bytes, string Type = "image/jpeg");

    // A multipart post as the browser sends the plain upload form: its fields, then the files.
    private static async Task<HttpResponseMessage> PostUploadFormAsync(AdminSession session, IDocument page,
        Dictionary<string, string> changes, params Upload[] files)
    {
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/admin/media/upload']")!;
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in AdminSession.Fields(form).Where(f => !changes.ContainsKey(f.Key)).Concat(changes))
            content.Add(new StringContent(value), name);
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.Type);
            content.Add(part, "Files", file.Name);
        }
        return await session.Client.PostAsync("/admin/media/upload", content, Ct);
    }

    // What the upload page's script sends: one file, the token in a header.
    private static async Task<HttpResponseMessage> PostOneAsync(AdminSession session, Upload file, string? altText = null, bool withToken = true)
    {
        var page = await session.GetDocumentAsync("/admin/media/upload");
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(file.Type);
        content.Add(part, "file", file.Name);
        if (altText is not null) content.Add(new StringContent(altText), "altText");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload/one") { Content = content };
        if (withToken)
            request.Headers.Add("RequestVerificationToken", page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value);
        return await session.Client.SendAsync(request, Ct);
    }

    private Task<MediaView> UploadAsync(byte[] bytes, MediaInput input) =>
        app.WithScopeAsync(s => s.GetRequiredService<MediaService>().UploadAsync(new MemoryStream(bytes), "arranged.jpg", input,
            new NewsCms.Common.Actor("Arranger", null, Roles.Editor), Ct));

    private static byte[] Photo(SKColor color, int width = 700, int height = 400) => TestImages.Jpeg(width, height, color);

    private static IElement FieldError(IDocument page, string fieldId)
    {
        var input = page.GetElementById(fieldId)!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        return page.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ').Last())!;
    }

    [Fact]
    public async Task A_writer_uploads_several_photos_with_the_plain_form_and_the_file_credit_is_filled_in()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/media/upload");
        var tagged = TestImages.JpegWithIptc(Photo(SKColors.DarkCyan), (80, "Lena Ortiz"), (110, "Lena Ortiz / Coast Wire"), (115, "Coast Wire"), (116, "© 2026 Coast Wire"));

        var response = await PostUploadFormAsync(writer, page, new() { ["Source"] = "Harbour Desk" },
            new Upload("harbour.jpg", tagged), new Upload("dunes.png", TestImages.Png(300, 200, SKColors.SandyBrown), "image/png"));

        var library = await writer.FollowAsync(response);
        Assert.Equal("/admin/media", response.Headers.Location!.OriginalString);
        Assert.Contains("2 photos uploaded", library.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var cards = library.QuerySelectorAll(".media-card").ToList();
        var harbour = cards.Single(c => c.QuerySelector(".media-card__credit")?.TextContent == "Credit: Lena Ortiz / Coast Wire");
        Assert.StartsWith("/media/", harbour.QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal);

        var edit = await writer.GetDocumentAsync(harbour.QuerySelector("a.media-card__link")!.GetAttribute("href")!);
        Assert.Equal("Lena Ortiz", edit.QuerySelector<IHtmlInputElement>("#Photographer")!.Value);
        Assert.Equal("© 2026 Coast Wire", edit.QuerySelector<IHtmlInputElement>("#CopyrightNotice")!.Value);
        // Typed in the form for the whole upload, so it wins over the file's own source.
        Assert.Equal("Harbour Desk", edit.QuerySelector<IHtmlInputElement>("#Source")!.Value);
        Assert.Equal("", edit.QuerySelector<IHtmlTextAreaElement>("#AltText")!.Value);
    }

    [Fact]
    public async Task One_photo_through_the_plain_form_opens_its_page_to_describe_it()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/media/upload");

        var response = await PostUploadFormAsync(writer, page, [], new Upload("pier.jpg", Photo(SKColors.Coral)));

        var edit = await writer.FollowAsync(response);
        Assert.Matches("^/admin/media/\\d+$", response.Headers.Location!.OriginalString);
        Assert.Contains("alt text", edit.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("pier.jpg", edit.QuerySelector(".editor-meta .media-file-name")!.TextContent);
    }

    [Fact]
    public async Task Refused_files_are_named_beside_the_file_field_and_the_typed_credit_is_kept()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/media/upload");

        var response = await PostUploadFormAsync(writer, page, new() { ["CreditLine"] = "Field Desk" },
            new Upload("drawing.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "image/svg+xml"),
            new Upload("bomb.png", TestImages.PngClaiming(50_000, 50_000), "image/png"),
            new Upload("fine.jpg", Photo(SKColors.Olive)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await AdminSession.ReadAsync(response);
        var messages = FieldError(refused, "Files").TextContent;
        Assert.Contains("drawing.svg: The file is not a JPEG, PNG, WebP or GIF image", messages, StringComparison.Ordinal);
        Assert.Contains("bomb.png: The image is 50,000 x 50,000 pixels", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("fine.jpg", messages, StringComparison.Ordinal);
        Assert.Equal("Field Desk", refused.QuerySelector<IHtmlInputElement>("#CreditLine")!.Value);
        var uploaded = Assert.Single(refused.QuerySelectorAll(".notice li"));
        Assert.Contains("fine.jpg", uploaded.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, refused.QuerySelectorAll(".error-summary li").Length);
    }

    [Fact]
    public async Task No_file_too_long_a_credit_and_too_large_a_body_each_get_a_message()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/media/upload");

        var none = await PostUploadFormAsync(writer, page, new() { ["Photographer"] = "Kept Name" });
        var longCredit = await PostUploadFormAsync(writer, page, new() { ["CreditLine"] = new string('c', 301) }, new Upload("a.jpg", Photo(SKColors.Aqua)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        var nonePage = await AdminSession.ReadAsync(none);
        Assert.Equal("Choose one or more image files to upload.", FieldError(nonePage, "Files").TextContent.Replace("Error: ", "", StringComparison.Ordinal).Trim());
        Assert.Equal("Kept Name", nonePage.QuerySelector<IHtmlInputElement>("#Photographer")!.Value);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longCredit.StatusCode);
        Assert.Contains("at most 300 characters", FieldError(await AdminSession.ReadAsync(longCredit), "CreditLine").TextContent, StringComparison.Ordinal);

        // The declared length alone refuses it, before the body is read.
        using var huge = new ByteArrayContent([]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data") { Parameters = { new("boundary", "x") } };
        huge.Headers.ContentLength = MediaController.MaxFormBytes + 1;
        using var tooLarge = await writer.Client.PostAsync("/admin/media/upload", huge, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("upload fewer at once", FieldError(await AdminSession.ReadAsync(tooLarge), "Files").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_script_upload_answers_the_photo_or_the_reason_in_json_and_needs_the_token()
    {
        using var writer = await app.SignInAsync(Roles.Writer);

        using var created = await PostOneAsync(writer, new Upload("quay.jpg",
            TestImages.JpegWithIptc(Photo(SKColors.Tomato), (110, "Quay Pictures"))), altText: "Boats tied at the quay");
        using var svg = await PostOneAsync(writer, new Upload("x.svg", "<svg/>"u8.ToArray(), "image/svg+xml"));
        using var forged = await PostOneAsync(writer, new Upload("y.jpg", Photo(SKColors.Wheat)), withToken: false);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var photo = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Boats tied at the quay", photo.GetProperty("altText").GetString());
        Assert.Equal("Quay Pictures", photo.GetProperty("credit").GetString());
        Assert.Equal($"/admin/media/{photo.GetProperty("id").GetInt32()}", photo.GetProperty("editUrl").GetString());
        Assert.Matches("^/media/[0-9a-f]{64}-320\\.jpg$", photo.GetProperty("thumbnail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, svg.StatusCode);
        var reason = JsonDocument.Parse(await svg.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Contains("not a JPEG, PNG, WebP or GIF", reason.GetProperty("errors").GetProperty("File")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Credits_are_edited_with_messages_beside_wrong_fields_and_the_form_kept()
    {
        var photo = await UploadAsync(Photo(SKColors.Indigo), new MediaInput(AltText: "Before"));
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync($"/admin/media/{photo.Id}");
        var form = page.QuerySelector<IHtmlFormElement>($"form[action='/admin/media/{photo.Id}']")!;

        var refused = await writer.SubmitAsync(form, new()
        {
            ["AltText"] = "Fishing boats at dawn",
            ["LicenseUrl"] = "javascript:alert(1)",
            ["CreditLine"] = "Tom Reyes / Bay Agency",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = await AdminSession.ReadAsync(refused);
        Assert.Contains("absolute http or https", FieldError(again, "LicenseUrl").TextContent, StringComparison.Ordinal);
        Assert.Equal("Fishing boats at dawn", again.QuerySelector<IHtmlTextAreaElement>("#AltText")!.Value);
        Assert.Equal("Tom Reyes / Bay Agency", again.QuerySelector<IHtmlInputElement>("#CreditLine")!.Value);
        Assert.Equal("Before", (await app.WithScopeAsync(s => s.GetRequiredService<MediaService>().GetAsync(photo.Id, Ct)))!.AltText);

        var saved = await writer.SubmitAsync(again.QuerySelector<IHtmlFormElement>($"form[action='/admin/media/{photo.Id}']")!, new()
        {
            ["LicenseUrl"] = "https://creativecommons.org/licenses/by/4.0/",
            ["Photographer"] = "Tom Reyes",
            ["Source"] = "Bay Agency",
            ["CopyrightNotice"] = "© 2026 Bay Agency",
            ["DefaultCaption"] = "Boats leave before sunrise.",
        });
        var shown = await writer.FollowAsync(saved);

        var stored = (await app.WithScopeAsync(s => s.GetRequiredService<MediaService>().GetAsync(photo.Id, Ct)))!;
        Assert.Equal(("Fishing boats at dawn", "Boats leave before sunrise."), (stored.AltText, stored.DefaultCaption));
        Assert.Equal(new CreditView("Tom Reyes / Bay Agency", "Tom Reyes", "Bay Agency", "© 2026 Bay Agency",
            "https://creativecommons.org/licenses/by/4.0/", null), stored.Credit);
        Assert.Equal("Tom Reyes", shown.QuerySelector<IHtmlInputElement>("#Photographer")!.Value);
    }

    [Fact]
    public async Task The_page_lists_articles_using_the_photo_and_an_editor_cannot_delete_it_while_they_do()
    {
        var photo = await UploadAsync(Photo(SKColors.Firebrick), new MediaInput(AltText: "A used photo"));
        using var editor = await app.SignInAsync(Roles.Editor);
        var lead = await app.CreateArticleAsync(editor.Actor!, new ArticleInput
        {
            Headline = "Lead user of the photo", Kind = ArticleKind.News, BodyMarkdown = "Text.", LeadImage = new LeadImageInput(photo.Id, null),
        });
        var inline = await app.CreateArticleAsync(editor.Actor!, new ArticleInput
        {
            Headline = "Inline user of the photo", Kind = ArticleKind.News, BodyMarkdown = $"Look:\n\n![Boats]({photo.Renditions[0].Url})",
        });

        var page = await editor.GetDocumentAsync($"/admin/media/{photo.Id}");
        var uses = page.QuerySelectorAll(".uses li").Select(li => (li.QuerySelector("a")!.GetAttribute("href"), li.TextContent.Trim())).ToList();
        Assert.Equal([$"/admin/articles/{inline.Id}", $"/admin/articles/{lead.Id}"], uses.Select(u => u.Item1));
        Assert.EndsWith("(Draft, in the text)", uses[0].Item2, StringComparison.Ordinal);
        Assert.EndsWith("(Draft, lead image)", uses[1].Item2, StringComparison.Ordinal);

        var response = await editor.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"form[action='/admin/media/{photo.Id}/delete']")!);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var refused = await AdminSession.ReadAsync(response);
        var trouble = refused.QuerySelector(".trouble")!.TextContent;
        Assert.Contains("\"Lead user of the photo\"", trouble, StringComparison.Ordinal);
        Assert.Contains("\"Inline user of the photo\"", trouble, StringComparison.Ordinal);
        Assert.Equal(2, refused.QuerySelectorAll(".uses li").Length);
        Assert.NotNull(await app.WithScopeAsync(s => s.GetRequiredService<MediaService>().GetAsync(photo.Id, Ct)));
    }

    [Fact]
    public async Task Writers_cannot_delete_photos_and_editors_delete_unused_ones()
    {
        var photo = await UploadAsync(Photo(SKColors.MediumPurple), new MediaInput(AltText: "Unused"));
        using var writer = await app.SignInAsync(Roles.Writer);
        using var editor = await app.SignInAsync(Roles.Editor);

        var writerPage = await writer.GetDocumentAsync($"/admin/media/{photo.Id}");
        Assert.Null(writerPage.QuerySelector($"form[action='/admin/media/{photo.Id}/delete']"));
        var editorPage = await editor.GetDocumentAsync($"/admin/media/{photo.Id}");
        var deleteForm = editorPage.QuerySelector<IHtmlFormElement>($"form[action='/admin/media/{photo.Id}/delete']")!;

        // The writer posts the form anyway, with a valid token of their own.
        var writerForm = writerPage.QuerySelector<IHtmlFormElement>($"form[action='/admin/media/{photo.Id}']")!;
        writerForm.SetAttribute("action", $"/admin/media/{photo.Id}/delete");
        using var refused = await writer.SubmitAsync(writerForm);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only an editor", (await AdminSession.ReadAsync(refused)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var deleted = await editor.SubmitAsync(deleteForm);
        var library = await editor.FollowAsync(deleted);
        Assert.Contains($"Image {photo.Id} and its files are deleted.", library.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        using var gone = await editor.GetAsync($"/admin/media/{photo.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("/admin/media/{id}")]
    [InlineData("/admin/media/{id}/delete")]
    [InlineData("/admin/media/upload")]
    public async Task A_post_without_the_antiforgery_token_is_refused(string path)
    {
        var photo = await UploadAsync(Photo(SKColors.Gray), new MediaInput(AltText: "Guarded"));
        using var editor = await app.SignInAsync(Roles.Editor);

        using var response = await editor.Client.PostAsync(path.Replace("{id}", photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            new FormUrlEncodedContent([new("AltText", "Forged")]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Guarded", (await app.WithScopeAsync(s => s.GetRequiredService<MediaService>().GetAsync(photo.Id, Ct)))!.AltText);
    }

    [Fact]
    public async Task The_library_grid_searches_credit_and_pages_with_a_cursor()
    {
        var marker = "Pager" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<int>();
        for (var i = 0; i < MediaController.PageSize + 1; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add((await UploadAsync(TestImages.Png(12, 12, new SKColor((byte)i, 80, 160)), new MediaInput(CreditLine: $"{marker} {i}"))).Id);
        }
        using var writer = await app.SignInAsync(Roles.Writer);

        var first = await writer.GetDocumentAsync($"/admin/media?q={marker}");
        var older = first.QuerySelector<IHtmlAnchorElement>(".pager a[rel=next]")!;
        var second = await writer.GetDocumentAsync(older.GetAttribute("href")!);

        static List<int> Ids(IDocument page) => page.QuerySelectorAll("a.media-card__link")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse().Take(MediaController.PageSize), Ids(first));
        Assert.Equal([ids[0]], Ids(second));
        Assert.Equal($"Credit: {marker} 0", second.QuerySelector(".media-card__credit")!.TextContent);
        Assert.Equal("No alt text yet", second.QuerySelector(".media-card__alt")!.TextContent);
        Assert.Empty((await writer.GetDocumentAsync("/admin/media?q=nothing-matches-this")).QuerySelectorAll(".media-card"));
    }

    [Fact]
    public async Task The_editor_shows_the_chosen_lead_image_with_its_credit_and_the_picker_finds_photos()
    {
        var marker = "Picker" + Guid.NewGuid().ToString("N")[..8];
        var photo = await UploadAsync(Photo(SKColors.SeaGreen), new MediaInput(AltText: $"{marker} wetlands", CreditLine: "Marsh Agency"));
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/articles/new");
        var lead = page.QuerySelector("[data-media-picker]")!;
        Assert.Equal("/admin/media/lookup", lead.GetAttribute("data-lookup"));
        Assert.True(lead.QuerySelector("[data-picker-tools]")!.HasAttribute("hidden"));
        Assert.Equal("No lead image chosen.", lead.QuerySelector("[data-picker-chosen]")!.TextContent.Trim());

        var found = JsonDocument.Parse(await (await writer.GetAsync($"/admin/media/lookup?q={marker}")).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(photo.Id, Assert.Single(found.EnumerateArray()).GetProperty("id").GetInt32());

        var saved = await writer.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#article_form")!, new()
        {
            ["Headline"] = $"{marker} wetlands story",
            ["BodyMarkdown"] = "The marsh is wet.",
            ["LeadImage.MediaId"] = photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LeadImage.Caption"] = "The marsh in spring.",
        }, "save");
        var edit = await writer.FollowAsync(saved);

        var chosen = edit.QuerySelector("[data-picker-chosen]")!;
        Assert.Equal(photo.Renditions.First(r => r.Format == "jpeg").Url, chosen.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("Credit: Marsh Agency", chosen.QuerySelectorAll("p")[1].TextContent.Trim());
        Assert.Equal($"/admin/media/{photo.Id}", chosen.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), edit.QuerySelector<IHtmlInputElement>("#LeadImage_MediaId")!.Value);
    }

    [Fact]
    public async Task The_admin_navigation_links_to_the_media_library()
    {
        using var writer = await app.SignInAsync(Roles.Writer);
        var page = await writer.GetDocumentAsync("/admin/articles");
        Assert.Contains("/admin/media", page.QuerySelectorAll(".admin-nav a").Select(a => a.GetAttribute("href")));
    }
}
