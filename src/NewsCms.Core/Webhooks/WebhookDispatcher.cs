using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Webhooks;

// Sends what the outbox holds. Each POST is signed: X-NewsCms-Signature is
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>", so a
// receiver can check it came from us and is fresh. A failure is retried with growing waits;
// every attempt's answer is recorded for the admin.
public sealed class WebhookDispatcher(HttpClient http, NewsCmsDbContext db, TimeProvider clock, ILogger<WebhookDispatcher> log)
{
    public const int MaxAttempts = 8;
    public const int BatchSize = 20;
    public const string SignatureHeader = "X-NewsCms-Signature";
    public const string EventHeader = "X-NewsCms-Event";
    public const string DeliveryHeader = "X-NewsCms-Delivery";
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    // How long a delivery being sent is held by the instance that claimed it. If that instance
    // dies mid-send, another sends it once this has passed (receivers dedupe on X-NewsCms-Delivery).
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    // 30 s, 1 min, 2 min, ... up to six hours between attempts.
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}")));
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
    }

    // One round: every due delivery, oldest first. Returns how many this instance attempted:
    // several instances may run rounds at once, and each delivery goes out from one of them.
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.WebhookDeliveries.Include(d => d.Subscription)
            .Where(d => d.DeliveredAt == null && d.AbandonedAt == null && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var attempted = 0;
        foreach (var delivery in due)
        {
            if (!await ClaimAsync(delivery, now, ct)) continue;
            await AttemptAsync(delivery, ct);
            // Recorded one by one: a crash mid-round repeats at most the delivery in flight.
            await db.SaveChangesAsync(ct);
            attempted++;
        }
        return attempted;
    }

    // Moves the delivery's next attempt a lease ahead, on condition that it still holds the value
    // this round read: of several instances that read it, one update finds the row and sends.
    private async Task<bool> ClaimAsync(WebhookDelivery delivery, DateTimeOffset now, CancellationToken ct)
    {
        var seen = delivery.NextAttemptAt;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.NextAttemptAt == seen && d.DeliveredAt == null && d.AbandonedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, now + ClaimLease), ct);
        if (claimed == 1) return true;
        db.Entry(delivery).State = EntityState.Detached;
        return false;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var webhook = delivery.Subscription!;
        var now = clock.GetUtcNow();
        if (!webhook.IsActive)
        {
            delivery.AbandonedAt = now;
            delivery.LastError = "The webhook was paused before this was sent.";
            return;
        }

        delivery.Attempts++;
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(EventHeader, delivery.Event);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(webhook.Secret, now.ToUnixTimeSeconds(), delivery.PayloadJson));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.LastResponseBody = await ReadStartAsync(response, ct);
            delivery.LastError = response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode}.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            delivery.LastResponseBody = null;
            delivery.LastError = e is TaskCanceledException ? "The receiver did not answer in time." : Trim(e.Message, FieldLimits.WebhookError);
        }

        if (delivery.LastError is null) delivery.DeliveredAt = now;
        else if (delivery.Attempts >= MaxAttempts)
        {
            delivery.AbandonedAt = now;
            log.LogWarning("Gave up on webhook delivery {Delivery} to {Url} after {Attempts} attempts: {Error}",
                delivery.Id, webhook.Url, delivery.Attempts, delivery.LastError);
        }
        else delivery.NextAttemptAt = now + Backoff(delivery.Attempts);

        webhook.LastAttemptAt = now;
        webhook.LastStatusCode = delivery.LastStatusCode;
        webhook.LastError = delivery.LastError;
    }

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[FieldLimits.WebhookResponse];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read == 0 ? null : new string(buffer, 0, read);
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
