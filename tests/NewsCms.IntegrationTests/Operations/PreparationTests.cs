using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Web.Infrastructure;

namespace NewsCms.IntegrationTests.Operations;

// The database is prepared while the pipeline is built and Kestrel starts. Nothing may be served
// from an unprepared database, the host may not count as started before it is prepared, and a
// failure must still fail the start with its own message.
public sealed class PreparationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A bare host wired as Program.cs wires the preparation, with one endpoint behind it.
    private static WebApplication HostPreparing(Func<CancellationToken, Task>? prepare)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddNewsCmsPreparation();
        var app = builder.Build();
        if (prepare is not null) app.PrepareInBackground(prepare);
        app.UseRouting();
        app.UseNewsCmsPreparation();
        app.MapGet("/", () => "served");
        return app;
    }

    // Kestrel listens before the host's start completes; its port is known once it is bound.
    private static async Task<Uri> ListeningAsync(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        while (true)
        {
            if (addresses.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal)) is { } bound) return new Uri(bound);
            await Task.Delay(10, Ct);
        }
    }

    [Fact]
    public async Task A_request_that_arrives_while_the_database_is_prepared_waits_for_it()
    {
        var prepared = new TaskCompletionSource();
        await using var app = HostPreparing(_ => prepared.Task);
        var starting = app.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = await ListeningAsync(app) };

        var page = http.GetStringAsync("/", Ct);
        await Task.Delay(300, Ct);
        Assert.False(page.IsCompleted, "a request was served before the database was prepared");
        Assert.False(starting.IsCompleted, "the host counted as started before the database was prepared");

        prepared.SetResult();
        Assert.Equal("served", await page);
        await starting;
        await app.StopAsync(Ct);
    }

    [Fact]
    public async Task A_failed_preparation_fails_the_start_with_its_message_and_answers_waiting_requests_with_a_problem()
    {
        var failing = new TaskCompletionSource();
        await using var app = HostPreparing(async _ =>
        {
            await failing.Task;
            throw new InvalidOperationException("The first admin account could not be created from NewsCms:Admin.");
        });
        var starting = app.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = await ListeningAsync(app) };
        var waiting = http.GetAsync("/", Ct);

        failing.SetResult();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => starting);
        Assert.Equal("The first admin account could not be created from NewsCms:Admin.", failure.Message);
        using var answer = await waiting;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("NewsCms is not ready.", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_host_that_never_begins_the_preparation_fails_to_start_instead_of_waiting_forever()
    {
        await using var app = HostPreparing(prepare: null);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));
        Assert.Contains("PrepareInBackground", failure.Message);
    }

    [Fact]
    public async Task A_database_an_older_version_left_behind_is_brought_up_to_date_at_start()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            string last, path;
            await using (var older = new NewsroomApp().With("NewsCms:DataDirectory", data))
            {
                var article = await older.PublishAsync(new ArticleBuilder().Headline("Tide tables, explained", "tide-tables"));
                last = await older.WithScopeAsync(async s =>
                {
                    // Undo the newest migration, as if the site last ran on the version before it.
                    var db = s.GetRequiredService<NewsCmsDbContext>();
                    var all = db.Database.GetMigrations().ToList();
                    await db.GetService<IMigrator>().MigrateAsync(all[^2], Ct);
                    Assert.Equal([all[^1]], await db.Database.PendingMigrationsAsync(Ct));
                    return all[^1];
                });
                using var readiness = await older.GetAsync("/readyz");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
                path = article.Path!;
            }

            await using var upgraded = new NewsroomApp().With("NewsCms:DataDirectory", data);
            Assert.Empty(await upgraded.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().Database.PendingMigrationsAsync(Ct)));
            Assert.Contains(last, await upgraded.WithScopeAsync(async s =>
                await s.GetRequiredService<NewsCmsDbContext>().Database.GetAppliedMigrationsAsync(Ct)));
            using var ready = await upgraded.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var page = await upgraded.GetDocumentAsync(path);
            Assert.Equal("Tide tables, explained", page.QuerySelector("main h1")!.TextContent.Trim());
        });
    }
}
