using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Operations;

// Journalists save at the same moment. The services check and then write (a free slug, the article
// at the version the form showed); on every database those checks must hold while another save
// is under way, so each save either lands whole or is refused with a reason, never a 500.
public sealed class ConcurrentWritesTests
{
    [Fact]
    public async Task Articles_created_at_once_with_one_headline_all_get_their_own_slug()
    {
        await using var app = new NewsroomApp();
        const int Writers = 8;
        // Started once before the writers: a host started by eight threads at once is eight hosts.
        using (app.CreateClient()) { }

        var created = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            app.CreateDraftAsync(new ArticleBuilder().Headline("Flood barrier closes").Body("The barrier shut at noon.")),
            TestContext.Current.CancellationToken)));

        Assert.Equal(
            new[] { "flood-barrier-closes" }.Concat(Enumerable.Range(2, Writers - 1).Select(n => $"flood-barrier-closes-{n}")).Order(),
            created.Select(a => a.Slug).Order());
    }
}
