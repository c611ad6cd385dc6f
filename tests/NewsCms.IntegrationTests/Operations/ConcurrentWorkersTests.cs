using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Articles;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.IntegrationTests.Webhooks;
using NewsCms.Webhooks;

namespace NewsCms.IntegrationTests.Operations;

// Several NewsCms instances share one database: their schedulers and webhook senders run rounds
// at the same moment. Two rounds started together here stand in for two instances; the database
// must make each piece of work happen once.
public sealed class ConcurrentWorkersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The tests run the rounds themselves.
    private static NewsroomApp App() => new NewsroomApp().With("NewsCms:Webhooks:SendInBackground", "false");

    [Fact]
    public async Task Two_senders_at_once_deliver_each_webhook_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(300);
        await using var app = App();
        await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>()
            .CreateAsync(receiver.Url, [WebhookEvents.ArticlePublished], NewsroomApp.Admin, Ct));
        foreach (var headline in new[] { "Gates open at Kessel", "Harvest comes early", "Rail fares rise" })
            await app.PublishAsync(new ArticleBuilder().Headline(headline));

        var rounds = await Task.WhenAll(
            app.WithScopeAsync(s => s.GetRequiredService<WebhookDispatcher>().SendDueAsync(Ct)),
            app.WithScopeAsync(s => s.GetRequiredService<WebhookDispatcher>().SendDueAsync(Ct)));

        Assert.Equal(3, rounds.Sum());
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(3, receiver.Received.Select(r => r.Delivery).Distinct().Count());
        var delivered = await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().WebhookDeliveries
            .CountAsync(d => d.DeliveredAt != null && d.Attempts == 1, Ct));
        Assert.Equal(3, delivered);
    }

    [Fact]
    public async Task Two_schedulers_at_once_publish_a_due_article_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        await app.WithScopeAsync(s => s.GetRequiredService<WebhookService>()
            .CreateAsync(receiver.Url, [WebhookEvents.ArticlePublished], NewsroomApp.Admin, Ct));
        var drafts = new List<ArticleDetail>();
        foreach (var headline in new[] { "Harvest comes early", "Rail fares rise", "Ferry timetable changes", "Dam talks resume", "Grain prices steady", "Bridge reopens" })
        {
            var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline(headline));
            drafts.Add(await app.ArticlesAsync(a => a.ScheduleAsync(draft.Id, NewsroomApp.Start.AddHours(1), draft.Version, NewsroomApp.Editor, Ct)));
        }
        // The app's own scheduler stands aside: the two rounds below are the two instances.
        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<NewsCms.Web.Infrastructure.ScheduledPublisher>().Single().StopAsync(Ct);
        app.Clock.Advance(TimeSpan.FromHours(1));

        // On threads of their own: SQLite's calls complete synchronously, and one round could
        // otherwise finish before the other began.
        var rounds = await Task.WhenAll(
            Task.Run(() => app.WithScopeAsync(s => s.GetRequiredService<ArticleService>().PublishDueAsync(Ct)), Ct),
            Task.Run(() => app.WithScopeAsync(s => s.GetRequiredService<ArticleService>().PublishDueAsync(Ct)), Ct));

        Assert.Equal(drafts.Count, rounds.Sum());
        foreach (var draft in drafts)
        {
            var history = await app.WithScopeAsync(s => s.GetRequiredService<NewsCms.Revisions.RevisionHistory>().ListAsync(draft.Id, Ct));
            Assert.Single(history, r => r.Action == "published on schedule");
        }
        var outbox = await app.WithScopeAsync(s => s.GetRequiredService<NewsCmsDbContext>().WebhookDeliveries
            .CountAsync(d => d.Event == WebhookEvents.ArticlePublished, Ct));
        Assert.Equal(drafts.Count, outbox);
    }
}
