using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Api;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.IntegrationTests.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Media;
using NewsCms.Settings;
using NewsCms.Tags;
using NewsCms.Tests.Media;
using NewsCms.Webhooks;

namespace NewsCms.IntegrationTests.Security;

// DESIGN.md's roles as a matrix: Writer (own drafts), Editor (edit all, publish, schedule,
// unpublish), Admin (users, API keys, site settings); API keys: read reads, write does what an
// Editor does. Each cell runs the action on fresh content and checks it is allowed or refused.
public sealed class RoleMatrixTests(NewsroomApp app) : IClassFixture<NewsroomApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Writer = new("Wendy Writer", "writer-1", Roles.Writer);
    private static readonly Actor OtherWriter = new("Walt Writer", "writer-2", Roles.Writer);
    private static readonly Actor Editor = new("Eli Editor", "editor-1", Roles.Editor);
    private static readonly Actor Admin = new("Ada Admin", "admin-1", Roles.Admin);

    private static Actor For(string role) => role switch
    {
        Roles.Writer => Writer,
        Roles.Editor => Editor,
        _ => Admin,
    };

    // Action -> the roles allowed to do it.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["create a draft"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["edit own draft"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["submit own draft for review"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["delete own draft"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["upload a photo"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["add a guest author"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["edit own author profile"] = [Roles.Writer, Roles.Editor, Roles.Admin],
        ["edit another's author profile"] = [Roles.Editor, Roles.Admin],
        ["edit another's draft"] = [Roles.Editor, Roles.Admin],
        ["edit own published article"] = [Roles.Editor, Roles.Admin],
        ["publish"] = [Roles.Editor, Roles.Admin],
        ["schedule"] = [Roles.Editor, Roles.Admin],
        ["unpublish"] = [Roles.Editor, Roles.Admin],
        ["restore a revision of another's article"] = [Roles.Editor, Roles.Admin],
        ["rename a tag"] = [Roles.Editor, Roles.Admin],
        ["delete a library photo"] = [Roles.Editor, Roles.Admin],
        ["create a user"] = [Roles.Admin],
        ["change site settings"] = [Roles.Admin],
        ["create an API key"] = [Roles.Admin],
        ["register a webhook"] = [Roles.Admin],
    };

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in Allowed.Keys)
            foreach (var role in new[] { Roles.Writer, Roles.Editor, Roles.Admin })
                data.Add(action, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_does_exactly_what_design_md_gives_it(string action, string role)
    {
        var actor = For(role);
        var expected = Allowed[action].Contains(role);

        var refused = await RefusedAsync(() => RunAsync(action, actor));

        Assert.True(refused != expected, $"{role} {(expected ? "should" : "should not")} be able to {action}" + (refused ? "" : " but was allowed"));
    }

    private static async Task<bool> RefusedAsync(Func<Task> work)
    {
        try
        {
            await work();
            return false;
        }
        catch (ForbiddenException)
        {
            return true;
        }
    }

    private Task RunAsync(string action, Actor actor) => app.WithScopeAsync<int>(async s =>
    {
        var articles = s.GetRequiredService<ArticleService>();
        async Task<ArticleDetail> DraftBy(Actor owner) =>
            await articles.CreateAsync(new ArticleBuilder().Headline($"Draft {Guid.NewGuid():N}").Body("Text."), owner, Ct);
        async Task<ArticleDetail> PublishedBy(Actor owner)
        {
            var draft = await DraftBy(owner);
            return await articles.PublishAsync(draft.Id, draft.Version, Editor, Ct);
        }
        // A profile linked to an account, as the accounts of the newsroom's own writers are.
        async Task<AuthorView> ProfileOf(Actor owner)
        {
            var author = await s.GetRequiredService<AuthorService>().CreateAsync(new AuthorInput($"Author {Guid.NewGuid():N}"[..20]), Admin, Ct);
            var db = s.GetRequiredService<NewsCmsDbContext>();
            (await db.Authors.SingleAsync(a => a.Id == author.Id, Ct)).UserId = owner.UserId;
            await db.SaveChangesAsync(Ct);
            return author;
        }
        async Task<int> PhotoAsync(Actor by) => (await s.GetRequiredService<MediaService>().UploadAsync(
            new MemoryStream(TestImages.Png(64, 48)), "photo.png", new MediaInput(AltText: "A grey square"), by, Ct)).Id;

        switch (action)
        {
            case "create a draft":
                await DraftBy(actor);
                break;
            case "edit own draft":
            {
                var own = await DraftBy(actor);
                await articles.UpdateAsync(own.Id, own.ToInput() with { Dek = "Edited." }, own.Version, actor, Ct);
                break;
            }
            case "submit own draft for review":
            {
                var own = await DraftBy(actor);
                await articles.SubmitForReviewAsync(own.Id, own.Version, actor, Ct);
                break;
            }
            case "delete own draft":
            {
                var own = await DraftBy(actor);
                await articles.DeleteAsync(own.Id, own.Version, actor, Ct);
                break;
            }
            case "upload a photo":
                await PhotoAsync(actor);
                break;
            case "add a guest author":
                await s.GetRequiredService<AuthorService>().CreateAsync(new AuthorInput($"Guest {Guid.NewGuid():N}"[..20]), actor, Ct);
                break;
            case "edit own author profile":
            {
                var own = await ProfileOf(actor);
                await s.GetRequiredService<AuthorService>().UpdateAsync(own.Id, new AuthorInput(own.Name, Bio: "Edited."), actor, Ct);
                break;
            }
            case "edit another's author profile":
            {
                var other = await ProfileOf(OtherWriter);
                await s.GetRequiredService<AuthorService>().UpdateAsync(other.Id, new AuthorInput(other.Name, Bio: "Edited."), actor, Ct);
                break;
            }
            case "edit another's draft":
            {
                var other = await DraftBy(OtherWriter);
                await articles.UpdateAsync(other.Id, other.ToInput() with { Dek = "Edited." }, other.Version, actor, Ct);
                break;
            }
            case "edit own published article":
            {
                var live = await PublishedBy(actor);
                await articles.UpdateAsync(live.Id, live.ToInput() with { Dek = "Edited." }, live.Version, actor, Ct);
                break;
            }
            case "publish":
            {
                var own = await DraftBy(actor);
                await articles.PublishAsync(own.Id, own.Version, actor, Ct);
                break;
            }
            case "schedule":
            {
                var own = await DraftBy(actor);
                await articles.ScheduleAsync(own.Id, NewsroomApp.Start.AddDays(1), own.Version, actor, Ct);
                break;
            }
            case "unpublish":
            {
                var live = await PublishedBy(actor);
                await articles.UnpublishAsync(live.Id, live.Version, actor, Ct);
                break;
            }
            case "restore a revision of another's article":
            {
                var other = await DraftBy(OtherWriter);
                var edited = await articles.UpdateAsync(other.Id, other.ToInput() with { Dek = "Second." }, other.Version, OtherWriter, Ct);
                await articles.RestoreRevisionAsync(other.Id, 1, edited.Version, actor, Ct);
                break;
            }
            case "rename a tag":
            {
                var tag = await s.GetRequiredService<TagService>().CreateAsync(new TagInput($"Tag {Guid.NewGuid():N}"[..20]), Admin, Ct);
                await s.GetRequiredService<TagService>().UpdateAsync(tag.Id, new TagInput(tag.Name + " renamed"), actor, Ct);
                break;
            }
            case "delete a library photo":
                await s.GetRequiredService<MediaService>().DeleteAsync(await PhotoAsync(Admin), actor, Ct);
                break;
            case "create a user":
                await s.GetRequiredService<AccountService>().CreateAsync(
                    new NewUserInput($"{Guid.NewGuid():N}@newsroom.test", "New Colleague", Roles.Writer, null), actor, Ct);
                break;
            case "change site settings":
                await s.GetRequiredService<SiteSettingsService>().UpdateAsync(
                    new SiteSettingsInput("NewsCms Daily", null, null, null, null), actor, Ct);
                break;
            case "create an API key":
                await s.GetRequiredService<ApiKeyService>().CreateAsync("Matrix key", ApiKeyScope.Read, actor, Ct);
                break;
            case "register a webhook":
                await s.GetRequiredService<WebhookService>().CreateAsync("https://hooks.example.org/newscms", [WebhookEvents.ArticlePublished], actor, Ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "No such action in the matrix.");
        }
        return 0;
    });

    // Over HTTP: anonymous callers, read keys and write keys on the API's writes and draft reads.
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound)]
    [InlineData(ApiKeyScope.Read, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK)]
    [InlineData(ApiKeyScope.Write, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Api_callers_are_held_to_their_scope(ApiKeyScope? scope, HttpStatusCode create, HttpStatusCode publish, HttpStatusCode readDraft)
    {
        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline($"Scope draft {scope}"));
        var key = scope is { } s ? (await app.CreateKeyAsync(s, $"{s} key")).PlainKey : null;
        using var client = app.ApiClient(key);

        using (var created = await client.PostAsync("/api/v1/articles", ApiTestKit.Json(ApiTestKit.Explainer($"By {scope}")), Ct))
            Assert.Equal(create, created.StatusCode);
        using (var published = await client.PostAsync($"/api/v1/articles/{draft.Id}/publish", null, Ct))
            Assert.Equal(publish, published.StatusCode);
        using (var read = await client.GetAsync($"/api/v1/articles/{draft.Id}", Ct))
            Assert.Equal(readDraft, read.StatusCode);
    }
}
