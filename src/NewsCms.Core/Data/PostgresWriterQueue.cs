using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsCms.Data;

// SQLite begins every transaction IMMEDIATE, so writers queue, and the services rely on that: a
// slug found free is still free at the insert, the next revision number is still next. PostgreSQL
// lets transactions overlap, and two journalists saving the same headline at once would meet a
// unique index instead of getting "-2". Every transaction EF begins on PostgreSQL therefore first
// takes one database-wide advisory lock, released at commit or rollback: the same queue, kept
// across every app instance on the database. Single statements outside a transaction never wait.
public sealed class PostgresWriterQueue : DbTransactionInterceptor
{
    // Any constant key will do; this one spells "NewsCms" so it is recognisable in pg_locks.
    private const long LockKey = 0x4E657773436D73;

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Queue(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = Queue(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static DbCommand Queue(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({LockKey})";
        return command;
    }
}
