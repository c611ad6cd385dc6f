using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

// `backup FOLDER`: an online, consistent copy of the database and media while the site serves.
public sealed class BackupVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["backup"];

    public string Usage => "backup FOLDER    copy the database and media into an empty FOLDER (safe while the site runs)";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Arguments.Count != 1)
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return 1;
        }
        try
        {
            var report = await context.Services.GetRequiredService<BackupService>()
                .BackupAsync(context.ResolvePath(context.Arguments[0]), ct);
            await context.Output.WriteLineAsync(
                $"Backed up {report.Articles} articles ({report.DatabaseBytes:N0} bytes) and {report.MediaFiles} media files to {report.Folder}");
            return 0;
        }
        catch (IOException e)
        {
            await context.Error.WriteLineAsync($"backup failed: {e.Message}");
            return 1;
        }
    }
}

// `restore FOLDER`: puts a backup in place of the data directory's database and media. Run it
// while the site is stopped; what it replaces is kept aside in the data directory.
public sealed class RestoreVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["restore"];

    public string Usage => "restore FOLDER   replace the database and media with a backup (stop the site first)";

    public bool PreparesDatabase => false;

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Arguments.Count != 1)
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return 1;
        }
        try
        {
            var report = await context.Services.GetRequiredService<BackupService>()
                .RestoreAsync(context.ResolvePath(context.Arguments[0]), ct);
            await context.Output.WriteLineAsync(
                $"Restored {report.Articles} articles and {report.MediaFiles} media files from {report.Folder}");
            return 0;
        }
        catch (IOException e)
        {
            await context.Error.WriteLineAsync($"restore failed: {e.Message}");
            return 1;
        }
    }
}

// `generate-content --count N`: realistic explainers for benchmarks (bench/run.sh).
public sealed class GenerateContentVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["generate-content"];

    public string Usage => "generate-content --count N   add N generated explainer articles (for benchmarks)";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var args = context.Arguments;
        var at = args.ToList().IndexOf("--count");
        if (at < 0 || at + 1 >= args.Count || !int.TryParse(args[at + 1], out var count) || count is < 1 or > 1_000_000)
        {
            await context.Error.WriteLineAsync($"usage: {Usage} (N from 1 to 1000000)");
            return 1;
        }
        await using var scope = context.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContentGenerator>().GenerateAsync(count, context.Output, ct);
        await context.Output.WriteLineAsync($"Generated {count} articles.");
        return 0;
    }
}
