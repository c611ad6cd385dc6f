using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;

namespace NewsCms.BrowserTests.Infrastructure;

// An app whose articles carry script payloads in every text field a journalist or an agency can
// fill: headline, dek, body, Q&A, attribution, tag, author bio, caption, credit and corrections.
// One article holds canary payloads that set window.__xss; the corpus articles hold the rest.
public sealed class HostileSite : SiteServer
{
    // Each payload sets the canary (or opens a dialog) if the browser ever runs it.
    public static readonly string[] Payloads =
    [
        "<img src=x onerror=\"window.__xss=1\">",
        "\"><svg onload=\"window.__xss=2\">",
        "</script><script>window.__xss=3</script>",
        "'><img src=x onerror=alert(4)>",
        "<a href=\"javascript:window.__xss=5\">link</a>",
        "<a href=\" JaVaScRiPt&#58;alert(6)\">entity link</a>",
        "<iframe srcdoc=\"<script>parent.__xss=7</script>\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=8\">",
        "<details open ontoggle=\"window.__xss=9\">",
        "[markdown link](javascript:window.__xss=10 \"title\\\" onmouseover=\\\"window.__xss=11\")",
        "![alt\" onerror=\"window.__xss=12](x)",
        "<object data=\"data:text/html,<script>parent.__xss=13</script>\"></object>",
    ];

    // A short one for fields with tight limits (tag names) and for the search box.
    public const string ShortPayload = "<img src=x onerror=window.__xss=14>";

    public static readonly string AllPayloads = string.Join(" ", Payloads);

    // The integration tests' whole corpus (every family, not only canary-setting ones: most call
    // alert, which opens a dialog), spread over articles of CorpusChunk payloads each.
    public static readonly IReadOnlyList<string> Corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "xss-payloads.txt"))
        .Where(l => l.Length > 0 && (!l.StartsWith("# ", StringComparison.Ordinal) || l.StartsWith("# Heading", StringComparison.Ordinal)))
        .ToList();

    public const int CorpusChunk = 13;

    public static int CorpusArticleCount => (Corpus.Count + CorpusChunk - 1) / CorpusChunk;

    protected override bool SeedDemoContent => false;

    public ArticleDetail Article { get; private set; } = null!;

    public List<(ArticleDetail Article, AuthorView Author)> CorpusArticles { get; } = [];

    public AuthorView Author { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var admin = new Actor("Hostile test admin", null, Roles.Admin);
        Author = await WithScopeAsync(s => s.GetRequiredService<AuthorService>().CreateAsync(
            new AuthorInput("Hostile Author " + Payloads[1], JobTitle: Payloads[0], Bio: AllPayloads), admin, ct));
        var mediaId = await WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NewsCmsDbContext>();
            var media = new MediaAsset
            {
                OriginalFileName = Payloads[1] + ".jpg",
                ContentHash = new string('a', 64),
                ContentType = "image/jpeg",
                ByteSize = 1000,
                Width = 1200,
                Height = 800,
                AltText = "Alt " + Payloads[1] + Payloads[0],
                DefaultCaption = "Default caption " + Payloads[0],
                Credit = new ImageCredit
                {
                    CreditLine = "Credit " + Payloads[0] + Payloads[2],
                    Photographer = "Photographer " + Payloads[1],
                    Source = "Source " + Payloads[3],
                    CopyrightNotice = "Copyright " + Payloads[2],
                    LicenseUrl = "javascript:window.__xss=20",
                    LicensorUrl = "javascript:alert(21)",
                },
                UploadedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(media);
            await db.SaveChangesAsync(ct);
            return media.Id;
        });
        Article = await WithScopeAsync(s => s.GetRequiredService<ArticleService>().CreatePublishedAsync(new ArticleInput
        {
            Headline = "Hostile headline " + Payloads[0] + Payloads[1] + Payloads[2],
            Dek = "Hostile dek " + AllPayloads,
            Kind = ArticleKind.Explainer,
            BodyMarkdown = "Hostile body.\n\n" + string.Join("\n\n", Payloads),
            Sections = [new QaSectionInput("Hostile question " + Payloads[0] + Payloads[2], "Hostile answer\n\n" + AllPayloads)],
            LeadImage = new LeadImageInput(mediaId, "Caption " + Payloads[0] + Payloads[1] + Payloads[2]),
            Attributions = [new AttributionInput("Attribution " + Payloads[0] + Payloads[3], "Org " + Payloads[1])],
            AuthorIds = [Author.Id],
            Tags = [ShortPayload],
            OriginalUrl = "https://example.com/original?q=\"><script>window.__xss=22</script>",
            Corrections = [new CorrectionInput(CorrectionKind.Correction, "Correction " + AllPayloads)],
        }, DateTimeOffset.UtcNow.AddMinutes(-5), admin, ct));

        for (var i = 0; i < CorpusArticleCount; i++)
            CorpusArticles.Add(await CorpusArticleAsync(i, mediaId, admin, ct));
    }

    // Every payload of the chunk in every field, each cut to the field's limit.
    private Task<(ArticleDetail, AuthorView)> CorpusArticleAsync(int index, int mediaId, Actor admin, CancellationToken ct) => WithScopeAsync(async s =>
    {
        var chunk = Corpus.Skip(index * CorpusChunk).Take(CorpusChunk).ToList();
        var joined = string.Join(" ", chunk);
        var author = await s.GetRequiredService<AuthorService>().CreateAsync(
            new AuthorInput($"Corpus author {index} {Cut(chunk[0], 100)}", JobTitle: Cut(chunk[^1], 200), Bio: Cut(joined, 4000)), admin, ct);
        var article = await s.GetRequiredService<ArticleService>().CreatePublishedAsync(new ArticleInput
        {
            Headline = $"Corpus {index} {Cut(chunk[0], 280)}",
            Dek = Cut(joined, 1000),
            Kind = ArticleKind.Explainer,
            BodyMarkdown = $"Corpus body {index}.\n\n" + string.Join("\n\n", chunk),
            Sections = chunk.Select((p, j) => new QaSectionInput($"Q{j} {Cut(p, 480)}", p)).ToList(),
            LeadImage = new LeadImageInput(mediaId, Cut(joined, 1000)),
            Attributions = chunk.Select(p => new AttributionInput(Cut(p, 500), Cut(p, 200))).ToList(),
            AuthorIds = [author.Id],
            Tags = chunk.Select((p, j) => $"C{index}-{j} {Cut(p, 80)}").ToList(),
            Corrections = chunk.Select(p => new CorrectionInput(CorrectionKind.Update, p)).ToList(),
        }, DateTimeOffset.UtcNow.AddMinutes(-4 + index / 100.0), admin, ct);
        return (article, author);
    });

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
