using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Data;
using Npgsql;

namespace NewsCms.Web.Infrastructure;

// `migrate --to CONNECTION`: moves a SQLite site onto PostgreSQL. Run with the site's own (SQLite)
// settings; every row is copied into the empty PostgreSQL database the connection string names,
// counted and checksummed on both sides, and kept only when all of it matches. Media files and
// data-protection keys stay where they are, in the data directory every instance then shares.
// `migrate --verify --to CONNECTION` compares again without copying.
public sealed class MigrateVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["migrate"];

    public string Usage =>
        "migrate [--verify] --to \"Host=...;Database=...;Username=...;Password=...\"   copy this SQLite site into an empty PostgreSQL database and verify it " +
        "(without --to, ConnectionStrings:NewsCms is the target)";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var (verifyOnly, connectionString, mistake) = Read(context);
        if (mistake is not null)
        {
            await context.Error.WriteLineAsync($"migrate: {mistake}\nusage: {Usage}");
            return 1;
        }

        await using var scope = context.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<NewsCmsDbContext>();
        if (!source.Database.IsSqlite())
        {
            await context.Error.WriteLineAsync("migrate copies a SQLite site: run it with the site's SQLite settings " +
                "(NewsCms:Database:Provider unset or Sqlite) and name the PostgreSQL database with --to.");
            return 1;
        }
        var (target, search) = DataSetup.OpenPostgres(connectionString!, context.Services);
        await using (target)
        {
            var where = Describe(connectionString!);
            SiteCopyReport report;
            try
            {
                var copy = new SiteCopy(source, target);
                report = verifyOnly ? await copy.VerifyAsync(ct) : await copy.CopyAsync(ct);
            }
            // Whatever stops the copy (the server, a row PostgreSQL refuses, a value the SQLite file
            // holds in a shape the model cannot read), the operator gets one line, never a trace.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await context.Error.WriteLineAsync($"migrate failed on {where}: {Reason(e)}" +
                    (verifyOnly ? "" : "\nNothing was kept: the copy is one transaction. Fix the cause and run migrate again."));
                return 1;
            }
            if (report.Refusal is not null)
            {
                await context.Error.WriteLineAsync($"migrate: {report.Refusal}");
                return 1;
            }

            await WriteTablesAsync(context.Output, report);
            if (!report.Matches)
            {
                await context.Error.WriteLineAsync(verifyOnly
                    ? $"Verification failed: {where} differs from the SQLite site in the tables marked above."
                    : $"Verification failed, so the copy was rolled back and {where} is empty again. Run migrate again; " +
                      "if it fails the same way, report the tables above.");
                return 1;
            }
            if (verifyOnly)
            {
                await context.Output.WriteLineAsync($"Verified: {where} holds the same rows as the SQLite site.");
                return 0;
            }
            await context.Output.WriteLineAsync(
                $"Copied and verified: every table above has the same rows in {where} (times to the microsecond, as PostgreSQL keeps them).");
            // The rows are committed by now: a failure from here on must not say otherwise.
            try
            {
                var indexed = await search.RebuildAsync(ct);
                await context.Output.WriteLineAsync($"Search index: {indexed:N0} published articles indexed.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await context.Error.WriteLineAsync($"The copy is committed and verified, but rebuilding the search index failed: {Reason(e)}. " +
                    "The site rebuilds an empty index when it starts.");
            }
            await WriteNextStepsAsync(context, where);
            return 0;
        }
    }

    private static (bool VerifyOnly, string? ConnectionString, string? Mistake) Read(VerbContext context)
    {
        var args = context.Arguments;
        var verifyOnly = args.Contains("--verify");
        var at = args.ToList().IndexOf("--to");
        var unknown = args.Where((a, i) => a is not ("--verify" or "--to") && (at < 0 || i != at + 1)).ToList();
        // Not echoed when it looks like a connection string (a forgotten --to): it may hold a password.
        if (unknown.Count > 0)
            return (verifyOnly, null, unknown[0].Contains('=') || unknown[0].Contains(';')
                ? "a connection string needs --to before it."
                : $"\"{unknown[0]}\" is not an option of migrate.");
        if (at >= 0 && at + 1 >= args.Count) return (verifyOnly, null, "--to needs a PostgreSQL connection string.");

        var connectionString = at >= 0
            ? args[at + 1]
            : context.Services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            return (verifyOnly, null, "name the PostgreSQL database to copy into with --to (or ConnectionStrings:NewsCms).");
        if (DataSetup.PostgresConnectionProblem(connectionString) is { } problem) return (verifyOnly, null, $"--to is {problem}");
        return (verifyOnly, connectionString, null);
    }

    // Where the copy went, as an operator recognises it; never the password.
    private static string Describe(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database \"{c.Database ?? c.Username}\" on {c.Host}:{c.Port}";
    }

    // PostgreSQL's own words, and where: a value too long for its column or a row whose parent is
    // missing (SQLite kept both) names its table and column or constraint.
    private static string Reason(Exception e)
    {
        var cause = e is DbUpdateException or InvalidOperationException && e.InnerException is not null ? e.InnerException : e;
        if (cause is not PostgresException pg) return cause.Message;
        var place = string.Join(", ", new[] { ("table", pg.TableName), ("column", pg.ColumnName), ("constraint", pg.ConstraintName) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1} {p.Item2}"));
        return place.Length == 0 ? pg.Message : $"{pg.Message} ({place})";
    }

    private static async Task WriteTablesAsync(TextWriter output, SiteCopyReport report)
    {
        var width = report.Tables.Max(t => t.Table.Length);
        foreach (var t in report.Tables)
        {
            var line = $"  {t.Table.PadRight(width)}  {SiteCopyReport.Rows(t.SourceRows),14}  sha256 {t.SourceChecksum[..16]}  ";
            line += t.Matches
                ? "matches"
                : $"DIFFERS: {SiteCopyReport.Rows(t.TargetRows)} in PostgreSQL, sha256 {t.TargetChecksum[..16]}; keys {string.Join(", ", t.DifferentKeys.Take(5))}" +
                  (t.DifferentKeys.Count > 5 ? $" and {t.DifferentKeys.Count - 5} more" : "");
            await output.WriteLineAsync(line);
        }
    }

    private static async Task WriteNextStepsAsync(VerbContext context, string where)
    {
        var data = context.Services.GetRequiredService<IOptions<DataOptions>>().Value;
        await context.Output.WriteLineAsync(
            $"Media ({Files(data.MediaDirectory, "*"):N0} files) and data-protection keys ({Files(data.KeysDirectory, "*.xml"):N0}) stay in {data.DataDirectory}: " +
            "give every PostgreSQL instance this data directory (NewsCms:DataDirectory).");
        await context.Output.WriteLineAsync(
            "Next: stop this site, set NewsCms:Database:Provider=Postgres and ConnectionStrings:NewsCms to the same connection string, and start it. " +
            "Saves made after the copy began are not in PostgreSQL; `migrate --verify` shows them.");
    }

    private static int Files(string folder, string pattern)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Count() : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
