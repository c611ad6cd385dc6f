using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Data;
using NewsCms.Importing;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Media;
using NewsCms.Portability;
using NewsCms.Web.Infrastructure;

namespace NewsCms.IntegrationTests.Portability;

// A newsroom is never locked in: everything exported comes back whole into another site.
public sealed class ExportImportTests : IAsyncLifetime
{
    private static readonly byte[] PhotoBytes = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
    private static readonly byte[] RenditionBytes = [0xFF, 0xD8, 9, 8, 7, 0xFF, 0xD9];
    private static readonly DateTimeOffset Noted = new(2025, 11, 2, 8, 30, 15, TimeSpan.Zero);

    private readonly NewsCmsFactory source = new();
    private readonly EmptyNewsCmsFactory target = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "newscms-tests", "export-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_round_trip_into_an_empty_site_loses_nothing()
    {
        var built = await BuildSiteAsync();

        var exported = await source.WithScopeAsync(s => s.GetRequiredService<ArticleExporter>().ExportAsync(folder, includeRevisions: false, Ct));
        var report = await target.WithScopeAsync(s => s.GetRequiredService<ArticleJsonImporter>().ImportAsync(folder, NewsroomApp.Editor, Ct));

        Assert.Empty(report.Errors);
        Assert.Equal(exported.Articles, report.Imported);
        var slugs = await SlugsAsync(source);
        Assert.Equal(slugs.Order(), (await SlugsAsync(target)).Order());
        foreach (var slug in slugs)
        {
            var before = Comparable(await DetailAsync(source, slug));
            var after = Comparable(await DetailAsync(target, slug));
            if (slug == built.Explainer.Slug)
            {
                // The callout named the related article by its id on the old site: it now names it by slug.
                Assert.Contains($"[[related: {built.Related.Id}]]", before.BodyMarkdown, StringComparison.Ordinal);
                Assert.Contains($"[[related: {built.Related.Slug}]]", after.BodyMarkdown, StringComparison.Ordinal);
                before = before with
                {
                    BodyMarkdown = before.BodyMarkdown.Replace($"[[related: {built.Related.Id}]]", $"[[related: {built.Related.Slug}]]", StringComparison.Ordinal),
                    BodyHtml = after.BodyHtml,
                };
                Assert.Equal(built.Related.Slug, Assert.Single(after.RelatedArticles).Slug);
            }
            Assert.Equal(Json(before), Json(after));
        }

        // Every status came across, with its dates.
        var statuses = await target.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().Articles.Select(a => a.Status).Distinct().ToListAsync(Ct));
        Assert.Equal(Enum.GetValues<ArticleStatus>().Order(), statuses.Order());

        // Authors, tags and the photo's credit and file.
        Assert.Equal(Json(await AuthorsAsync(source)), Json(await AuthorsAsync(target)));
        Assert.Equal(Json(await TagsAsync(source)), Json(await TagsAsync(target)));
        var photo = await MediaAsync(target, built.PhotoHash);
        Assert.Equal(Json(Comparable(await MediaAsync(source, built.PhotoHash))), Json(Comparable(photo)));
        var media = target.Services.GetRequiredService<IOptions<DataOptions>>().Value.MediaDirectory;
        Assert.Equal(PhotoBytes, await File.ReadAllBytesAsync(Path.Combine(media, built.PhotoHash + ".jpg"), Ct));
        Assert.Equal(RenditionBytes, await File.ReadAllBytesAsync(Path.Combine(media, built.PhotoHash + "-800x450.jpg"), Ct));
    }

    [Fact]
    public async Task Importing_an_export_twice_adds_nothing_the_second_time()
    {
        await BuildSiteAsync();
        await source.WithScopeAsync(s => s.GetRequiredService<ArticleExporter>().ExportAsync(folder, includeRevisions: true, Ct));
        var importer = (IServiceProvider s) => s.GetRequiredService<ArticleJsonImporter>().ImportAsync(folder, NewsroomApp.Editor, Ct);

        var first = await target.WithScopeAsync(importer);
        var second = await target.WithScopeAsync(importer);

        Assert.Empty(first.Errors);
        Assert.Equal((0, first.Imported), (second.Imported, second.Skipped));
        var slug = (await SlugsAsync(source)).First();
        // With --revisions the history comes along: same versions, same actions.
        Assert.Equal(await RevisionsAsync(source, slug), await RevisionsAsync(target, slug));
        Assert.Equal((await DetailAsync(source, slug)).Version, (await DetailAsync(target, slug)).Version);
    }

    [Fact]
    public async Task The_markdown_files_read_back_with_the_text_importer()
    {
        var built = await BuildSiteAsync();
        await source.WithScopeAsync(s => s.GetRequiredService<ArticleExporter>().ExportAsync(folder, includeRevisions: false, Ct));

        var files = Directory.GetFiles(Path.Combine(folder, ExportFormat.MarkdownFolder), "*.md");
        Assert.Equal((await SlugsAsync(source)).Count, files.Length);
        foreach (var slug in await SlugsAsync(source))
        {
            var article = await DetailAsync(source, slug);
            if (article.BodyMarkdown.Length == 0 && article.Sections.Count == 0) continue;
            var file = Assert.Single(files, f => Path.GetFileName(f).EndsWith($"-{slug}.md", StringComparison.Ordinal));
            var parsed = ArticleTextParser.Parse(await File.ReadAllTextAsync(file, Ct), Path.GetFileName(file));
            Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
            Assert.Equal(article.Headline, parsed.Article!.Headline);
            Assert.Equal(article.Sections.Select(s => s.Question), parsed.Article.Sections.Select(s => s.Question));
            Assert.Equal(article.Attributions.Select(a => a.Text), parsed.Article.Attributions.Select(a => a.Text));
            Assert.Equal(article.OriginalUrl, parsed.Article.OriginalUrl);
            Assert.Equal(article.Bylines.Select(b => b.Name), parsed.Article.Bylines);
        }

        var explainer = Assert.Single(files, f => f.EndsWith($"-{built.Explainer.Slug}.md", StringComparison.Ordinal));
        Assert.StartsWith("2025-10-01-", Path.GetFileName(explainer), StringComparison.Ordinal);
        var read = ArticleTextParser.Parse(await File.ReadAllTextAsync(explainer, Ct), "explainer.md").Article!;
        Assert.Equal(built.Explainer.Sections.Select(s => s.AnswerMarkdown), read.Sections.Select(s => s.AnswerMarkdown));
        Assert.Equal([built.Related.Slug], read.RelatedSlugs);
        Assert.Equal(new ImportedPhoto("Water at the sluice gate.", "Ana Diaz / Regional Wire", "Ana Diaz", "Regional Wire"), read.LeadPhoto);
    }

    [Fact]
    public async Task The_verbs_export_and_import_a_folder()
    {
        await BuildSiteAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exportCode = await CommandLine.RunAsync(source.Services, ["export", folder, "--revisions"], output, error, Ct);
        var importCode = await CommandLine.RunAsync(target.Services, ["import", folder], output, error, Ct);
        var refused = await CommandLine.RunAsync(source.Services, ["export", folder], output, error, Ct);

        Assert.Equal((0, 0, 1), (exportCode, importCode, refused));
        Assert.Contains("is not empty", error.ToString(), StringComparison.Ordinal);
        Assert.Equal((await SlugsAsync(source)).Count, (await SlugsAsync(target)).Count);
    }

    private sealed record Built(ArticleDetail Explainer, ArticleDetail Related, string PhotoHash);

    // The demo content plus an article in every status, with every part an article can have.
    private async Task<Built> BuildSiteAsync()
    {
        using (source.CreateClient()) { }
        using (target.CreateClient()) { }
        var hash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        return await source.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NewsCmsDbContext>();
            var media = s.GetRequiredService<IOptions<DataOptions>>().Value.MediaDirectory;
            Directory.CreateDirectory(media);
            await File.WriteAllBytesAsync(Path.Combine(media, hash + ".jpg"), PhotoBytes, Ct);
            await File.WriteAllBytesAsync(Path.Combine(media, hash + "-800x450.jpg"), RenditionBytes, Ct);
            var asset = new MediaAsset
            {
                ContentHash = hash,
                ContentType = "image/jpeg",
                OriginalFileName = "sluice.jpg",
                ByteSize = PhotoBytes.Length,
                Width = 1600,
                Height = 900,
                AltText = "A sluice gate with water rushing through",
                DefaultCaption = "The sluice at Kessel.",
                Credit = new ImageCredit
                {
                    CreditLine = "Ana Diaz / Regional Wire",
                    Photographer = "Ana Diaz",
                    Source = "Regional Wire",
                    CopyrightNotice = "© 2025 Regional Wire",
                    LicenseUrl = "https://example.org/licence",
                    LicensorUrl = "https://example.org/buy",
                },
                UploadedAt = Noted,
                UpdatedAt = Noted.AddHours(1),
                UploadedBy = "Photo desk",
                Renditions = [new MediaRendition { Width = 800, Height = 450, Format = "jpeg", FileName = hash + "-800x450.jpg", ByteSize = RenditionBytes.Length }],
            };
            db.MediaAssets.Add(asset);
            await db.SaveChangesAsync(Ct);

            var authors = s.GetRequiredService<AuthorService>();
            var ana = await authors.CreateAsync(new AuthorInput("Ana Ruiz", JobTitle: "Water correspondent", Bio: "Covers the Lowen basin."), NewsroomApp.Editor, Ct);
            var tom = await authors.CreateAsync(new AuthorInput("Tom Berg"), NewsroomApp.Editor, Ct);
            var articles = s.GetRequiredService<ArticleService>();
            var editor = NewsroomApp.Editor;

            var related = await articles.CreatePublishedAsync(new ArticleInput
            {
                Headline = "Kessel farmers count the cost of the dry summer",
                BodyMarkdown = "Harvests fell by a third.",
                AuthorIds = [tom.Id],
                Tags = ["Farming"],
            }, new DateTimeOffset(2025, 9, 30, 9, 0, 0, TimeSpan.Zero), editor, Ct);
            var explainer = await articles.CreatePublishedAsync(new ArticleInput
            {
                Headline = "What the Kessel water deal means for farmers",
                Dek = "Four questions about the agreement signed on Tuesday.",
                Kind = ArticleKind.Explainer,
                BodyMarkdown = $"The deal ends a decade of quarrels.\n\n[[related: {related.Id}]]\n\nIt takes effect in spring.",
                Sections =
                [
                    new QaSectionInput("Who signed it?", "The three riverside councils and the *water board*."),
                    new QaSectionInput("What changes for farmers?", "Each farm gets a share of the summer flow.\n\n- More in dry years\n- Less in wet ones"),
                ],
                LeadImage = new LeadImageInput(asset.Id, "Water at the sluice gate."),
                Attributions = [new AttributionInput("Regional Wire contributed reporting.", "Regional Wire"), new AttributionInput("With reporting by the Kessel Courier.", "Kessel Courier")],
                RelatedArticleIds = [related.Id],
                AuthorIds = [ana.Id, tom.Id],
                Tags = ["Water", "Kessel", "Farming"],
                OriginalUrl = "https://example.org/news/kessel-water-deal",
                Corrections =
                [
                    new CorrectionInput(CorrectionKind.Correction, "An earlier version misstated the number of councils.", PublishedAt: Noted),
                    new CorrectionInput(CorrectionKind.Update, "The water board has approved the deal.", PublishedAt: Noted.AddDays(1)),
                ],
            }, new DateTimeOffset(2025, 10, 1, 7, 15, 0, TimeSpan.Zero), editor, Ct);
            // Related both ways: the import can only name these once both exist.
            related = await articles.UpdateAsync(related.Id, related.ToInput() with { RelatedArticleIds = [explainer.Id] }, related.Version, editor, Ct);

            var draft = await articles.CreateAsync(new ArticleInput { Headline = "Draft: the next drought plan", BodyMarkdown = "Notes.", AuthorIds = [ana.Id] }, editor, Ct);
            var review = await articles.CreateAsync(new ArticleInput { Headline = "In review: river levels", BodyMarkdown = "Levels are low." }, editor, Ct);
            await articles.SubmitForReviewAsync(review.Id, review.Version, editor, Ct);
            var scheduled = await articles.CreateAsync(new ArticleInput { Headline = "Scheduled: the new season", BodyMarkdown = "Soon." }, editor, Ct);
            await articles.ScheduleAsync(scheduled.Id, DateTimeOffset.UtcNow.AddDays(3), scheduled.Version, editor, Ct);
            var gone = await articles.CreatePublishedAsync(new ArticleInput
            {
                Headline = "Withdrawn: a report on the dam",
                BodyMarkdown = "Withdrawn.",
                Corrections = [new CorrectionInput(CorrectionKind.Update, "Withdrawn pending review.", PublishedAt: Noted)],
            }, Noted.AddDays(-3), editor, Ct);
            await articles.UnpublishAsync(gone.Id, gone.Version, editor, Ct);
            Assert.Equal(ArticleStatus.Draft, draft.Status);
            return new Built(explainer, related, hash);
        });
    }

    private static ArticleDetail Comparable(ArticleDetail a) => a with
    {
        Id = 0,
        Version = 0,
        CreatedByUserId = null,
        LeadImage = a.LeadImage is { } lead ? lead with { Media = Comparable(lead.Media) } : null,
        RelatedArticles = a.RelatedArticles.Select(r => r with { Id = 0 }).ToList(),
        Bylines = a.Bylines.Select(b => b with { AuthorId = 0 }).ToList(),
        Tags = a.Tags.Select(t => t with { Id = 0 }).ToList(),
        Corrections = a.Corrections.Select(c => c with { Id = 0 }).ToList(),
    };

    private static MediaView Comparable(MediaView m) => m with { Id = 0 };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true });

    private static Task<List<string>> SlugsAsync(NewsCmsFactory app) =>
        app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().Articles.OrderBy(a => a.Id).Select(a => a.Slug).ToListAsync(Ct));

    private static Task<ArticleDetail> DetailAsync(NewsCmsFactory app, string slug) => app.WithScopeAsync(async s =>
    {
        var id = await s.GetRequiredService<NewsCmsDbContext>().Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync(Ct);
        return await s.GetRequiredService<ArticleService>().GetAsync(id, Ct);
    });

    private static Task<List<object>> AuthorsAsync(NewsCmsFactory app) => app.WithScopeAsync(async s =>
        (await s.GetRequiredService<AuthorService>().ListAsync(Ct)).Select(a => (object)new { a.Name, a.Slug, a.JobTitle, a.Bio }).ToList());

    private static Task<List<object>> TagsAsync(NewsCmsFactory app) => app.WithScopeAsync(s =>
        s.GetRequiredService<NewsCmsDbContext>().Tags.OrderBy(t => t.Slug).Select(t => (object)new { t.Name, t.Slug, t.Description }).ToListAsync(Ct));

    private static Task<MediaView> MediaAsync(NewsCmsFactory app, string hash) => app.WithScopeAsync(async s =>
        (await s.GetRequiredService<NewsCmsDbContext>().MediaAssets.AsNoTracking().Include(m => m.Renditions).SingleAsync(m => m.ContentHash == hash, Ct)).ToView());

    private static Task<List<string>> RevisionsAsync(NewsCmsFactory app, string slug) => app.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<NewsCmsDbContext>();
        return db.ArticleRevisions.Where(r => db.Articles.Any(a => a.Id == r.ArticleId && a.Slug == slug))
            .OrderBy(r => r.Version).Select(r => r.Version + " " + r.Action + " " + r.CreatedBy).ToListAsync(Ct);
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        await target.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
    }
}
