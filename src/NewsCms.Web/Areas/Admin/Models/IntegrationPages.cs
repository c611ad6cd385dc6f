using NewsCms.Api;
using NewsCms.Webhooks;

namespace NewsCms.Web.Areas.Admin.Models;

public sealed class NewApiKeyForm
{
    public string? Name { get; set; }
    public string? Scope { get; set; } = "read";

    // Anything but read or write reaches the service as an undefined scope, which refuses it
    // with its own message: the rule stays in ApiKeyService.
    public ApiKeyScope ToScope() => Scope switch
    {
        "read" => ApiKeyScope.Read,
        "write" => ApiKeyScope.Write,
        _ => (ApiKeyScope)(-1),
    };
}

public sealed record ApiKeysPage(IReadOnlyList<ApiKeyView> Keys, TimeZoneInfo Zone);

public sealed record ApiKeyCreatedPage(ApiKeyView Key, string PlainKey);

public sealed record ApiKeyRevokePage(ApiKeyView Key, TimeZoneInfo Zone);

public sealed class NewWebhookForm
{
    public string? Url { get; set; }
    public List<string> Events { get; set; } = [];
}

public sealed record WebhooksPage(IReadOnlyList<WebhookView> Webhooks, TimeZoneInfo Zone);

// After registering or replacing the secret: the only page that ever shows it.
public sealed record WebhookSecretPage(WebhookView Webhook, string Secret, bool Replaced);

public sealed record WebhookPage(WebhookView Webhook, IReadOnlyList<WebhookDeliveryView> Deliveries, TimeZoneInfo Zone)
{
    public const int Shown = 50;
    public const int ExcerptLength = 200;

    // A receiver may answer with a whole HTML error page: the table shows its start.
    public static string? Excerpt(string? text) =>
        text is null ? null : text.Length <= ExcerptLength ? text : text[..ExcerptLength].TrimEnd() + "…";

    public static string State(WebhookDeliveryView d) => d switch
    {
        { DeliveredAt: not null } => "Delivered",
        { AbandonedAt: not null } => "Given up",
        { Attempts: 0 } => "Queued",
        _ => "Retrying",
    };
}
