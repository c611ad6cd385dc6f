using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Media;

namespace NewsCms.IntegrationTests.Readers;

// Library photos inside the body and answers: written as ![alt](media:N), shown as credited,
// responsive figures, checked at save and publish, and protected from deletion while shown.
public sealed class InlineImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Body_and_answer_images_are_responsive_credited_figures_on_the_page_and_in_the_feed()
    {
        await using var app = new NewsroomApp();
        var photo = await app.AddPhotoAsync();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Where the canal ran dry", "canal")
            .Body($"The canal ran dry in July.\n\n![The empty canal bed](media:{photo} \"The bed in August.\")\n\nFarmers waited.")
            .Question("What now?", $"Rain, perhaps. ![]( media:{photo} )"));

        var page = await app.GetDocumentAsync(article.Path!);

        var body = page.QuerySelector(".article__body")!;
        Assert.Equal(["p", "figure", "p"], body.Children.Select(c => c.LocalName));
        var img = body.QuerySelector("figure.inline-figure picture img")!;
        Assert.Equal("The empty canal bed", img.GetAttribute("alt"));
        Assert.Equal(("3000", "2000"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.NotNull(img.GetAttribute("sizes"));
        Assert.Equal(4, img.GetAttribute("srcset")!.Split(", ").Length);
        Assert.EndsWith("w", img.GetAttribute("srcset"));
        Assert.NotNull(body.QuerySelector("figure source[type='image/webp'][srcset][sizes]"));
        Assert.Equal("The bed in August.", body.QuerySelector("figcaption .caption")!.TextContent);
        Assert.Equal("Photo: Ana Diaz / Regional Wire", body.QuerySelector("figcaption .credit")!.TextContent);
        var answer = page.QuerySelector(".qa__answer")!;
        Assert.Equal("Farmers by a dry canal", answer.QuerySelector("figure img")!.GetAttribute("alt"));
        Assert.Equal("A canal near Kessel in July.", answer.QuerySelector("figcaption .caption")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("p figure"));

        var rss = await app.GetXmlAsync("/feed", "application/rss+xml");
        var content = rss.Descendants(XNamespace.Get("http://purl.org/rss/1.0/modules/content/") + "encoded").First().Value;
        var feedImg = new HtmlParser().ParseDocument(content).QuerySelector("figure img")!;
        Assert.StartsWith("http://localhost/media/", feedImg.GetAttribute("src"));
        Assert.All(feedImg.GetAttribute("srcset")!.Split(", "), candidate => Assert.StartsWith("http://localhost/media/", candidate));
    }

    [Fact]
    public async Task An_image_not_in_the_library_is_refused_next_to_the_field_that_names_it()
    {
        await using var app = new NewsroomApp();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => app.CreateDraftAsync(new ArticleBuilder()
            .Headline("Missing photo").Body("![x](media:404)").Question("Why?", "See ![y](media:405).")));

        Assert.Equal(["BodyMarkdown", "Sections[0].AnswerMarkdown"], error.Errors.Keys.Order());
        Assert.Contains("media:404", error.Errors["BodyMarkdown"][0]);
    }

    [Fact]
    public async Task Publishing_needs_alt_text_from_the_markdown_or_the_library()
    {
        await using var app = new NewsroomApp();
        var photo = await app.AddPhotoAsync();
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NewsCmsDbContext>();
            await db.MediaAssets.Where(m => m.Id == photo).ExecuteUpdateAsync(u => u.SetProperty(m => m.AltText, (string?)null), Ct);
            return 0;
        });

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.PublishAsync(new ArticleBuilder().Headline("No description").Body($"![](media:{photo})")));
        Assert.Contains("alt text", Assert.Single(refused.Errors["BodyMarkdown"]));

        var published = await app.PublishAsync(new ArticleBuilder().Headline("Described").Body($"![A dry canal](media:{photo})"));
        Assert.NotNull(published.PublishedAt);
    }

    [Fact]
    public async Task An_image_shown_in_a_text_cannot_be_deleted_from_the_library()
    {
        await using var app = new NewsroomApp();
        var photo = await app.AddPhotoAsync();
        await app.CreateDraftAsync(new ArticleBuilder().Headline("Canal draft").Question("Where?", $"Here: ![canal](media:{photo})"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<MediaService>().DeleteAsync(photo, NewsroomApp.Editor, Ct);
            return 0;
        }));

        Assert.Contains("Canal draft", error.Message);
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().MediaAssets.AnyAsync(m => m.Id == photo, Ct)));
    }
}
