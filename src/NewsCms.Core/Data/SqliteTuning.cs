using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsCms.Data;

// Per-connection settings for a web server: WAL is persistent in the file (set at start), these are not.
public sealed class SqliteTuning : DbConnectionInterceptor
{
    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        Pooling = true,
        // Also the busy timeout: a writer waits for another writer instead of failing at once.
        DefaultTimeout = 30,
    }.ToString();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // NORMAL is durable across application crashes in WAL mode; only a power loss can drop
        // the last transactions, which is the trade every SQLite web server makes.
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }
}
