using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

// /healthz: the process answers. /readyz: the database answers and its schema is current,
// so a load balancer sends readers only to instances that can serve them.
public static class HealthSetup
{
    public static WebApplicationBuilder AddNewsCmsHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapNewsCmsHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }

    private sealed class DatabaseReadyCheck(NewsCmsDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                if (!await db.Database.CanConnectAsync(ct))
                    return HealthCheckResult.Unhealthy("The database cannot be reached.");
                var pending = await db.Database.PendingMigrationsAsync(ct);
                return pending.Count == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database check failed.");
            }
        }
    }
}
