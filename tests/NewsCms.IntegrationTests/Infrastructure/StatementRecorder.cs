using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsCms.IntegrationTests.Infrastructure;

public sealed record Statement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

// Records every query a test host sends (readers and scalars), with its parameters.
public sealed class StatementRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<Statement> statements = new();

    public IReadOnlyList<Statement> Statements => statements.ToList();

    public void Clear() => statements.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command) => statements.Enqueue(new Statement(command.CommandText,
        command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
}
