using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Operations;

public sealed class BackupTests : IAsyncLifetime
{
    private readonly NewsCmsFactory source = new();
    private readonly EmptyNewsCmsFactory restored = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "newscms-tests", "backup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_backup_taken_while_articles_are_saved_restores_into_a_working_site()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, TestDatabase.SqliteOnly);
        var ct = TestContext.Current.CancellationToken;
        var explainer = (await source.GetDocumentAsync("/")).QuerySelectorAll("main article h2 a")
            .Single(a => a.TextContent.Contains("What Is at Stake", StringComparison.Ordinal)).GetAttribute("href")!;

        // Writers keep saving while the backup runs: the copy must still be consistent.
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await source.WithScopeAsync(s => s.GetRequiredService<ArticleService>().CreatePublishedAsync(
                    new ArticleInput { Headline = $"Written during the backup {++n}", BodyMarkdown = "Text." },
                    DateTimeOffset.UtcNow, NewsroomApp.Editor, CancellationToken.None));
            }
            return n;
        }, CancellationToken.None);
        await Task.Delay(200, ct);
        var report = await source.Services.GetRequiredService<BackupService>().BackupAsync(folder, ct);
        await stop.CancelAsync();
        await writes;

        await BackupService.CheckIntegrityAsync(Path.Combine(folder, BackupService.DatabaseFile), ct);
        Assert.True(report.Articles >= 3);

        var restore = new BackupService(Options.Create(new DataOptions { DataDirectory = restored.DataDirectory }));
        var back = await restore.RestoreAsync(folder, ct);
        Assert.Equal(report.Articles, back.Articles);

        // Articles written during the backup push the demo off the home page: ask for it by its URL.
        var page = await restored.GetDocumentAsync(explainer);
        Assert.Contains("What Is at Stake in the Lowen River", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_refuses_a_folder_that_is_not_empty()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, TestDatabase.SqliteOnly);
        using (source.CreateClient()) { }
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "keep.txt"), "x", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IOException>(() =>
            source.Services.GetRequiredService<BackupService>().BackupAsync(folder, TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(folder, "keep.txt")));
    }

    // A server database is backed up by the server's own tools: the verbs say which, and touch nothing.
    [Fact]
    public async Task On_PostgreSQL_backup_and_restore_name_pg_dump_and_write_nothing()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "the backup verbs copy the SQLite file on SQLite; the tests above cover that");
        using (source.CreateClient()) { }
        var (backup, output, errors) = await AppProcess.RunVerbAsync(
            ["backup", folder, $"--NewsCms:DataDirectory={source.DataDirectory}"], TestContext.Current.CancellationToken);
        var (restore, _, restoreErrors) = await AppProcess.RunVerbAsync(
            ["restore", folder, $"--NewsCms:DataDirectory={source.DataDirectory}"], TestContext.Current.CancellationToken);

        Assert.Equal((1, ""), (backup, output));
        Assert.StartsWith("backup failed: this site's database is PostgreSQL: back it up with pg_dump", errors.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, restore);
        Assert.StartsWith("restore failed: this site's database is PostgreSQL", restoreErrors.Trim(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        await restored.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
    }
}
