using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Webhooks;

public sealed record WebhookView(
    int Id, string Url, IReadOnlyList<string> Events, bool IsActive, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError);

// The signing secret exists in the Admin's hands from this moment; the list never shows it.
public sealed record CreatedWebhook(WebhookView Webhook, string Secret);

public sealed record WebhookDeliveryView(
    long Id, string Event, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset? AbandonedAt,
    DateTimeOffset NextAttemptAt, int? LastStatusCode, string? LastError, string? LastResponseBody);

// Admins register the addresses that hear about published, updated and unpublished articles.
public sealed class WebhookService(NewsCmsDbContext db, TimeProvider clock)
{
    public async Task<CreatedWebhook> CreateAsync(string? url, IReadOnlyList<string>? events, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var errors = new ValidationErrors();
        var address = url?.Trim() ?? "";
        errors.Required("Url", address, "The address");
        errors.MaxLength("Url", address, FieldLimits.Url, "The address");
        errors.AbsoluteHttpUrl("Url", address, "The address");
        var wanted = (events ?? []).Select(e => e?.Trim() ?? "").Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) errors.Add("Events", $"Choose at least one event: {string.Join(", ", WebhookEvents.All)}.");
        foreach (var unknown in wanted.Except(WebhookEvents.All, StringComparer.Ordinal))
            errors.Add("Events", $"\"{unknown}\" is not an event; the events are {string.Join(", ", WebhookEvents.All)}.");
        errors.ThrowIfAny();

        var webhook = new WebhookSubscription
        {
            Url = address,
            Events = string.Join(',', wanted),
            Secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Name.Length > FieldLimits.Actor ? actor.Name[..FieldLimits.Actor] : actor.Name,
        };
        db.WebhookSubscriptions.Add(webhook);
        await db.SaveChangesAsync(ct);
        return new CreatedWebhook(ToView(webhook), webhook.Secret);
    }

    public async Task<IReadOnlyList<WebhookView>> ListAsync(Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var all = await db.WebhookSubscriptions.AsNoTracking().OrderBy(w => w.Id).ToListAsync(ct);
        return all.Select(ToView).ToList();
    }

    // Paused webhooks collect no new deliveries; what was queued is dropped when its turn comes.
    public async Task<WebhookView> SetActiveAsync(int id, bool active, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var webhook = await FindAsync(id, ct);
        webhook.IsActive = active;
        await db.SaveChangesAsync(ct);
        return ToView(webhook);
    }

    public async Task DeleteAsync(int id, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        db.WebhookSubscriptions.Remove(await FindAsync(id, ct));
        await db.SaveChangesAsync(ct);
    }

    // The latest deliveries, newest first, with what the receiver answered.
    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(int id, int limit, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        await FindAsync(id, ct);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, 200))
            .Select(d => new WebhookDeliveryView(d.Id, d.Event, d.CreatedAt, d.Attempts, d.DeliveredAt, d.AbandonedAt, d.NextAttemptAt,
                d.LastStatusCode, d.LastError, d.LastResponseBody))
            .ToListAsync(ct);
    }

    private async Task<WebhookSubscription> FindAsync(int id, CancellationToken ct) =>
        await db.WebhookSubscriptions.FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException($"Webhook {id}");

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only an administrator can manage webhooks.");
    }

    private static WebhookView ToView(WebhookSubscription w) =>
        new(w.Id, w.Url, w.EventList.ToList(), w.IsActive, w.CreatedAt, w.CreatedBy, w.LastAttemptAt, w.LastStatusCode, w.LastError);
}
