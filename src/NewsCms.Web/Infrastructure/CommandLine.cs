using Microsoft.Extensions.Logging.Console;

namespace NewsCms.Web.Infrastructure;

// Operator work that runs against the app's own services and exits instead of serving:
// `dotnet run --project src/NewsCms.Web -- import FILE...`, `dotnet NewsCms.Web.dll import FILE...`.
// The first argument names the verb; anything else (`--urls=...`) starts the site as usual.
// Host settings still apply to a verb in their `--Key=Value` form (`--NewsCms:DataDirectory=/srv/news`).
public static class CommandLine
{
    // One line per verb; each lives in its own file.
    private static readonly ICommandLineVerb[] Verbs =
    [
        new ImportVerb(),
        new BackupVerb(),
        new RestoreVerb(),
        new GenerateContentVerb(),
        new ApiKeysCommand(),
        new ExportVerb(),
        new MigrateVerb(),
    ];

    public static bool IsVerb(string[] args) => Find(args) is not null;

    // What the host builder sees: everything when the site runs; for a verb, only `--Key=Value`
    // settings, so file names are never read as configuration switches.
    public static string[] HostArguments(string[] args) =>
        IsVerb(args) ? args.Where(IsHostSetting).ToArray() : args;

    public static WebApplicationBuilder AddNewsCmsCommandLine(this WebApplicationBuilder builder, string[] args)
    {
        if (!IsVerb(args)) return builder;
        // A verb's standard output is its report: logs go to standard error, and only what matters.
        builder.Logging.AddFilter((_, _, level) => level >= LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The file being imported is rolled back; the ones before it stay imported.
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await RunAsync(app.Services, args, Console.Out, Console.Error, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error,
        CancellationToken ct)
    {
        var (verb, arguments) = Find(args) ?? throw new ArgumentException("The arguments name no verb.", nameof(args));
        if (arguments.Any(a => a is "--help" or "-h" or "-?"))
        {
            await output.WriteLineAsync($"usage: {verb.Usage}");
            return 0;
        }
        if (verb.PreparesDatabase) await services.PrepareDatabaseAsync(seedDemoContent: false, ct);
        var context = new VerbContext(services, arguments, output, error, CallerDirectories());
        return await verb.RunAsync(context, ct);
    }

    private static (ICommandLineVerb Verb, IReadOnlyList<string> Arguments)? Find(string[] args)
    {
        // The longest name wins, so "api-keys create" and "api-keys revoke" can both exist.
        foreach (var verb in Verbs.OrderByDescending(v => v.Name.Count))
        {
            if (args.Length >= verb.Name.Count && verb.Name.Select((word, i) => args[i] == word).All(match => match))
                return (verb, args.Skip(verb.Name.Count).Where(a => !IsHostSetting(a)).ToList());
        }
        return null;
    }

    private static bool IsHostSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);

    // `dotnet run` starts the app in the project folder (RunWorkingDirectory, so the content root
    // and data/ are found from anywhere) but leaves the shell's PWD as it was: a path the user
    // typed is relative to the shell's folder first.
    private static IReadOnlyList<string> CallerDirectories()
    {
        var shell = Environment.GetEnvironmentVariable("PWD");
        var directories = new List<string>();
        if (shell is not null && Path.IsPathFullyQualified(shell) && Directory.Exists(shell)) directories.Add(shell);
        directories.Add(Environment.CurrentDirectory);
        return directories.Distinct(StringComparer.Ordinal).ToList();
    }
}

public interface ICommandLineVerb
{
    // The words that call it: ["import"], or ["api-keys", "create"].
    IReadOnlyList<string> Name { get; }

    // One line: the call and what it does.
    string Usage { get; }

    // Restore replaces the database, so it must not create or migrate one first.
    bool PreparesDatabase => true;

    // The exit code: 0 when everything asked for was done.
    Task<int> RunAsync(VerbContext context, CancellationToken ct);
}

public sealed record VerbContext(
    IServiceProvider Services,
    IReadOnlyList<string> Arguments,
    TextWriter Output,
    TextWriter Error,
    IReadOnlyList<string> CallerDirectories)
{
    // A relative path is taken from the first caller folder where it exists (or the first folder,
    // so the message about a missing file names where it was looked for).
    public string ResolvePath(string path)
    {
        if (Path.IsPathFullyQualified(path)) return path;
        foreach (var folder in CallerDirectories)
        {
            var full = Path.GetFullPath(path, folder);
            if (File.Exists(full) || Directory.Exists(full)) return full;
        }
        return Path.GetFullPath(path, CallerDirectories[0]);
    }
}
