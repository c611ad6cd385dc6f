using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using NewsCms.Articles;
using NewsCms.Importing;
using NewsCms.Rendering;
using NewsCms.Web.Api;

namespace NewsCms.Micro;

// The text of a typical generated explainer: what every save renders and every import parses.
internal static class Samples
{
    public const string Paragraph =
        "The council voted on Tuesday to delay the **harbour** levy by a year, after residents and " +
        "farmers asked for more time. The [report](https://example.org/report) found that families " +
        "in *North Tarn* would pay the most. [[related: 42]]";

    public static readonly string Body = string.Join("\n\n", Enumerable.Repeat(Paragraph, 6)) +
        "\n\n- First, the vote\n- Then, the hearing\n- Last, the appeal\n\n> Nobody asked us, said one tenant.";

    public static readonly string ImportText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "tram-strike.txt"));
}

[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private readonly MarkdownRenderer renderer = new();

    // Markdig, the sanitiser and the callout markers: once per save, never per page view.
    [Benchmark]
    public string Render_an_article_body() => renderer.Render(Samples.Body);
}

[MemoryDiagnoser]
public class ImportBenchmarks
{
    // The importer's pure step: a pasted text file into headline, dateline, body and sections.
    [Benchmark]
    public ParsedArticleFile Parse_an_import_file() => ArticleTextParser.Parse(Samples.ImportText, "tram-strike.txt");
}

[MemoryDiagnoser]
public class ArticleJsonBenchmarks
{
    // As ApiSetup configures MVC's serializer: web defaults, enums as camelCase strings.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private readonly ArticleDto article = new()
    {
        Id = 1042,
        Slug = "what-is-at-stake-in-lowens-fight-over-water-rights",
        Headline = "What Is at Stake in Lowen's Fight Over Water Rights?",
        Dek = "The council, farmers and a river: who gets how much, and who decides.",
        Kind = ArticleKind.Explainer,
        Status = ArticleStatus.Published,
        BodyMarkdown = Samples.Body,
        BodyHtml = new MarkdownRenderer().Render(Samples.Body),
        Sections = Enumerable.Range(1, 4).Select(i => new SectionDto
        {
            Question = $"Question {i}: who is affected by water rights?",
            AnswerMarkdown = Samples.Paragraph,
            Anchor = $"question-{i}",
        }).ToList(),
        Attributions = [new AttributionDto { Text = "Regional Wire contributed reporting.", Organization = "Regional Wire" }],
        RelatedArticleIds = [42, 77],
        Authors = [new AuthorRefDto { Id = 3, Name = "Ada Lund 3", Slug = "ada-lund-3" }, new AuthorRefDto { Id = 9, Name = "Hugo Novak 9", Slug = "hugo-novak-9" }],
        Tags = ["Water rights", "Lowen", "Topic 17"],
        Corrections = [],
        PublishedAt = new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 3, 14, 11, 0, 0, TimeSpan.Zero),
        Version = 3,
        Url = "https://news.example/2026/03/14/what-is-at-stake-in-lowens-fight-over-water-rights",
    };

    [Benchmark]
    public byte[] Serialize_one_article() => JsonSerializer.SerializeToUtf8Bytes(article, Options);
}
