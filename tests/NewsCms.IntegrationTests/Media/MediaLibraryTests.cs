using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Common;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Media;
using NewsCms.Tests.Media;
using SkiaSharp;

namespace NewsCms.IntegrationTests.Media;

// Photos through the service, as the admin and the API will upload them, and back out at /media.
public sealed class MediaLibraryTests(NewsroomApp app) : IClassFixture<NewsroomApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MediaInput Described = new(AltText: "A test photo", CreditLine: "Test / Wire");

    private Task<MediaView> UploadAsync(byte[] bytes, MediaInput? input = null, string name = "photo.jpg") =>
        app.WithScopeAsync(s => s.GetRequiredService<MediaService>().UploadAsync(new MemoryStream(bytes), name, input ?? Described, NewsroomApp.Editor, Ct));

    private Task<T> MediaAsync<T>(Func<MediaService, Task<T>> work) => app.WithScopeAsync(s => work(s.GetRequiredService<MediaService>()));

    [Fact]
    public async Task Uploaded_photo_and_renditions_are_served_with_true_type_nosniff_and_immutable_cache()
    {
        var view = await UploadAsync(TestImages.Jpeg(1100, 700, SKColors.Teal));

        Assert.Matches("^/media/[0-9a-f]{64}\\.jpg$", view.Url);
        Assert.Equal((1100, 700), (view.Width, view.Height));
        Assert.Equal([320, 640, 1024], view.Renditions.Where(r => r.Format == "webp").Select(r => r.Width));
        foreach (var (url, type) in new[] { (view.Url!, "image/jpeg") }.Concat(view.Renditions.Select(r => (r.Url, r.Format == "webp" ? "image/webp" : "image/jpeg"))))
        {
            using var response = await app.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 31536000 });
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task A_repeated_etag_gets_not_modified()
    {
        var view = await UploadAsync(TestImages.Png(40, 30, SKColors.Plum), name: "small.png");
        using var first = await app.GetAsync(view.Url!);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, view.Url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(view.Renditions);
    }

    [Fact]
    public async Task A_head_request_answers_with_the_headers_and_no_body()
    {
        var view = await UploadAsync(TestImages.Png(40, 30, SKColors.Teal), name: "head.png");
        using var client = app.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, view.Url), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("/media/../newscms.db")]
    [InlineData("/media/..%2Fnewscms.db")]
    [InlineData("/media/newscms.db")]
    [InlineData("/media/0000000000000000000000000000000000000000000000000000000000000000.jpg")]
    [InlineData("/media/ABCDEF0000000000000000000000000000000000000000000000000000000000.jpg")]
    [InlineData("/media/0000000000000000000000000000000000000000000000000000000000000000.svg")]
    [InlineData("/media/0000000000000000000000000000000000000000000000000000000000000000-1.jpg")]
    public async Task Anything_but_a_stored_media_name_is_not_found(string path)
    {
        using var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_same_bytes_twice_are_one_asset()
    {
        var bytes = TestImages.Jpeg(200, 100, SKColors.Gold);

        var first = await UploadAsync(bytes);
        var second = await UploadAsync(bytes, new MediaInput(AltText: "Different words"));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("A test photo", second.AltText);
    }

    [Fact]
    public async Task Oversize_empty_and_non_image_uploads_are_field_errors()
    {
        var tooBig = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync(new byte[20 * 1024 * 1024 + 1]));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync([]));
        var svg = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray()));

        Assert.Contains("larger than 20 MB", Assert.Single(tooBig.Errors["File"]));
        Assert.Contains("empty", Assert.Single(empty.Errors["File"]));
        Assert.Contains("not a JPEG, PNG, WebP or GIF", Assert.Single(svg.Errors["File"]));
    }

    [Fact]
    public async Task Empty_credit_fields_are_filled_from_iptc_and_typed_ones_win()
    {
        var jpeg = TestImages.JpegWithIptc(TestImages.Jpeg(64, 64, SKColors.Navy),
            (80, "Ana Ruiz"), (110, "Ana Ruiz / Wire"), (116, "© 2026 Wire"), (120, "Boats at dawn."));

        var view = await UploadAsync(jpeg, new MediaInput(AltText: "Boats", CreditLine: "Ana Ruiz for NewsCms"));

        Assert.Equal("Ana Ruiz for NewsCms", view.Credit.CreditLine);
        Assert.Equal("Ana Ruiz", view.Credit.Photographer);
        Assert.Equal("© 2026 Wire", view.Credit.CopyrightNotice);
        Assert.Equal("Boats at dawn.", view.DefaultCaption);
        Assert.Equal("Boats", view.AltText);
    }

    [Fact]
    public async Task Licence_urls_must_be_absolute_http_and_lengths_are_checked()
    {
        var view = await UploadAsync(TestImages.Jpeg(50, 50, SKColors.Salmon));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => MediaAsync(m => m.UpdateAsync(view.Id,
            new MediaInput(AltText: new string('a', FieldLimits.AltText + 1), LicenseUrl: "javascript:alert(1)", LicensorUrl: "/relative"),
            NewsroomApp.Editor, Ct)));

        Assert.Equal(["AltText", "LicenseUrl", "LicensorUrl"], e.Errors.Keys.Order());
        var updated = await MediaAsync(m => m.UpdateAsync(view.Id, new MediaInput(AltText: "Now described", LicenseUrl: "https://example.org/licence"), NewsroomApp.Editor, Ct));
        Assert.Equal(("Now described", "https://example.org/licence", null), (updated.AltText, updated.Credit.LicenseUrl, updated.Credit.CreditLine));
    }

    [Fact]
    public async Task A_lead_image_cannot_be_deleted_until_no_article_uses_it()
    {
        var view = await UploadAsync(TestImages.Jpeg(400, 300, SKColors.Olive));
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Floods reach the old bridge").LeadImage(view.Id, "The bridge at noon."));

        var e = await Assert.ThrowsAsync<ConflictException>(() => MediaAsync(async m => { await m.DeleteAsync(view.Id, NewsroomApp.Editor, Ct); return 0; }));
        Assert.Contains("\"Floods reach the old bridge\"", e.Message);
        using (var stillThere = await app.GetAsync(view.Url!)) Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);

        await app.EditAsync(article, input => input with { LeadImage = null });
        await MediaAsync(async m => { await m.DeleteAsync(view.Id, NewsroomApp.Editor, Ct); return 0; });

        Assert.Null(await MediaAsync(m => m.GetAsync(view.Id, Ct)));
        using var gone = await app.GetAsync(view.Url!);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var renditionGone = await app.GetAsync(view.Renditions[0].Url);
        Assert.Equal(HttpStatusCode.NotFound, renditionGone.StatusCode);
    }

    [Fact]
    public async Task A_photo_awaiting_its_file_shows_caption_and_credit_then_gets_its_file()
    {
        var pending = await MediaAsync(m => m.CreateAwaitingFileAsync("harbour.jpg",
            new MediaInput(AltText: "The harbour", DefaultCaption: "The harbour at low tide.", CreditLine: "Port Archive"), NewsroomApp.Editor, Ct));
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Harbour to close for repairs").LeadImage(pending.Id, null));

        var page = await app.GetDocumentAsync(article.Path!);
        var figure = page.QuerySelector("main article figure")!;
        Assert.Null(figure.QuerySelector("img"));
        Assert.Equal("The harbour at low tide.", figure.QuerySelector("figcaption .caption")!.TextContent);
        Assert.Equal("Photo: Port Archive", figure.QuerySelector("figcaption .credit")!.TextContent.Trim());

        var attached = await MediaAsync(m => m.AttachFileAsync(pending.Id, new MemoryStream(TestImages.Jpeg(700, 400, SKColors.Sienna)), "harbour.jpg", NewsroomApp.Editor, Ct));
        Assert.True(attached.HasFile);
        page = await app.GetDocumentAsync(article.Path!);
        var img = page.QuerySelector("main article figure picture img")!;
        Assert.Equal(("700", "400", "The harbour"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
        await Assert.ThrowsAsync<ConflictException>(() => MediaAsync(m =>
            m.AttachFileAsync(pending.Id, new MemoryStream(TestImages.Jpeg(10, 10)), null, NewsroomApp.Editor, Ct)));
    }

    [Fact]
    public async Task The_library_lists_newest_first_with_search_and_a_cursor()
    {
        var ids = new List<int>();
        foreach (var color in new[] { SKColors.Red, SKColors.Green, SKColors.Blue })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await UploadAsync(TestImages.Png(20, 20, color), new MediaInput(AltText: $"Listing {color}", Photographer: "Lister_%"), "list.png")).Id);
        }

        var first = await MediaAsync(m => m.ListAsync("lister_%", null, 2, Ct));
        var second = await MediaAsync(m => m.ListAsync("lister_%", first.Next, 2, Ct));
        var none = await MediaAsync(m => m.ListAsync("lister_x", null, 2, Ct));

        Assert.Equal([ids[2], ids[1]], first.Items.Select(i => i.Id));
        Assert.Equal([ids[0]], second.Items.Select(i => i.Id));
        Assert.Null(second.Next);
        Assert.Empty(none.Items);
    }
}
