using NewsCms.Articles;

namespace NewsCms.Web.Infrastructure;

// Publishes scheduled articles when their time comes. Time comes from TimeProvider, so tests
// move a fake clock instead of waiting.
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, SitePreparation preparation,
    ILogger<ScheduledPublisher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await preparation.WaitAsync(stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A run that has started finishes even when the host stops: the host waits for it
                // (HostOptions.ShutdownTimeout), so no article is left half-way at its time.
                await PublishDueAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad run must not stop the scheduler: the next tick tries again.
                log.LogError(e, "Publishing scheduled articles failed; retrying in {Interval}.", Interval);
            }
            // One delay at a time rather than a periodic timer: when a test moves a fake clock on
            // by days, the scheduler runs once, not once for every five seconds skipped.
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<ArticleService>().PublishDueAsync(ct);
        if (published > 0) log.LogInformation("Published {Count} scheduled article(s).", published);
        return published;
    }
}
