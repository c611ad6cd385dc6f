using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.IntegrationTests.Webhooks;
using NewsCms.Web.Areas.Admin.Models;
using NewsCms.Web.Infrastructure;
using NewsCms.Webhooks;

namespace NewsCms.IntegrationTests.Admin;

// The admin app with the webhook sender stopped: each test runs the dispatcher when it chooses.
public sealed class WebhookAdminFactory : AdminFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NewsCms:Webhooks:SendInBackground", "false");
    }
}

public sealed class WebhooksAdminTests(WebhookAdminFactory app) : IClassFixture<WebhookAdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static readonly Actor Admin = new("Test admin", null, Roles.Admin);

    private Task<CreatedWebhook> SubscribeAsync(string url, params string[] events) =>
        app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().CreateAsync(url, events, Admin, Ct));

    private Task<WebhookView> StoredAsync(int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().GetAsync(id, Admin, Ct));

    private Task<string> SecretOfAsync(int id) => app.WithScopeAsync(s =>
        s.GetRequiredService<NewsCmsDbContext>().WebhookSubscriptions.Where(w => w.Id == id).Select(w => w.Secret).SingleAsync(Ct));

    internal static async Task<HttpResponseMessage> RegisterAsync(AdminSession admin, string url, params string[] events)
    {
        var page = await admin.GetDocumentAsync("/admin/webhooks/new");
        foreach (var box in page.QuerySelectorAll<IHtmlInputElement>("input[name='Events']")) box.IsChecked = events.Contains(box.Value);
        return await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form[action='/admin/webhooks/new']")!, new() { ["Url"] = url });
    }

    internal static IElement Row(IDocument list, int id) => list.QuerySelector($"tr.webhook[data-webhook-id='{id}']")!;

    internal static Task<HttpResponseMessage> PressAsync(AdminSession admin, IDocument page, string action) =>
        admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"main form[action='{action}']")!);

    [Fact]
    public async Task An_admin_registers_a_webhook_and_is_shown_its_signing_secret_once()
    {
        using var admin = await app.SignInAsync(Roles.Admin, "Noor Admin");
        var url = $"https://partner.example.org/hooks/{Guid.NewGuid():N}";

        using var created = await RegisterAsync(admin, url, WebhookEvents.ArticlePublished, WebhookEvents.MediaCreated);
        var page = await AdminSession.ReadAsync(created);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var secret = page.QuerySelector<IHtmlInputElement>("#webhook_secret")!.Value;
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().WebhookSubscriptions.AsNoTracking().SingleAsync(w => w.Url == url, Ct));
        Assert.Equal(stored.Secret, secret);
        Assert.Equal([WebhookEvents.ArticlePublished, WebhookEvents.MediaCreated], stored.EventList);
        Assert.Equal("Noor Admin", stored.CreatedBy);

        var list = await admin.GetDocumentAsync("/admin/webhooks");
        var row = Row(list, stored.Id);
        Assert.Equal(url, row.QuerySelector("th a")!.TextContent.Trim());
        Assert.Equal("article.published, media.created", row.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal("Active", row.QuerySelector(".webhook-state")!.TextContent.Trim());
        AdminOnlyPages.AssertNowhere(list, secret);
        AdminOnlyPages.AssertNowhere(await admin.GetDocumentAsync($"/admin/webhooks/{stored.Id}"), secret);
        Assert.Contains("/admin/webhooks", AdminOnlyPages.NavLinks(list));
    }

    [Fact]
    public async Task A_bad_address_and_no_events_are_refused_beside_their_fields_with_the_form_kept()
    {
        using var admin = await app.SignInAsync(Roles.Admin);

        using var refused = await RegisterAsync(admin, "ftp://partner.example.org/hook");
        var page = await AdminSession.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("ftp://partner.example.org/hook", page.QuerySelector<IHtmlInputElement>("#Url")!.Value);
        Assert.Equal("The address must be an absolute http or https address.", page.QuerySelector("#Url-error")!.TextContent.Trim());
        Assert.Contains("Url-error", page.QuerySelector("#Url")!.GetAttribute("aria-describedby")!.Split(' '));
        Assert.StartsWith("Choose at least one event", page.QuerySelector("#Events-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll(".error-summary li").Length);

        using var relative = await RegisterAsync(admin, "/hooks/relative", WebhookEvents.ArticleUpdated);
        page = await AdminSession.ReadAsync(relative);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, relative.StatusCode);
        Assert.NotNull(page.QuerySelector("#Url-error"));
        Assert.Null(page.QuerySelector("#Events-error"));
        Assert.Equal([WebhookEvents.ArticleUpdated], page.QuerySelectorAll<IHtmlInputElement>("input[name='Events']:checked").Select(i => i.Value));

        Assert.DoesNotContain(await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().ListAsync(Admin, Ct)),
            w => w.Url.EndsWith("/hook", StringComparison.Ordinal) || w.Url.EndsWith("/relative", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_pauses_enables_and_after_confirming_deletes_a_webhook()
    {
        var hook = await SubscribeAsync($"https://partner.example.org/{Guid.NewGuid():N}", WebhookEvents.ArticleUpdated);
        var id = hook.Webhook.Id;
        using var admin = await app.SignInAsync(Roles.Admin);

        var list = await admin.FollowAsync(await PressAsync(admin, await admin.GetDocumentAsync("/admin/webhooks"), $"/admin/webhooks/{id}/disable"));
        Assert.Equal("Paused", Row(list, id).QuerySelector(".webhook-state")!.TextContent.Trim());
        Assert.False((await StoredAsync(id)).IsActive);

        list = await admin.FollowAsync(await PressAsync(admin, list, $"/admin/webhooks/{id}/enable"));
        Assert.Equal("Active", Row(list, id).QuerySelector(".webhook-state")!.TextContent.Trim());
        Assert.True((await StoredAsync(id)).IsActive);

        var confirm = await admin.GetDocumentAsync(Row(list, id).QuerySelector("a[href$='/delete']")!.GetAttribute("href")!);
        Assert.Equal($"Delete the webhook for {hook.Webhook.Url}?", confirm.QuerySelector("main h1")!.TextContent.Trim());
        await StoredAsync(id);
        list = await admin.FollowAsync(await PressAsync(admin, confirm, $"/admin/webhooks/{id}/delete"));

        Assert.Null(list.QuerySelector($"tr.webhook[data-webhook-id='{id}']"));
        Assert.Contains(hook.Webhook.Url, list.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => StoredAsync(id));
        using var gone = await admin.GetAsync($"/admin/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_paused_webhook_sends_no_test_event_and_says_why()
    {
        var hook = await SubscribeAsync($"https://partner.example.org/{Guid.NewGuid():N}", WebhookEvents.ArticlePublished);
        await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().SetActiveAsync(hook.Webhook.Id, false, Admin, Ct));
        using var admin = await app.SignInAsync(Roles.Admin);

        var page = await admin.FollowAsync(await PressAsync(admin, await admin.GetDocumentAsync($"/admin/webhooks/{hook.Webhook.Id}"),
            $"/admin/webhooks/{hook.Webhook.Id}/test"));

        Assert.Equal("The webhook is paused: enable it before sending a test event.", page.QuerySelector("main .trouble")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("tr.delivery"));
    }

    [Fact]
    public async Task Replacing_the_signing_secret_shows_the_new_one_once_and_the_old_one_stops_signing()
    {
        var hook = await SubscribeAsync($"https://partner.example.org/{Guid.NewGuid():N}", WebhookEvents.ArticlePublished);
        using var admin = await app.SignInAsync(Roles.Admin);

        var page = await admin.GetDocumentAsync($"/admin/webhooks/{hook.Webhook.Id}");
        var confirm = await admin.GetDocumentAsync(page.QuerySelector("main a[href$='/secret']")!.GetAttribute("href")!);
        Assert.Equal(hook.Secret, await SecretOfAsync(hook.Webhook.Id));
        using var replaced = await PressAsync(admin, confirm, $"/admin/webhooks/{hook.Webhook.Id}/secret");
        var secret = (await AdminSession.ReadAsync(replaced)).QuerySelector<IHtmlInputElement>("#webhook_secret")!.Value;

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(hook.Secret, secret);
        Assert.Equal(secret, await SecretOfAsync(hook.Webhook.Id));
    }

    [Theory]
    [InlineData(Roles.Writer)]
    [InlineData(Roles.Editor)]
    public async Task Writers_and_editors_are_turned_away_from_every_webhook_page_and_action(string role)
    {
        var hook = await SubscribeAsync($"https://partner.example.org/{Guid.NewGuid():N}", WebhookEvents.ArticlePublished);
        var id = hook.Webhook.Id;
        var before = (await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().ListAsync(Admin, Ct))).Count;
        using var member = await app.SignInAsync(role);

        await AdminOnlyPages.AssertTurnedAwayAsync(member,
            ["/admin/webhooks", "/admin/webhooks/new", $"/admin/webhooks/{id}", $"/admin/webhooks/{id}/delete", $"/admin/webhooks/{id}/secret"],
            ["/admin/webhooks/new", $"/admin/webhooks/{id}/disable", $"/admin/webhooks/{id}/enable", $"/admin/webhooks/{id}/test",
                $"/admin/webhooks/{id}/secret", $"/admin/webhooks/{id}/delete"]);

        var after = await StoredAsync(id);
        Assert.True(after.IsActive);
        Assert.Equal(before, (await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().ListAsync(Admin, Ct))).Count);
        Assert.Empty(await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().DeliveriesAsync(id, 10, Admin, Ct)));
        Assert.Equal(hook.Secret, await SecretOfAsync(id));
        Assert.DoesNotContain("/admin/webhooks", AdminOnlyPages.NavLinks(await member.GetDocumentAsync("/admin/articles")));
    }
}

// Its own app: the dispatcher sends everything due, so no other test's webhooks may be waiting.
public sealed class WebhookDeliveriesPageTests(WebhookAdminFactory app) : IClassFixture<WebhookAdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> SendDueAsync() => app.WithScopeAsync(s => s.GetRequiredService<WebhookDispatcher>().SendDueAsync(Ct));

    [Fact]
    public async Task The_deliveries_page_shows_what_a_loopback_receiver_answered_to_a_test_event_and_to_a_failed_publication()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await app.SignInAsync(Roles.Admin);
        using var registered = await WebhooksAdminTests.RegisterAsync(admin, receiver.Url, WebhookEvents.ArticlePublished);
        var secret = (await AdminSession.ReadAsync(registered)).QuerySelector<IHtmlInputElement>("#webhook_secret")!.Value;
        var id = (await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().ListAsync(WebhooksAdminTests.Admin, Ct))).Single(w => w.Url == receiver.Url).Id;

        // The test event: queued by the button, sent by the dispatcher, answered 200 "thanks".
        var page = await admin.FollowAsync(await WebhooksAdminTests.PressAsync(admin, await admin.GetDocumentAsync($"/admin/webhooks/{id}"), $"/admin/webhooks/{id}/test"));
        Assert.StartsWith("A test event is queued", page.QuerySelector("main .notice")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Queued", page.QuerySelector("tr.delivery .delivery-state")!.TextContent.Trim());
        Assert.Equal(1, await SendDueAsync());
        var received = Assert.Single(receiver.Received);
        Assert.Equal(WebhookEvents.Test, received.Event);
        var timestamp = long.Parse(received.Signature!.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WebhookDispatcher.Sign(secret, timestamp, received.Body), received.Signature);

        page = await admin.GetDocumentAsync($"/admin/webhooks/{id}");
        var test = Assert.Single(page.QuerySelectorAll("tr.delivery"));
        Assert.Equal(WebhookEvents.Test, test.QuerySelector(".delivery-event")!.TextContent.Trim());
        Assert.StartsWith("Delivered", test.QuerySelector(".delivery-state")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("1", test.QuerySelector(".delivery-attempts")!.TextContent.Trim());
        Assert.Equal("200", test.QuerySelector(".delivery-status")!.TextContent.Trim());
        Assert.Equal("thanks", test.QuerySelector(".delivery-body")!.TextContent.Trim());
        Assert.Equal("none", test.QuerySelector(".delivery-next")!.TextContent.Trim());

        // A publication the receiver refuses with a long page: retried later, its answer cut short.
        receiver.Answers.Enqueue(503);
        receiver.Bodies.Enqueue("Service unavailable. " + new string('x', 600));
        var editor = new Actor("Test editor", null, Roles.Editor);
        await app.WithScopeAsync(async s =>
        {
            var articles = s.GetRequiredService<ArticleService>();
            var draft = await articles.CreateAsync(new ArticleBuilder().Headline("Dam gates reopen"), editor, Ct);
            return await articles.PublishAsync(draft.Id, draft.Version, editor, Ct);
        });
        Assert.Equal(1, await SendDueAsync());

        page = await admin.GetDocumentAsync($"/admin/webhooks/{id}");
        var failed = page.QuerySelectorAll("tr.delivery")[0];
        Assert.Equal(WebhookEvents.ArticlePublished, failed.QuerySelector(".delivery-event")!.TextContent.Trim());
        Assert.Equal("Retrying", failed.QuerySelector(".delivery-state")!.TextContent.Trim());
        Assert.Equal("1", failed.QuerySelector(".delivery-attempts")!.TextContent.Trim());
        Assert.Equal("503", failed.QuerySelector(".delivery-status")!.TextContent.Trim());
        Assert.Equal("The receiver answered 503.", failed.QuerySelector(".delivery-error")!.TextContent.Trim());
        var body = failed.QuerySelector(".delivery-body")!.TextContent.Trim();
        Assert.Equal(WebhookPage.ExcerptLength + 1, body.Length);
        Assert.StartsWith("Service unavailable. xxx", body, StringComparison.Ordinal);
        Assert.EndsWith("…", body, StringComparison.Ordinal);
        Assert.Equal(DisplayFormats.Iso(app.Clock.GetUtcNow() + WebhookDispatcher.FirstRetry, TimeZoneInfo.Utc),
            failed.QuerySelector(".delivery-next time")!.GetAttribute("datetime"));

        var list = await admin.GetDocumentAsync("/admin/webhooks");
        Assert.Contains("The receiver answered 503.", WebhooksAdminTests.Row(list, id).QuerySelectorAll("td")[2].TextContent, StringComparison.Ordinal);
    }
}
