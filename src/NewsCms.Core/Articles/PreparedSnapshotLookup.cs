using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace NewsCms.Articles;

// The snapshot lookup kept prepared on a few SQLite connections of its own (SQLite sites only).
// Microsoft.Data.Sqlite keeps a prepared statement only as long as its command and open
// connection, and EF opens and closes the connection around each query, so every lookup parsed
// and planned its statement again: in a profile of the uncached article page, preparing and
// opening cost more than running the statement. Each lookup is one autocommit statement, so it
// reads a consistent generation and snapshot, and disposing its reader ends its read transaction:
// a connection kept open here never holds back a writer or a checkpoint.
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
    public (long Generation, ArticlePage? Page)? Find(string slug)
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
            var found = statement.Run(slug);
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
        private readonly SqliteCommand command;
        private readonly SqliteParameter slug;

        public Statement(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                command = connection.CreateCommand();
                command.CommandText = ArticlePageSnapshots.LookupSql;
                slug = command.Parameters.Add("@slug", SqliteType.Text);
                slug.Value = "";
                command.Prepare();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public (long Generation, ArticlePage? Page)? Run(string value)
        {
            slug.Value = value;
            using var reader = command.ExecuteReader(CommandBehavior.SingleRow);
            return reader.Read() ? ArticlePageSnapshots.LookupRow(reader) : null;
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
