using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Common;

namespace NewsCms.BrowserTests.Infrastructure;

// An empty newsroom with a writer, an editor and one published article to relate to: the
// journey builds everything else through the pages.
public sealed class NewsroomSite : SiteServer
{
    public const string Password = "correct horse staple battery";
    public const string WriterEmail = "writer@newsroom.test";
    public const string EditorEmail = "editor@newsroom.test";

    protected override bool SeedDemoContent => false;

    public ArticleDetail Related { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        await WithScopeAsync(async s =>
        {
            var accounts = s.GetRequiredService<AccountService>();
            await accounts.CreateAsync(new NewUserInput(WriterEmail, "Wren Writer", Roles.Writer, Password), Actor.System, ct);
            return await accounts.CreateAsync(new NewUserInput(EditorEmail, "Eda Editor", Roles.Editor, Password), Actor.System, ct);
        });
        Related = await WithScopeAsync(s => s.GetRequiredService<ArticleService>().CreatePublishedAsync(new ArticleInput
        {
            Headline = "Dam Talks Stall Over Summer Water Quotas",
            Kind = ArticleKind.News,
            BodyMarkdown = "Negotiators left the dam without an agreement.",
        }, DateTimeOffset.UtcNow.AddHours(-2), new Actor("Seed editor", null, Roles.Editor), ct));
    }
}
