using NewsCms.Accounts;
using NewsCms.Common;
using NewsCms.Importing;
using NewsCms.Portability;

namespace NewsCms.Web.Infrastructure;

// `import FILE...`: stores articles written like the published explainers, each at its own date.
// One line per file: where it was published, that it was skipped, or what could not be read.
public sealed class ImportVerb : ICommandLineVerb
{
    private static readonly Actor Importer = new("Command-line import", null, Roles.Admin);

    public IReadOnlyList<string> Name { get; } = ["import"];

    public string Usage => "import FILE...   import articles written like the explainer example, published at their date, or export FOLDERs";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Arguments.Count == 0)
        {
            await context.Error.WriteLineAsync($"usage: {Usage}");
            return 1;
        }
        var allImported = true;
        foreach (var file in context.Arguments)
        {
            // A scope per file: nothing one file leaves behind can leak into the next.
            await using var scope = context.Services.CreateAsyncScope();
            if (ExportFormat.IsExportFolder(context.ResolvePath(file)))
            {
                allImported &= await ExportVerb.ImportFolderAsync(scope.ServiceProvider, context, file, Importer, ct);
                continue;
            }
            var importer = scope.ServiceProvider.GetRequiredService<ArticleImporter>();
            var outcome = await importer.ImportFileAsync(context.ResolvePath(file), file, Importer, ct);
            allImported &= outcome.Status == ImportStatus.Imported;
            switch (outcome.Status)
            {
                case ImportStatus.Imported:
                    var photo = outcome.LeadImageFile is { } image ? $" (lead photo file {Path.GetFileName(image)} found beside it)" : "";
                    await context.Output.WriteLineAsync($"{file}: imported as {outcome.PublicPath}{photo}");
                    break;
                case ImportStatus.Skipped:
                    var where = outcome.PublicPath ?? $"article {outcome.ArticleId}, not published now";
                    await context.Output.WriteLineAsync($"{file}: skipped, already imported as {where}");
                    break;
                default:
                    foreach (var error in outcome.Errors)
                        await context.Error.WriteLineAsync(error.ToString());
                    break;
            }
        }
        return allImported ? 0 : 1;
    }
}
