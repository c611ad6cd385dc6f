using NewsCms.Media;

namespace NewsCms.Web.Infrastructure;

public static class MediaSweepSetup
{
    public static WebApplicationBuilder AddNewsCmsMediaSweep(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MediaSweepOptions>(builder.Configuration.GetSection("NewsCms:Media"));
        builder.Services.AddScoped<MediaSweep>();
        builder.Services.AddHostedService<MediaSweeper>();
        return builder;
    }
}

// Bound from "NewsCms:Media".
public sealed class MediaSweepOptions
{
    // How old a file no image names must be before it is removed (see MediaSweep.DefaultMinimumAge).
    public TimeSpan OrphanMinimumAge { get; set; } = MediaSweep.DefaultMinimumAge;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

// Sweeps the media folder when the site starts (after a crash is when orphans appear) and then
// every SweepInterval, so a long-running site does not collect files from failed deletes.
public sealed class MediaSweeper(IServiceScopeFactory scopes, TimeProvider clock, SitePreparation preparation,
    Microsoft.Extensions.Options.IOptions<MediaSweepOptions> options, ILogger<MediaSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await preparation.WaitAsync(stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MediaSweep>().SweepAsync(options.Value.OrphanMinimumAge, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed sweep only leaves unused files behind; the next one tries again.
                log.LogError(e, "Sweeping the media folder failed; retrying in {Interval}.", options.Value.SweepInterval);
            }
            try { await Task.Delay(options.Value.SweepInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
