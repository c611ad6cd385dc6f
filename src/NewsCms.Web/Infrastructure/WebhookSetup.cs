using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Webhooks;

namespace NewsCms.Web.Infrastructure;

// Bound from "NewsCms:Webhooks".
public sealed class WebhookOptions
{
    // Off only where something else drives the dispatcher (tests that step the clock themselves).
    public bool SendInBackground { get; set; } = true;
    public int TimeoutSeconds { get; set; } = 10;
}

// Webhooks: the outbox written with each article change, and the sender that empties it.
public static class WebhookSetup
{
    public static WebApplicationBuilder AddNewsCmsWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<WebhookOptions>(builder.Configuration.GetSection("NewsCms:Webhooks"));
        services.AddScoped<WebhookService>();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<IArticleChangeHandler>(s => s.GetRequiredService<WebhookOutbox>());
        services.AddHttpClient<WebhookDispatcher>((s, c) =>
        {
            c.Timeout = TimeSpan.FromSeconds(Math.Clamp(s.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds, 1, 120));
            c.DefaultRequestHeaders.UserAgent.ParseAdd("NewsCms-Webhooks/1");
        });
        services.AddHostedService<WebhookSender>();
        return builder;
    }
}

// Empties the outbox every few seconds; a delivery waits in the database, not in memory, so a
// restart loses nothing.
public sealed class WebhookSender(IServiceScopeFactory scopes, TimeProvider clock, SitePreparation preparation,
    IOptions<WebhookOptions> options, ILogger<WebhookSender> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground || !await preparation.WaitAsync(stoppingToken)) return;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sending webhooks failed; retrying in {Interval}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
