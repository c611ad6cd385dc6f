using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsCms.Data;

// PostgreSQL's text cannot hold U+0000: a name, a headline or a slug with one in it failed the
// whole statement ("invalid byte sequence for encoding UTF8: 0x00"), a 500 for what a bad paste or
// a hostile client can send anywhere. No writer means a NUL, and HTML parsers show one as U+FFFD,
// so every string parameter of every command carries U+FFFD instead, on both databases: what is
// stored, looked up and compared is the same on SQLite and PostgreSQL, and a migrate can verify it.
public sealed class NulFreeParameters : DbCommandInterceptor
{
    public const char Replacement = '\uFFFD';

    public static string Clean(string text) => text.Contains('\0') ? text.Replace('\0', Replacement) : text;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        CleanParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CleanParameters(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        CleanParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CleanParameters(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        CleanParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CleanParameters(command);
        return ValueTask.FromResult(result);
    }

    private static void CleanParameters(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && text.Contains('\0')) parameter.Value = Clean(text);
            // PostgreSQL sends a Contains() list (slugs from an import file) as one array parameter.
            else if (parameter.Value is IEnumerable<string?> texts and (string?[] or List<string?>) && texts.Any(t => t?.Contains('\0') == true))
                parameter.Value = texts.Select(t => t is null ? null : Clean(t)).ToArray();
        }
    }
}
