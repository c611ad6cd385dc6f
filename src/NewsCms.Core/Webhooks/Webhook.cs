namespace NewsCms.Webhooks;

public static class WebhookEvents
{
    public const string ArticlePublished = "article.published";
    public const string ArticleUpdated = "article.updated";
    public const string ArticleUnpublished = "article.unpublished";
    public const string MediaCreated = "media.created";

    public static readonly IReadOnlyList<string> All = [ArticlePublished, ArticleUpdated, ArticleUnpublished, MediaCreated];
}

// An address an Admin registered to hear about changes. Deliveries are signed with its secret.
public sealed class WebhookSubscription
{
    public int Id { get; set; }
    public string Url { get; set; } = "";

    // The events it wants, comma-separated ("article.published,article.updated").
    public string Events { get; set; } = "";

    // The HMAC key. Kept in clear because every delivery is signed with it; shown to the Admin once.
    public string Secret { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    // The last attempt's outcome, for the admin list.
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    public IEnumerable<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

// One event for one subscriber: the outbox row. Written in the same transaction as the change,
// so a crash between the change and the sending loses nothing; sent, retried and recorded by
// WebhookDispatcher.
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public WebhookSubscription? Subscription { get; set; }
    public string Event { get; set; } = "";
    public string PayloadJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    // Set when the retries ran out.
    public DateTimeOffset? AbandonedAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public string? LastResponseBody { get; set; }
}
