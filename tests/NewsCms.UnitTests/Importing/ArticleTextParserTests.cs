using NewsCms.Articles;
using NewsCms.Importing;

namespace NewsCms.Tests.Importing;

// The importer reads files shaped like the published explainer; these fixtures are invented
// articles in that shape (the real example is only read by the integration tests).
public sealed class ArticleTextParserTests
{
    private const string Explainer = """


        # Why Are Harbour City's Tram Drivers on Strike?

        March 14, 2026



        Empty trams wait at the Northgate depot on Monday morning. **Lena Marsh / Harbour Wire / City Photo Pool**

        Trams in Harbour City stood still for a third day on Monday as drivers kept up their strike over rosters and pay.

        The city council says talks will resume on Wednesday. The drivers' union says it has not been invited.

        **Related article:** [Harbour City Tram Talks Collapse After Six Hours](#)

        Here is what the strike is about, and what could end it:

        — **Why are the drivers striking?**

        The drivers say new rosters cut their rest between shifts to nine hours, below what the

        union agreed in 2019.

        They also want pay to rise with prices, as it did until [two years ago](https://example.org/pay).

        ### — Who runs the trams?

        The network belongs to the city but is run by a private operator under a contract that ends in 2028.

        ### — What happens next?

        Both sides have asked the regional mediator to call them together before the weekend.

        *Harbour Wire contributed reporting.*

        Original url:

        <https://news.example.org/2026/03/14/harbour-city-tram-strike-explained>
        """;

    private static ImportedArticle Read(string text, string file = "article.txt")
    {
        var parsed = ArticleTextParser.Parse(text, file);
        Assert.Empty(parsed.Errors);
        return parsed.Article!;
    }

    private static ImportError ReadError(string text, string file = "article.txt")
    {
        var parsed = ArticleTextParser.Parse(text, file);
        Assert.Null(parsed.Article);
        return Assert.Single(parsed.Errors);
    }

    [Fact]
    public void Reads_every_part_of_an_explainer_in_the_example_shape()
    {
        var a = Read(Explainer);

        Assert.Equal("Why Are Harbour City's Tram Drivers on Strike?", a.Headline);
        Assert.Equal(new ImportedDate(new DateOnly(2026, 3, 14)), a.PublishedOn);
        Assert.Equal(new ImportedPhoto("Empty trams wait at the Northgate depot on Monday morning.",
            "Lena Marsh / Harbour Wire / City Photo Pool", "Lena Marsh", "Harbour Wire / City Photo Pool"), a.LeadPhoto);
        Assert.Equal(
            ["Why are the drivers striking?", "Who runs the trams?", "What happens next?"],
            a.Sections.Select(s => s.Question));
        Assert.Equal([new AttributionInput("Harbour Wire contributed reporting.", "Harbour Wire")], a.Attributions);
        Assert.Equal("https://news.example.org/2026/03/14/harbour-city-tram-strike-explained", a.OriginalUrl);
        Assert.Null(a.Dek);
        Assert.Empty(a.Bylines);
    }

    [Fact]
    public void Body_keeps_its_paragraphs_with_the_related_callout_where_the_line_was()
    {
        var a = Read(Explainer);

        var paragraphs = a.BodyMarkdown.Split("\n\n");
        Assert.Equal(4, paragraphs.Length);
        Assert.StartsWith("Trams in Harbour City stood still", paragraphs[0]);
        Assert.Equal("[[related: harbour-city-tram-talks-collapse-after-six-hours]]", paragraphs[2]);
        Assert.Equal("Here is what the strike is about, and what could end it:", paragraphs[3]);
        Assert.Equal(["harbour-city-tram-talks-collapse-after-six-hours"], a.RelatedSlugs);
    }

    [Fact]
    public void Answers_are_markdown_and_a_sentence_the_scraper_split_is_one_paragraph_again()
    {
        var a = Read(Explainer);

        var first = a.Sections[0].AnswerMarkdown!.Split("\n\n");
        Assert.Equal(2, first.Length);
        Assert.EndsWith("below what the\nunion agreed in 2019.", first[0]);
        Assert.Contains("[two years ago](https://example.org/pay)", first[1]);
        // The attribution and the original URL are not part of the last answer.
        Assert.Equal("Both sides have asked the regional mediator to call them together before the weekend.", a.Sections[2].AnswerMarkdown);
    }

    [Fact]
    public void Each_part_remembers_its_line_for_later_messages()
    {
        var a = Read(Explainer);

        Assert.Equal(3, a.LineOf("Headline"));
        Assert.Equal(5, a.LineOf("PublishedAt"));
        Assert.Equal(9, a.LineOf("LeadImage.Caption"));
        Assert.Equal(19, a.LineOf("Sections[0].Question"));
        Assert.Equal(27, a.LineOf("Sections[1]"));
        Assert.Equal(35, a.LineOf("Attributions[0].Text"));
        Assert.Equal(39, a.LineOf("OriginalUrl"));
        Assert.Equal(3, a.LineOf("Slug"));
    }

    [Theory]
    [InlineData("— **Is the line open?**")]
    [InlineData("– **Is the line open?**")]
    [InlineData("-- **Is the line open?**")]
    [InlineData("- **Is the line open?**")]
    [InlineData("### — Is the line open?")]
    [InlineData("## — Is the line open?")]
    [InlineData("### Is the line open?")]
    [InlineData("## **Is the line open?**")]
    [InlineData("### — Is the line open? ###")]
    [InlineData("**Is the line open?**")]
    [InlineData("**Is the line open**?")]
    [InlineData("__Is the line open?__")]
    [InlineData("— Is the line open?")]
    public void Every_question_style_starts_a_section(string questionLine)
    {
        var a = Read($"""
            # Tram Questions

            March 14, 2026

            An opening paragraph.

            {questionLine}
            The answer follows, even without a blank line.
            """);

        var section = Assert.Single(a.Sections);
        Assert.Equal("Is the line open?", section.Question);
        Assert.Equal("The answer follows, even without a blank line.", section.AnswerMarkdown);
        Assert.Equal("An opening paragraph.", a.BodyMarkdown);
    }

    [Theory]
    [InlineData("### — The timetable")]
    [InlineData("— **The timetable**")]
    public void A_dashed_heading_is_a_question_even_without_a_question_mark(string line)
    {
        var a = Read($"# Trams\n\nMarch 14, 2026\n\nBody.\n\n{line}\n\nAnswer.");

        Assert.Equal("The timetable", Assert.Single(a.Sections).Question);
    }

    [Theory]
    [InlineData("## Background")]
    [InlineData("**A bold statement.**")]
    [InlineData("- **A bold list item**")]
    public void Headings_and_bold_lines_that_ask_nothing_stay_in_the_markdown(string line)
    {
        var a = Read($"# Trams\n\nMarch 14, 2026\n\nBody.\n\n{line}\n\nMore body.");

        Assert.Empty(a.Sections);
        Assert.Equal($"Body.\n\n{line}\n\nMore body.", a.BodyMarkdown);
    }

    [Fact]
    public void Lines_in_fenced_code_are_never_read_as_questions()
    {
        var a = Read("# Trams\n\nMarch 14, 2026\n\nBody.\n\n```\n## Is this code?\n\n**Or this?**\n```\n\nAfter.");

        Assert.Empty(a.Sections);
        Assert.Equal("Body.\n\n```\n## Is this code?\n\n**Or this?**\n```\n\nAfter.", a.BodyMarkdown);
    }

    [Fact]
    public void Crlf_a_bom_trailing_spaces_and_no_break_spaces_read_like_plain_lines()
    {
        var messy = "\uFEFF" + string.Join("\r\n", Explainer.Split('\n').Select(l => l.Length > 0 ? l + "  \t" : l))
            .Replace("— **Why", "—\u00A0**Why", StringComparison.Ordinal);

        Assert.Equivalent(Read(Explainer), Read(messy), strict: true);
    }

    [Fact]
    public void Old_mac_line_endings_are_lines_too()
    {
        var a = Read("# Trams\r\rMarch 14, 2026\r\rBody.");

        Assert.Equal("Trams", a.Headline);
        Assert.Equal("Body.", a.BodyMarkdown);
    }

    [Fact]
    public void A_file_without_a_headline_is_refused_with_its_line()
    {
        var error = ReadError("\n\nJust a paragraph of text.\n\nAnother one.", "tram.txt");

        Assert.Equal("tram.txt", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("tram.txt:3: no headline found", error.ToString());
    }

    [Fact]
    public void An_empty_file_has_no_headline_on_line_one()
    {
        Assert.StartsWith("article.txt:1: no headline found", ReadError("  \n\uFEFF\n").ToString());
        Assert.StartsWith("article.txt:1: no headline found", ReadError("").ToString());
    }

    [Fact]
    public void A_plain_first_line_followed_by_a_date_is_the_headline()
    {
        var a = Read("Tram Drivers Strike Again\n\nMarch 14, 2026\n\nBody.");

        Assert.Equal("Tram Drivers Strike Again", a.Headline);
    }

    [Fact]
    public void A_setext_headline_is_read()
    {
        Assert.Equal("Tram Drivers Strike Again", Read("Tram Drivers Strike Again\n===\nMarch 14, 2026\n\nBody.").Headline);
    }

    [Theory]
    [InlineData("September 31, 2020")]
    [InlineData("2020-13-01")]
    [InlineData("March 14")]
    public void A_date_that_cannot_be_read_names_file_and_line(string dateLine)
    {
        var error = ReadError($"# Trams\n\n{dateLine}\n\nBody.");

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"article.txt:3: cannot read the date \"{dateLine}\"", error.ToString());
    }

    [Fact]
    public void An_ambiguous_date_is_refused_rather_than_guessed()
    {
        var error = ReadError("# Trams\n\n05/06/2020\n\nBody.");

        Assert.Contains("May 6 or June 5", error.Message);
    }

    [Fact]
    public void A_missing_date_is_reported_after_the_headline()
    {
        var error = ReadError("# Trams\n\nEmpty trams at the depot. **Lena Marsh**\n\nBody.\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("no publication date found", error.Message);
    }

    [Theory]
    [InlineData("September 28, 2020", 2020, 9, 28, null, null)]
    [InlineData("Sept. 28, 2020", 2020, 9, 28, null, null)]
    [InlineData("Sep 28 2020", 2020, 9, 28, null, null)]
    [InlineData("september 28th, 2020", 2020, 9, 28, null, null)]
    [InlineData("28 September 2020", 2020, 9, 28, null, null)]
    [InlineData("Monday, September 28, 2020", 2020, 9, 28, null, null)]
    [InlineData("Mon, 28 Sep 2020", 2020, 9, 28, null, null)]
    [InlineData("*Published: September 28, 2020*", 2020, 9, 28, null, null)]
    [InlineData("2020-09-28", 2020, 9, 28, null, null)]
    [InlineData("2020/9/28", 2020, 9, 28, null, null)]
    [InlineData("28.09.2020", 2020, 9, 28, null, null)]
    [InlineData("09/28/2020", 2020, 9, 28, null, null)]
    [InlineData("28/09/2020", 2020, 9, 28, null, null)]
    [InlineData("September 28, 2020, 2:30 p.m.", 2020, 9, 28, "14:30", null)]
    [InlineData("September 28, 2020 at 14:30 UTC", 2020, 9, 28, "14:30", 0)]
    [InlineData("2020-09-28T14:30:00+03:00", 2020, 9, 28, "14:30", 180)]
    [InlineData("2020-09-28 09:05Z", 2020, 9, 28, "09:05", 0)]
    public void Date_lines_are_read_in_the_forms_newsrooms_write(string line, int y, int m, int d, string? time, int? offsetMinutes)
    {
        var a = Read($"# Trams\n\n{line}\n\nBody.");

        Assert.Equal(new ImportedDate(new DateOnly(y, m, d), time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
            offsetMinutes is { } o ? TimeSpan.FromMinutes(o) : null), a.PublishedOn);
    }

    [Fact]
    public void A_date_without_a_time_starts_the_day_in_the_newsroom_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Newsroom", TimeSpan.FromHours(3), "Newsroom", "Newsroom");

        var at = new ImportedDate(new DateOnly(2020, 9, 28)).ToPublishedAt(zone);

        Assert.Equal(new DateTimeOffset(2020, 9, 28, 0, 0, 0, TimeSpan.FromHours(3)), at);
        Assert.Equal(new DateTimeOffset(2020, 9, 28, 14, 30, 0, TimeSpan.Zero),
            new ImportedDate(new DateOnly(2020, 9, 28), new TimeOnly(14, 30), TimeSpan.Zero).ToPublishedAt(zone));
    }

    [Fact]
    public void A_dek_and_bylines_around_the_date_are_read()
    {
        var a = Read("""
            # Tram Drivers Strike Again

            Rosters, rest and pay: the quarrel behind the empty depots.

            By Lena Marsh and Tomas Berg
            March 14, 2026

            Body.
            """);

        Assert.Equal("Rosters, rest and pay: the quarrel behind the empty depots.", a.Dek);
        Assert.Equal(["Lena Marsh", "Tomas Berg"], a.Bylines);
        Assert.Equal("Body.", a.BodyMarkdown);
    }

    [Fact]
    public void A_sentence_starting_with_by_is_not_a_byline()
    {
        var a = Read("# Trams\n\nBy the end of the week the depots were full.\n\nMarch 14, 2026\n\nBody.");

        Assert.Empty(a.Bylines);
        Assert.Equal("By the end of the week the depots were full.", a.Dek);
    }

    [Theory]
    [InlineData("**Related article:** [Tram Talks Collapse](#)")]
    [InlineData("**Related article**: Tram Talks Collapse")]
    [InlineData("Related article: \u201CTram Talks Collapse\u201D")]
    [InlineData("__Related story:__ [Tram Talks Collapse](https://example.org/x)")]
    [InlineData("**RELATED ARTICLE:** Tram Talks Collapse")]
    public void A_related_article_line_becomes_a_callout_where_it_stands(string line)
    {
        var a = Read($"# Trams\n\nMarch 14, 2026\n\nFirst.\n{line}\nSecond.");

        Assert.Equal("First.\n\n[[related: tram-talks-collapse]]\n\nSecond.", a.BodyMarkdown);
    }

    [Fact]
    public void A_related_line_inside_an_answer_stays_in_that_answer()
    {
        var a = Read("# Trams\n\nMarch 14, 2026\n\n**Why?**\n\nBecause.\n\n**Related article:** Tram Talks Collapse");

        Assert.Equal("Because.\n\n[[related: tram-talks-collapse]]", Assert.Single(a.Sections).AnswerMarkdown);
    }

    [Theory]
    [InlineData("*Harbour Wire contributed reporting.*", "Harbour Wire contributed reporting.", "Harbour Wire")]
    [InlineData("_Reuters and AFP contributed to this report._", "Reuters and AFP contributed to this report.", "Reuters and AFP")]
    [InlineData("*Additional reporting by Harbour Wire.*", "Additional reporting by Harbour Wire.", "Harbour Wire")]
    [InlineData("*This article was first published by a partner site.*", "This article was first published by a partner site.", null)]
    [InlineData("Harbour Wire contributed reporting.", "Harbour Wire contributed reporting.", "Harbour Wire")]
    public void Closing_italic_lines_are_attributions_with_their_organisation(string line, string text, string? organization)
    {
        var a = Read($"# Trams\n\nMarch 14, 2026\n\nBody.\n\n{line}\n\nOriginal url: https://example.org/a");

        Assert.Equal([new AttributionInput(text, organization)], a.Attributions);
        Assert.Equal("Body.", a.BodyMarkdown);
    }

    [Fact]
    public void Italic_paragraphs_inside_the_text_stay_where_they_are()
    {
        var a = Read("# Trams\n\nMarch 14, 2026\n\nBody.\n\n*An aside in italics.*\n\nMore body.\n\n*Wire contributed reporting.*\n*Second Wire contributed reporting.*");

        Assert.Equal("Body.\n\n*An aside in italics.*\n\nMore body.", a.BodyMarkdown);
        Assert.Equal(["Wire contributed reporting.", "Second Wire contributed reporting."], a.Attributions.Select(x => x.Text));
    }

    [Theory]
    [InlineData("Original url: https://example.org/a")]
    [InlineData("Original URL: <https://example.org/a>")]
    [InlineData("ORIGINAL URL:\n\n<https://example.org/a>")]
    [InlineData("**Original url:** [example.org](https://example.org/a)")]
    [InlineData("Original url:\n\u201Chttps://example.org/a\u201D")]
    public void The_original_url_is_read_in_its_variants(string lines)
    {
        Assert.Equal("https://example.org/a", Read($"# Trams\n\nMarch 14, 2026\n\nBody.\n\n{lines}").OriginalUrl);
    }

    [Fact]
    public void An_original_url_that_is_not_a_web_address_names_its_line()
    {
        var error = ReadError("# Trams\n\nMarch 14, 2026\n\nBody.\n\nOriginal url:\n\njavascript:alert(1)");

        Assert.Equal(9, error.Line);
        Assert.Contains("not an absolute http or https address", error.Message);
    }

    [Theory]
    [InlineData("A depot. **Lena Marsh / Harbour Wire**", "A depot.", "Lena Marsh / Harbour Wire", "Lena Marsh", "Harbour Wire")]
    [InlineData("A depot. **AP / TASS**", "A depot.", "AP / TASS", null, "AP / TASS")]
    [InlineData("A depot. **Photo: Lena Marsh/Harbour Wire**", "A depot.", "Lena Marsh / Harbour Wire", "Lena Marsh", "Harbour Wire")]
    [InlineData("*A depot.* **Harbour Wire**", "A depot.", "Harbour Wire", null, null)]
    [InlineData("**Photo by Lena Marsh**", null, "Lena Marsh", null, null)]
    public void The_photo_line_splits_into_caption_and_credit(string line, string? caption, string credit, string? photographer, string? source)
    {
        var a = Read($"# Trams\n\nMarch 14, 2026\n\n{line}\n\nBody.");

        Assert.Equal(new ImportedPhoto(caption, credit, photographer, source), a.LeadPhoto);
        Assert.Equal("Body.", a.BodyMarkdown);
    }

    [Fact]
    public void Without_a_photo_line_the_first_paragraph_is_body()
    {
        var a = Read("# Trams\n\nMarch 14, 2026\n\nThe first paragraph, with **bold** words inside.\n\n**Why?**\n\nBecause.");

        Assert.Null(a.LeadPhoto);
        Assert.Equal("The first paragraph, with **bold** words inside.", a.BodyMarkdown);
    }

    [Fact]
    public void A_question_without_an_answer_names_its_line()
    {
        var parsed = ArticleTextParser.Parse("# Trams\n\nMarch 14, 2026\n\nBody.\n\n**Why?**\n\n**And how?**\n\nLike this.", "a.txt");

        var error = Assert.Single(parsed.Errors);
        Assert.Equal("a.txt:7: the question \"Why?\" has no answer before the next question or the end of the file", error.ToString());
    }

    [Fact]
    public void A_file_with_only_a_headline_and_date_has_nothing_to_import()
    {
        var error = ReadError("# Trams\n\nMarch 14, 2026\n");

        Assert.Contains("nothing to import", error.Message);
    }

    [Fact]
    public void An_oversized_credit_is_refused_at_the_photo_line()
    {
        var error = ReadError($"# Trams\n\nMarch 14, 2026\n\nCaption. **{new string('x', 400)}**\n\nBody.");

        Assert.Equal(5, error.Line);
        Assert.Contains("photo credit", error.Message);
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var parsed = ArticleTextParser.Parse("# Trams\n\nMarch 14, 2026\n\n**Why?**\n\nOriginal url: nope\n\n**How?**\n\nThus.", "a.txt");

        Assert.Equal([5, 7], parsed.Errors.Select(e => e.Line));
    }
}
