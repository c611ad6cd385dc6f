using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsCms.Data;

// Per-connection settings for a web server: WAL is persistent in the file (set at start), these are not.
// A pooled connection keeps them, so they are applied once per physical connection, not on every open.
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> Tuned = new();
    private static readonly object Done = new();

    // Process-wide library settings, before the first connection opens (SQLite refuses them later;
    // a second host in the same process, as in tests, finds them already made). Every connection
    // is used by one request at a time, so SQLite's per-connection mutexes (serialized mode) buy
    // nothing, and its global memory statistics serialise every allocation of every thread behind
    // one mutex: both cost more than the queries of a page under load.
    public static void ConfigureLibrary()
    {
        lock (Done)
        {
            if (libraryConfigured) return;
            libraryConfigured = true;
            SQLitePCL.Batteries_V2.Init();
            SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
            SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
        }
    }

    private static bool libraryConfigured;

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
        if (connection is SqliteConnection { Handle: { } handle })
        {
            if (Tuned.TryGetValue(handle, out _)) return;
            Tuned.AddOrUpdate(handle, Done);
        }
        using var command = connection.CreateCommand();
        // NORMAL is durable across application crashes in WAL mode; only a power loss can drop
        // the last transactions, which is the trade every SQLite web server makes.
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }
}

// EF Core registers seven SQL functions (regexp and decimal arithmetic) on every SqliteConnection
// it creates, and Microsoft.Data.Sqlite registers them again with SQLite on every open, pooled or
// not: in a profile of the uncached article page, 15% of its one query's time. The model has no decimal column and no query uses a
// regular expression (one would fail at once with "no such function"), so NewsCms's connections
// are plain ones. PlainSqliteConnectionTests keeps decimals out of the model.
#pragma warning disable EF1001 // SqliteRelationalConnection is EF's internal API: EF is pinned to 10.0.x.
public sealed class PlainSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection() => new SqliteConnection(GetValidatedConnectionString());

    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options) =>
        options.ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, PlainSqliteConnection>();
}
#pragma warning restore EF1001
