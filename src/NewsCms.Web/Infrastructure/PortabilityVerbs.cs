using NewsCms.Common;
using NewsCms.Portability;

namespace NewsCms.Web.Infrastructure;

// `export FOLDER [--revisions]`: every article and media asset, as JSON Lines, media files and
// Markdown, so the newsroom can leave with everything; `import FOLDER` reads it back.
public sealed class ExportVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["export"];

    public string Usage => "export FOLDER [--revisions]   write every article and photo to an empty FOLDER (JSON Lines, media, Markdown)";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var revisions = context.Arguments.Contains("--revisions");
        var folders = context.Arguments.Where(a => a != "--revisions").ToList();
        if (folders.Count != 1 || folders[0].StartsWith('-'))
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return 1;
        }
        try
        {
            await using var scope = context.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ArticleExporter>()
                .ExportAsync(context.ResolvePath(folders[0]), revisions, ct);
            await context.Output.WriteLineAsync(
                $"Exported {report.Articles} articles and {report.Media} media assets ({report.MediaFiles} files) to {report.Folder}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"export failed: {e.Message}");
            return 1;
        }
    }

    // `import FOLDER` for a folder written by `export`: one line for what came in, one per problem.
    public static async Task<bool> ImportFolderAsync(IServiceProvider services, VerbContext context, string folder, Actor actor,
        CancellationToken ct)
    {
        try
        {
            var report = await services.GetRequiredService<ArticleJsonImporter>().ImportAsync(context.ResolvePath(folder), actor, ct);
            var skipped = report.Skipped > 0 ? $", skipped {report.Skipped} already on this site ({string.Join(", ", report.SkippedSlugs)})" : "";
            await context.Output.WriteLineAsync($"{folder}: imported {report.Imported} articles and {report.Media} media assets{skipped}");
            foreach (var error in report.Errors) await context.Error.WriteLineAsync($"{folder}/{error}");
            return report.Errors.Count == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"{folder}: import failed: {e.Message}");
            return false;
        }
    }
}
