namespace NewsCms.Web.Infrastructure;

// The database is prepared (migrated, demo content seeded, search index checked, first admin
// created) on another thread while the pipeline is built and Kestrel starts: on two cores, start to
// first response is then the longer of the two rather than their sum (of 1.6 s, the database took
// 640 ms and the pipeline and host 350; restarts A B B A on the benchmark machine: 1,769 -> 1,387 ms
// to the first health check, with DataSetup.PendingMigrationsAsync). Nothing is served unprepared:
// requests that arrive meanwhile wait for it, the background services wait before their first run,
// and the host counts as started (Program's RunAsync, WebApplicationFactory's tests) only once it is
// done. A failure still stops the start with the preparation's own exception.
public static class PreparationSetup
{
    public static WebApplicationBuilder AddNewsCmsPreparation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SitePreparation>();
        builder.Services.AddHostedService(s => s.GetRequiredService<SitePreparation>());
        return builder;
    }

    // Runs on a thread-pool thread; the main thread goes on at once. Stopping the host cancels it.
    public static WebApplication PrepareInBackground(this WebApplication app, Func<CancellationToken, Task> prepare)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Services.GetRequiredService<SitePreparation>().Begin(() => prepare(stopping));
        return app;
    }

    // After routing, so that a request arriving early builds the route table meanwhile.
    public static WebApplication UseNewsCmsPreparation(this WebApplication app)
    {
        var preparation = app.Services.GetRequiredService<SitePreparation>();
        app.Use(async (context, next) =>
        {
            if (!preparation.Done.IsCompletedSuccessfully && !await preparation.WaitAsync(context.RequestAborted))
            {
                // The client gave up waiting: nobody is left to answer.
                if (context.RequestAborted.IsCancellationRequested) return;
                // The host is stopping: the preparation failed (the log says why) or was cancelled.
                if (!context.Response.HasStarted)
                    await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "NewsCms is not ready.", detail: "The site could not prepare its database and is stopping.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}

public sealed class SitePreparation : IHostedLifecycleService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    private bool _begun;

    internal void Begin(Func<Task> prepare)
    {
        if (_begun) throw new InvalidOperationException("The site's preparation has already begun.");
        _begun = true;
        _ = Task.Run(() => RunAsync(prepare));
    }

    private async Task RunAsync(Func<Task> prepare)
    {
        try
        {
            await prepare();
            _done.TrySetResult();
        }
        catch (OperationCanceledException e)
        {
            _done.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            _done.TrySetException(e);
        }
    }

    // True once prepared; false when the preparation failed or ct ended the wait, for callers that
    // simply stop (the host reports the failure once, from StartedAsync).
    public async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            await Done.WaitAsync(ct);
            return true;
        }
        catch (Exception) when (Done.IsFaulted || Done.IsCanceled || ct.IsCancellationRequested)
        {
            return false;
        }
    }

    // The server is listening by now; the host's start (and ApplicationStarted) waits for this, and
    // a failure surfaces here as the start's exception. A host that never began the preparation (an
    // entry point without PrepareInBackground) fails to start rather than waiting forever.
    Task IHostedLifecycleService.StartedAsync(CancellationToken ct) => _begun
        ? Done.WaitAsync(ct)
        : throw new InvalidOperationException("The host started without PrepareInBackground: nothing prepares the database.");

    Task IHostedLifecycleService.StartingAsync(CancellationToken ct) => Task.CompletedTask;
    Task IHostedService.StartAsync(CancellationToken ct) => Task.CompletedTask;
    Task IHostedLifecycleService.StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    Task IHostedService.StopAsync(CancellationToken ct) => Task.CompletedTask;
    Task IHostedLifecycleService.StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
