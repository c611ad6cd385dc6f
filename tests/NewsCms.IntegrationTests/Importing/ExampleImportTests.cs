using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Importing;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Importing;

// The real published explainer (../shared/examples, never copied into the repository) imports into
// a page where every row of DESIGN.md's table is in its place. What the page must show is read
// from the file here with plain string handling, independently of the importer's parser.
public sealed class ExampleImportTests
{
    private static readonly Actor Editor = new("Test editor", null, Roles.Editor);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_published_explainer_imports_with_every_part_of_the_design_table_in_place()
    {
        var path = ImportFolder.SharedExample("explainer-article.txt");
        Assert.SkipWhen(path is null, "../shared/examples/explainer-article.txt is not beside the repository.");
        var lines = File.ReadAllLines(path!).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var expected = new
        {
            Headline = lines[0][2..],
            Date = DateOnly.ParseExact(lines[1], "MMMM d, yyyy", CultureInfo.InvariantCulture),
            Caption = lines[2][..lines[2].IndexOf("**", StringComparison.Ordinal)].Trim(),
            Credit = lines[2].Split("**")[1].Trim(),
            ParagraphsBeforeCallout = lines.FindIndex(l => l.StartsWith("**Related article:**", StringComparison.Ordinal)) - 3,
            Related = Regex.Match(lines.Single(l => l.StartsWith("**Related article:**", StringComparison.Ordinal)), @"\[(?<h>[^\]]+)\]").Groups["h"].Value,
            Questions = lines.Where(l => l.StartsWith("— **", StringComparison.Ordinal) || l.StartsWith("### — ", StringComparison.Ordinal))
                .Select(l => l.Replace("### — ", "", StringComparison.Ordinal).Replace("— ", "", StringComparison.Ordinal).Trim('*'))
                .ToList(),
            Attribution = lines.Last(l => l.StartsWith('*') && l.EndsWith('*') && !l.StartsWith("**", StringComparison.Ordinal)).Trim('*'),
            OriginalUrl = lines.Single(l => l.StartsWith("<http", StringComparison.Ordinal)).Trim('<', '>'),
        };

        await using var app = new EmptyNewsCmsFactory();
        // The example's callout points at an earlier article: publish one under the headline it names.
        var related = await app.WithScopeAsync(s => s.GetRequiredService<ArticleService>().CreatePublishedAsync(new ArticleInput
        {
            Headline = expected.Related,
            BodyMarkdown = "Earlier coverage, stored before the explainer was imported.",
        }, new DateTimeOffset(expected.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1), Editor, Ct));
        var outcome = await app.WithScopeAsync(s =>
            s.GetRequiredService<ArticleImporter>().ImportFileAsync(path!, "explainer-article.txt", Editor, Ct));
        Assert.Empty(outcome.Errors);
        Assert.Equal(ImportStatus.Imported, outcome.Status);

        var page = await app.GetDocumentAsync(outcome.PublicPath!);
        var article = page.QuerySelector("main article")!;
        Assert.Matches($@"^/{expected.Date:yyyy}/{expected.Date:MM}/{expected.Date:dd}/[a-z0-9-]+$", outcome.PublicPath);

        // the headline
        var h1 = article.QuerySelector("header > h1")!;
        Assert.Equal(expected.Headline, h1.TextContent.Trim());
        // the publication date
        var time = article.QuerySelector("header time[datetime]")!;
        Assert.Equal(expected.Date, DateOnly.FromDateTime(DateTimeOffset.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture).Date));
        // the lead image: caption, then credit
        var figure = article.QuerySelector("figure.lead-figure")!;
        Assert.Equal(expected.Caption, figure.QuerySelector("figcaption .caption")!.TextContent.Trim());
        Assert.EndsWith(expected.Credit, figure.QuerySelector("figcaption .credit")!.TextContent.Trim());
        // the first paragraphs: the body, with the related-article callout placed where the line was
        var body = article.QuerySelector(".article__body")!;
        var callout = body.QuerySelector("aside.related-callout")!;
        var before = body.Children.TakeWhile(e => e != callout).ToList();
        Assert.Equal(expected.ParagraphsBeforeCallout, before.Count);
        Assert.All(before, p => Assert.Equal("P", p.TagName));
        Assert.NotEmpty(body.Children.SkipWhile(e => e != callout).Skip(1));
        var calloutLink = callout.QuerySelector("a")!;
        Assert.Equal(expected.Related, calloutLink.TextContent.Trim());
        Assert.Equal(related.Path, calloutLink.GetAttribute("href"));
        // the Q&A sections: ordered questions as headings with anchors, answers in Markdown with links
        var questions = article.QuerySelectorAll("section.qa > h2");
        Assert.Equal(expected.Questions, questions.Select(q => q.TextContent.Trim()));
        Assert.Equal(questions.Select(q => "#" + q.Id), article.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")));
        Assert.All(questions, q => Assert.NotEmpty(q.ParentElement!.QuerySelectorAll(".qa__answer p")));
        Assert.NotEmpty(article.QuerySelectorAll("section.qa .qa__answer a[href]"));
        // the attribution line, last
        var footer = article.Children.Last();
        Assert.Equal("FOOTER", footer.TagName);
        Assert.Equal(expected.Attribution, footer.QuerySelectorAll(".attribution").Last().TextContent.Trim());
        // the original URL, as canonical
        Assert.Equal(expected.OriginalUrl, page.QuerySelector("head link[rel=canonical]")!.GetAttribute("href"));

        // And in the reader's order: headline, photo, body, questions, attribution.
        var order = article.QuerySelectorAll("*").ToList();
        Assert.True(IsInOrder(order, h1, figure, body, questions[0], questions[^1], footer));
    }

    private static bool IsInOrder(List<IElement> all, params IElement[] parts)
    {
        var positions = parts.Select(p => all.IndexOf(p)).ToList();
        return positions.All(p => p >= 0) && positions.Zip(positions.Skip(1)).All(pair => pair.First < pair.Second);
    }
}
