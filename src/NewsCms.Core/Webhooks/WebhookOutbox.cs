using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NewsCms.Articles;
using NewsCms.Data;

namespace NewsCms.Webhooks;

// Queues one delivery per interested webhook, through the caller's DbContext: the rows commit
// with the change that caused them, or not at all.
public sealed class WebhookOutbox(NewsCmsDbContext db, TimeProvider clock) : IArticleChangeHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public Task BeforeCommitAsync(ArticleChange change, CancellationToken ct) => EventFor(change) is { } name
        ? EnqueueAsync(name, new { article = new { id = change.ArticleId, version = change.Version, status = change.Status } }, ct)
        : Task.CompletedTask;

    // Adds the rows; the caller's SaveChanges writes them. Media uploads call this for media.created.
    public async Task EnqueueAsync(string name, object data, CancellationToken ct)
    {
        var subscribers = (await db.WebhookSubscriptions.AsNoTracking().Where(w => w.IsActive).ToListAsync(ct))
            .Where(w => w.EventList.Contains(name, StringComparer.Ordinal))
            .ToList();
        if (subscribers.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var webhook in subscribers)
        {
            var delivery = new WebhookDelivery { SubscriptionId = webhook.Id, Event = name, CreatedAt = now, NextAttemptAt = now };
            db.WebhookDeliveries.Add(delivery);
            delivery.PayloadJson = JsonSerializer.Serialize(new { @event = name, occurredAt = now, data }, Json);
        }
    }

    // Readers see published articles only, so that is what integrators hear about.
    private static string? EventFor(ArticleChange change) => change switch
    {
        { Kind: ArticleChangeKind.Published } => WebhookEvents.ArticlePublished,
        { Kind: ArticleChangeKind.Updated, Status: ArticleStatus.Published } => WebhookEvents.ArticleUpdated,
        { Kind: ArticleChangeKind.Unpublished, PreviousStatus: ArticleStatus.Published } => WebhookEvents.ArticleUnpublished,
        _ => null,
    };
}
