using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using NewsCms.Common;
using SQLitePCL;

namespace NewsCms.Articles;

// The snapshot lookup kept prepared on a few SQLite connections of its own (SQLite sites only).
// Microsoft.Data.Sqlite keeps a prepared statement only as long as its command and open
// connection, and EF opens and closes the connection around each query, so every lookup parsed
// and planned its statement again: in a profile of the uncached article page, preparing and
// opening cost more than running the statement. The statement is SQLite's own, on the
// connection's handle: the page is read from the JSON where SQLite holds it (through
// Microsoft.Data.Sqlite's reader, even GetBytes into a caller's array first copies the blob into
// a new one), and the parameter is bound by its index, not looked up by name on every run. Each
// lookup is one autocommit statement, so it reads a consistent generation and snapshot, and it is
// reset before the lookup returns, which ends its read transaction: a connection kept open here
// never holds back a writer or a checkpoint.
public sealed class PreparedSnapshotLookup(string connectionString) : IDisposable
{
    // A queue, not a bag: a request often finishes on another thread than it started, and a
    // ConcurrentBag then steals across threads under a lock.
    private readonly ConcurrentQueue<Statement> idle = new();
    private readonly int keep = Math.Max(2, Environment.ProcessorCount * 2);
    private int idleCount;
    private volatile bool disposed;

    public string ConnectionString { get; } = connectionString;

    // The generation and the page under the slug (null when no readable snapshot is stored), or
    // null when the generation row is missing.
    public (long Generation, ArticlePage? Page)? Find(string slug, Utf8TextArena? arena = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Statement statement;
        if (idle.TryDequeue(out var ready))
        {
            Interlocked.Decrement(ref idleCount);
            statement = ready;
        }
        else statement = new Statement(ConnectionString);
        try
        {
            var found = statement.Run(slug, arena);
            Return(statement);
            return found;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private void Return(Statement statement)
    {
        if (!disposed)
        {
            if (Interlocked.Increment(ref idleCount) <= keep)
            {
                idle.Enqueue(statement);
                return;
            }
            Interlocked.Decrement(ref idleCount);
        }
        statement.Dispose();
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryDequeue(out var statement)) statement.Dispose();
    }

    private sealed class Statement : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly sqlite3_stmt statement = null!;
        private readonly int slug;

        public Statement(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                var db = connection.Handle!;
                // A reader in WAL mode waits only in rare moments (a log being recovered); then it
                // waits as EF's connections do (SqliteTuning) rather than failing.
                Check(raw.sqlite3_busy_timeout(db, 30_000));
                Check(raw.sqlite3_prepare_v2(db, ArticlePageSnapshots.LookupSql, out statement));
                slug = raw.sqlite3_bind_parameter_index(statement, "@slug");
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public (long Generation, ArticlePage? Page)? Run(string value, Utf8TextArena? arena)
        {
            try
            {
                Check(raw.sqlite3_bind_text(statement, slug, value));
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE) return null;
                if (rc != raw.SQLITE_ROW) Check(rc);
                var generation = raw.sqlite3_column_int64(statement, 0);
                return raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL
                    ? (generation, null)
                    : (generation, ArticlePageSnapshots.Deserialize(raw.sqlite3_column_blob(statement, 1), arena));
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        public void Dispose()
        {
            statement?.Dispose();
            connection.Dispose();
        }
    }
}
