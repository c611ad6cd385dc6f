using System.Text.Json;
using Microsoft.Playwright;
using NewsCms.BrowserTests.Infrastructure;
using NewsCms.Tests.Media;
using SkiaSharp;

namespace NewsCms.BrowserTests;

// Issue 3's journey, in Chromium with the site's policy enforced: a writer writes an explainer
// with an uploaded lead photo, three questions (one moved), an attribution and a related
// article, and submits it; an editor publishes it; a reader sees every part, in order.
public sealed class ExplainerJourneyTests(Chromium chromium, NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private const string Headline = "What Is Behind the Lowen Delta Flood Gates?";
    private const string Dek = "Three questions about the gates that decide who gets water this summer.";
    private const string BodyText = "The delta's flood gates were built to hold back the sea.";
    private const string AltText = "Steel flood gates half open over a brown river";
    private const string Caption = "The northern gates at low tide.";
    private const string Credit = "Ines Valk / Delta Wire";
    private const string Attribution = "Delta Wire contributed reporting.";
    private static readonly string[] Questions = ["Who runs the gates?", "Why are they closed now?", "What happens next?"];

    [Fact]
    public async Task A_writer_writes_an_explainer_an_editor_publishes_it_and_a_reader_sees_every_part_in_order()
    {
        var articleUrl = await WriteAndSubmitAsync();
        await PublishAsync(articleUrl);
        await ReadAsync();
    }

    [Fact]
    public async Task The_upload_page_sends_each_photo_with_its_own_progress_and_names_the_refused_one()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        await BrowserSession.SignInAsync(context, site, NewsroomSite.WriterEmail, NewsroomSite.Password);
        var page = await BrowserSession.OpenAsync(context, site, "/admin/media/upload");

        await page.GetByLabel("Photographer").FillAsync("Noor Haddad");
        await page.GetByLabel("Photos (JPEG, PNG, WebP or GIF; several at once)").SetInputFilesAsync(
        [
            new FilePayload { Name = "reeds.png", MimeType = "image/png", Buffer = TestImages.Png(640, 480, SKColors.OliveDrab) },
            new FilePayload { Name = "chart.svg", MimeType = "image/svg+xml", Buffer = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() },
        ]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        var rows = page.Locator(".upload-item");
        await Assertions.Expect(rows.Nth(1).Locator(".upload-item__status")).ToContainTextAsync("Not uploaded: The file is not a JPEG, PNG, WebP or GIF image");
        await Assertions.Expect(rows.Nth(0).Locator(".upload-item__status")).ToContainTextAsync("Uploaded as image");
        Assert.Equal(100, await rows.Nth(0).Locator("progress").EvaluateAsync<int>("p => p.value"));
        Assert.Equal("/admin/media/upload", new Uri(page.Url).AbsolutePath);

        // The row's link opens the new photo, credited from the form, to describe it.
        await rows.Nth(0).GetByRole(AriaRole.Link, new() { Name = "Add its alt text" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Photographer")).ToHaveValueAsync("Noor Haddad");
        await Assertions.Expect(page.Locator(".media-file-name")).ToHaveTextAsync("reeds.png");
    }

    private async Task<string> WriteAndSubmitAsync()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        await BrowserSession.SignInAsync(context, site, NewsroomSite.WriterEmail, NewsroomSite.Password);
        var page = await BrowserSession.OpenAsync(context, site, "/admin/articles/new");

        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync(Headline);
        await page.GetByLabel("Dek (summary under the headline)").FillAsync(Dek);
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Explainer" });
        var body = page.GetByLabel("Body (Markdown)");
        await body.FillAsync(BodyText + "\n\n");

        // The related-article callout, found by its headline and placed after the text.
        await page.GetByText("Insert a related-article callout").ClickAsync();
        await page.GetByLabel("Search headlines").FillAsync("Dam Talks");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Insert “Dam Talks Stall") }).ClickAsync();
        Assert.EndsWith($"[[related: {site.Related.Id}]]\n\n", await body.InputValueAsync(), StringComparison.Ordinal);

        // The lead photo, uploaded from the editor with a progress bar; its credit comes from its IPTC block.
        await page.GetByText("Upload a new image").ClickAsync();
        var jpeg = TestImages.JpegWithIptc(TestImages.Jpeg(1200, 800, SKColors.SteelBlue), (80, "Ines Valk"), (110, Credit));
        await page.GetByLabel("Photo (JPEG, PNG, WebP or GIF", new() { Exact = false }).SetInputFilesAsync(
            new FilePayload { Name = "flood-gates.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await page.GetByLabel("Alt text for the photo").FillAsync(AltText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and use as lead image" }).ClickAsync();
        var chosen = page.Locator("[data-picker-chosen]");
        await Assertions.Expect(chosen.GetByText($"Credit: {Credit}")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-picker-progress] progress")).ToHaveJSPropertyAsync("value", 100);
        Assert.Matches("^\\d+$", await page.Locator("#LeadImage_MediaId").InputValueAsync());
        Assert.Contains(AltText, await chosen.Locator("p").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Caption for this article (empty: the library's caption)").FillAsync(Caption);

        // Three questions, each added by its button (the page comes back with everything typed).
        for (var i = 0; i < Questions.Length; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Add a question" }).ClickAsync();
            await page.Locator($"#Sections_{i}__Question").FillAsync(Questions[i]);
            await page.Locator($"#Sections_{i}__AnswerMarkdown").FillAsync($"Answer to question {i + 1}.");
        }
        // The third question moves up, to second place.
        await page.Locator("#Sections-2-up").ClickAsync();
        await Assertions.Expect(page.Locator("#Sections_1__Question")).ToHaveValueAsync(Questions[2]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add an attribution" }).ClickAsync();
        await page.Locator("#Attributions_0__Text").FillAsync(Attribution);
        await page.Locator("#Attributions_0__Organization").FillAsync("Delta Wire");

        await page.GetByLabel("Article number to add").FillAsync(site.Related.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add related article" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The draft is saved.");
        // Everything typed survived the round trips.
        await Assertions.Expect(page.Locator("#LeadImage_Caption")).ToHaveValueAsync(Caption);
        await Assertions.Expect(page.Locator("[data-picker-chosen] img")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".editor-meta .status")).ToHaveTextAsync("In review");
        return new Uri(page.Url).AbsolutePath;
    }

    private async Task PublishAsync(string articleUrl)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        await BrowserSession.SignInAsync(context, site, NewsroomSite.EditorEmail, NewsroomSite.Password);
        var page = await BrowserSession.OpenAsync(context, site, articleUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".editor-meta .status")).ToHaveTextAsync("Published");
    }

    private async Task ReadAsync()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var home = await BrowserSession.OpenAsync(context, site, "/");
        await home.GetByRole(AriaRole.Link, new() { Name = Headline }).First.ClickAsync();
        var page = home;
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(Headline);

        var photo = page.Locator("figure.lead-figure img");
        Assert.Equal(AltText, await photo.GetAttributeAsync("alt"));
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The lead photo did not load.");

        // Each part's text, in document order.
        var parts = await page.EvaluateAsync<JsonElement>(
            """
            () => Array.from(document.querySelectorAll(
                'main h1, .article__dek, figure.lead-figure img, figcaption .caption, figcaption .credit, .article__body p:not(.related-callout p), ' +
                '.article__body .related-callout, .qa__question, .attribution'))
              .map(e => [e.matches('img') ? 'img' : e.className.split(' ')[0] || e.tagName.toLowerCase(), (e.matches('img') ? e.alt : e.textContent).trim()])
            """);
        var actual = parts.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToList();
        (string, string)[] expected =
        [
            ("article__headline", Headline),
            ("article__dek", Dek),
            ("img", AltText),
            ("caption", Caption),
            ("credit", "Photo: " + Credit),
            ("p", BodyText),
            ("related-callout", "Related article: " + site.Related.Headline),
            ("qa__question", Questions[0]),
            ("qa__question", Questions[2]),
            ("qa__question", Questions[1]),
            // The organisation is named in the text already, so it is not repeated after it.
            ("attribution", Attribution),
        ];
        Assert.Equal(expected, actual);
        await Assertions.Expect(page.Locator(".related-list a")).ToHaveTextAsync(site.Related.Headline);
    }
}
