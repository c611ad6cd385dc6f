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

    private readonly Dictionary<string, string> settings = new(StringComparer.Ordinal);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override bool SeedDemoContent => false;

    public NewsroomApp With(string key, string value)
    {
        settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
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
