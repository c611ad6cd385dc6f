using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Common;
using NewsCms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NewsCms.Media;
using NewsCms.Tests.Media;
using NewsCms.Webhooks;
using SkiaSharp;

namespace NewsCms.IntegrationTests.Webhooks;

public sealed class WebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The test steps the clock and runs the dispatcher itself.
    private static NewsroomApp App() => new NewsroomApp().With("NewsCms:Webhooks:SendInBackground", "false");

    private static Task<CreatedWebhook> SubscribeAsync(NewsroomApp app, string url, params string[] events) =>
        app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().CreateAsync(url, events, NewsroomApp.Admin, Ct));

    private static Task<int> SendDueAsync(NewsroomApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<WebhookDispatcher>().SendDueAsync(Ct));

    private static Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(NewsroomApp app, int webhookId) =>
        app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().DeliveriesAsync(webhookId, 50, NewsroomApp.Admin, Ct));

    [Fact]
    public async Task Publishing_sends_a_signed_article_published_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var hook = await SubscribeAsync(app, receiver.Url, WebhookEvents.ArticlePublished);

        var article = await app.PublishAsync(new ArticleBuilder().Headline("Gates open at Kessel"));
        Assert.Equal(1, await SendDueAsync(app));

        var received = Assert.Single(receiver.Received);
        Assert.Equal("article.published", received.Event);
        using var payload = JsonDocument.Parse(received.Body);
        Assert.Equal("article.published", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(article.Id, payload.RootElement.GetProperty("data").GetProperty("article").GetProperty("id").GetInt32());
        Assert.Equal("published", payload.RootElement.GetProperty("data").GetProperty("article").GetProperty("status").GetString());
        // The receiver checks the signature with the secret it was given.
        var timestamp = long.Parse(received.Signature!.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(NewsroomApp.Start.ToUnixTimeSeconds(), timestamp);
        Assert.Equal(WebhookDispatcher.Sign(hook.Secret, timestamp, received.Body), received.Signature);
        Assert.DoesNotContain(WebhookDispatcher.Sign("whsec_other", timestamp, received.Body), received.Signature, StringComparison.Ordinal);

        var delivery = Assert.Single(await DeliveriesAsync(app, hook.Webhook.Id));
        Assert.Equal(NewsroomApp.Start, delivery.DeliveredAt);
        Assert.Equal(200, delivery.LastStatusCode);
        Assert.Equal("thanks", delivery.LastResponseBody);
        Assert.Equal(0, await SendDueAsync(app));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_after_its_backoff_and_the_answers_are_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answers.Enqueue(503);
        await using var app = App();
        var hook = await SubscribeAsync(app, receiver.Url, WebhookEvents.ArticlePublished);
        await app.PublishAsync(new ArticleBuilder().Headline("Retry me"));

        Assert.Equal(1, await SendDueAsync(app));
        var failed = Assert.Single(await DeliveriesAsync(app, hook.Webhook.Id));
        Assert.Null(failed.DeliveredAt);
        Assert.Equal(503, failed.LastStatusCode);
        Assert.Equal("try later", failed.LastResponseBody);
        Assert.Equal(NewsroomApp.Start + WebhookDispatcher.FirstRetry, failed.NextAttemptAt);
        var listed = Assert.Single(await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>().ListAsync(NewsroomApp.Admin, Ct)));
        Assert.Equal(503, listed.LastStatusCode);

        // Not before its time.
        app.Clock.Advance(WebhookDispatcher.FirstRetry - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await SendDueAsync(app));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SendDueAsync(app));

        var delivered = Assert.Single(await DeliveriesAsync(app, hook.Webhook.Id));
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(NewsroomApp.Start + WebhookDispatcher.FirstRetry, delivered.DeliveredAt);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Delivery).Distinct());
    }

    [Fact]
    public async Task An_unreachable_receiver_is_given_up_on_after_the_last_attempt()
    {
        await using var app = App();
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var hook = await SubscribeAsync(app, "http://127.0.0.1:9/hook", WebhookEvents.ArticlePublished);
        await app.PublishAsync(new ArticleBuilder().Headline("Nobody listens"));

        for (var attempt = 1; attempt <= WebhookDispatcher.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await SendDueAsync(app));
            app.Clock.Advance(WebhookDispatcher.Backoff(attempt));
        }

        var delivery = Assert.Single(await DeliveriesAsync(app, hook.Webhook.Id));
        Assert.NotNull(delivery.AbandonedAt);
        Assert.Equal(WebhookDispatcher.MaxAttempts, delivery.Attempts);
        Assert.Null(delivery.LastStatusCode);
        Assert.False(string.IsNullOrWhiteSpace(delivery.LastError));
        Assert.Equal(0, await SendDueAsync(app));
    }

    [Fact]
    public async Task Only_the_events_a_webhook_asked_for_are_queued()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var updates = await SubscribeAsync(app, receiver.Url, WebhookEvents.ArticleUpdated, WebhookEvents.ArticleUnpublished);

        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline("Quiet draft"));
        draft = await app.EditAsync(draft, i => i with { Dek = "Drafts are nobody's business." });
        var published = await app.ArticlesAsync(a => a.PublishAsync(draft.Id, draft.Version, NewsroomApp.Editor, Ct));
        Assert.Empty(await DeliveriesAsync(app, updates.Webhook.Id));

        published = await app.EditAsync(published, i => i with { Dek = "Now it is news." });
        await app.ArticlesAsync(a => a.UnpublishAsync(published.Id, published.Version, NewsroomApp.Editor, Ct));

        Assert.Equal(["article.unpublished", "article.updated"], (await DeliveriesAsync(app, updates.Webhook.Id)).Select(d => d.Event));
    }

    [Fact]
    public async Task Uploading_a_photo_queues_media_created_once()
    {
        await using var app = App();
        var hook = await SubscribeAsync(app, "https://example.org/hook", WebhookEvents.MediaCreated);
        var photo = TestImages.Jpeg(64, 48, SKColors.Teal);

        Task<MediaView> UploadAsync() => app.WithScopeAsync(s => s.GetRequiredService<MediaService>()
            .UploadAsync(new MemoryStream(photo), "canal.jpg", new MediaInput(AltText: "A canal"), NewsroomApp.Editor, Ct));
        var uploaded = await UploadAsync();
        // The same bytes again are the same photo, not a new one.
        await UploadAsync();

        var delivery = Assert.Single(await DeliveriesAsync(app, hook.Webhook.Id));
        Assert.Equal(WebhookEvents.MediaCreated, delivery.Event);
        var payload = await app.WithScopeAsync(s => s.GetRequiredService<NewsCms.Data.NewsCmsDbContext>().WebhookDeliveries
            .Select(d => d.PayloadJson).SingleAsync(Ct));
        using var json = JsonDocument.Parse(payload);
        Assert.Equal(uploaded.Id, json.RootElement.GetProperty("data").GetProperty("media").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Only_admins_register_webhooks_for_known_events_at_http_addresses()
    {
        await using var app = App();

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => SubscribeAsync(app, "ftp://example.org/hook", "article.deleted"));
        Assert.Equal(["Events", "Url"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.WithScopeAsync(s =>
            s.GetRequiredService<WebhookService>().CreateAsync("https://example.org/hook", [WebhookEvents.ArticlePublished], NewsroomApp.Editor, Ct)));
        var created = await SubscribeAsync(app, "https://example.org/hook", WebhookEvents.ArticlePublished);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
    }
}
