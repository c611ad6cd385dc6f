using System.Xml.Linq;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;

namespace NewsCms.IntegrationTests.Infrastructure;

// An empty app on a fake clock, for tests that write their own articles: one per test.
public sealed class NewsroomApp : NewsCmsFactory
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    public static readonly Actor Editor = new("Test editor", null, Accounts.Roles.Editor);
    public static readonly Actor Admin = new("Test admin", null, Accounts.Roles.Admin);

    private readonly Dictionary<string, string> settings = new(StringComparer.Ordinal);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override bool SeedDemoContent => false;

    // For tests that restart the app on the same data (a new configuration, a rebuild at start).
    public static async Task WithDataDirectoryAsync(Func<string, Task> work)
    {
        var data = Path.Combine(Path.GetTempPath(), "newscms-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await work(data);
        }
        finally
        {
            TestDatabase.Release(data);
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }

    public NewsroomApp With(string key, string value)
    {
        settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A test that restarts on a shared data directory restarts on its database too, unless it
        // names a database itself (a SQLite site to migrate while the suite runs on PostgreSQL).
        if (settings.TryGetValue("NewsCms:DataDirectory", out var shared)) UseDatabaseOf(builder, shared);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }


    public Task<ArticleDetail> PublishAsync(ArticleInput input) => WithScopeAsync(async s =>
    {
        var articles = s.GetRequiredService<ArticleService>();
        var draft = await articles.CreateAsync(input, Editor, TestContext.Current.CancellationToken);
        return await articles.PublishAsync(draft.Id, draft.Version, Editor, TestContext.Current.CancellationToken);
    });

    public Task<ArticleDetail> CreateDraftAsync(ArticleInput input) => WithScopeAsync(s =>
        s.GetRequiredService<ArticleService>().CreateAsync(input, Editor, TestContext.Current.CancellationToken));

    public Task<ArticleDetail> ArticlesAsync(Func<ArticleService, Task<ArticleDetail>> work) =>
        WithScopeAsync(s => work(s.GetRequiredService<ArticleService>()));

    // Changes an article the way the admin form does: what it shows, edited, saved at its version.
    public Task<ArticleDetail> EditAsync(ArticleDetail article, Func<ArticleInput, ArticleInput> edit) =>
        ArticlesAsync(a => a.UpdateAsync(article.Id, edit(article.ToInput()), article.Version, Editor, TestContext.Current.CancellationToken));

    public Task<AuthorView> AuthorAsync(string name, string? bio = null, string? jobTitle = null) => WithScopeAsync(s =>
        s.GetRequiredService<AuthorService>().CreateAsync(new AuthorInput(name, JobTitle: jobTitle, Bio: bio), Editor,
            TestContext.Current.CancellationToken));

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await client.GetAsync(path, TestContext.Current.CancellationToken);
    }

    public async Task<XDocument> GetXmlAsync(string path, string expectedMediaType)
    {
        using var response = await GetAsync(path);
        response.EnsureSuccessStatusCode();
        Assert.Equal(expectedMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return await XDocument.LoadAsync(stream, LoadOptions.None, TestContext.Current.CancellationToken);
    }

    public new Task<IDocument> GetDocumentAsync(string path) => base.GetDocumentAsync(path);
}

// Articles as a newsroom writes them, with only what a test cares about spelled out.
public sealed class ArticleBuilder
{
    private ArticleInput input = new() { Headline = "A headline", BodyMarkdown = "Some text." };

    public ArticleBuilder Headline(string headline, string? slug = null)
    {
        input = input with { Headline = headline, Slug = slug };
        return this;
    }

    public ArticleBuilder Dek(string dek) { input = input with { Dek = dek }; return this; }

    public ArticleBuilder Body(string markdown) { input = input with { BodyMarkdown = markdown }; return this; }

    public ArticleBuilder Question(string question, string answer)
    {
        input = input with { Sections = [.. input.Sections, new QaSectionInput(question, answer)] };
        return this;
    }

    public ArticleBuilder By(params AuthorView[] authors) { input = input with { AuthorIds = authors.Select(a => a.Id).ToList() }; return this; }

    public ArticleBuilder Tagged(params string[] tags) { input = input with { Tags = tags }; return this; }

    public ArticleBuilder Attribution(string text, string? organization)
    {
        input = input with { Attributions = [.. input.Attributions, new AttributionInput(text, organization)] };
        return this;
    }

    public ArticleBuilder Correction(string text)
    {
        input = input with { Corrections = [.. input.Corrections, new CorrectionInput(CorrectionKind.Correction, text)] };
        return this;
    }

    public ArticleBuilder OriginalUrl(string url) { input = input with { OriginalUrl = url }; return this; }

    public ArticleBuilder LeadImage(int mediaId, string? caption) { input = input with { LeadImage = new LeadImageInput(mediaId, caption) }; return this; }

    public ArticleInput Build() => input;

    public static implicit operator ArticleInput(ArticleBuilder b) => b.input;
}

public static class MediaFixtures
{
    // A photo in the library as the media service leaves it: file, alt text, credit, renditions.
    // Inserted directly because these tests are about how pages and feeds carry it.
    public static Task<int> AddPhotoAsync(this NewsroomApp app, bool withRenditions = true) => app.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<NewsCms.Data.NewsCmsDbContext>();
        var hash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var asset = new NewsCms.Media.MediaAsset
        {
            ContentHash = hash,
            ContentType = "image/jpeg",
            Width = 3000,
            Height = 2000,
            AltText = "Farmers by a dry canal",
            DefaultCaption = "A canal near Kessel in July.",
            Credit = new NewsCms.Media.ImageCredit
            {
                CreditLine = "Ana Diaz / Regional Wire",
                Photographer = "Ana Diaz",
                Source = "Regional Wire",
                CopyrightNotice = "© 2026 Regional Wire",
                LicenseUrl = "https://example.org/licence",
                LicensorUrl = "https://example.org/buy",
            },
            UploadedAt = NewsroomApp.Start,
            UpdatedAt = NewsroomApp.Start,
        };
        if (withRenditions)
        {
            asset.Renditions.Add(new NewsCms.Media.MediaRendition { Width = 1200, Height = 675, Format = "jpeg", FileName = $"{hash}-1200x675.jpg" });
            asset.Renditions.Add(new NewsCms.Media.MediaRendition { Width = 1600, Height = 900, Format = "jpeg", FileName = $"{hash}-1600x900.jpg" });
            asset.Renditions.Add(new NewsCms.Media.MediaRendition { Width = 1000, Height = 750, Format = "jpeg", FileName = $"{hash}-1000x750.jpg" });
            asset.Renditions.Add(new NewsCms.Media.MediaRendition { Width = 800, Height = 800, Format = "jpeg", FileName = $"{hash}-800x800.jpg" });
            asset.Renditions.Add(new NewsCms.Media.MediaRendition { Width = 1200, Height = 675, Format = "webp", FileName = $"{hash}-1200x675.webp" });
        }
        db.MediaAssets.Add(asset);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return asset.Id;
    });
}
