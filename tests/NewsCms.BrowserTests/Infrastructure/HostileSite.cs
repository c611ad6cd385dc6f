using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;

namespace NewsCms.BrowserTests.Infrastructure;

// An app whose only article carries script payloads in every text field a journalist or an
// agency can fill: headline, dek, body, Q&A, attribution, tag, author bio, caption and credit.
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

    protected override bool SeedDemoContent => false;

    public ArticleDetail Article { get; private set; } = null!;

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
    }
}
