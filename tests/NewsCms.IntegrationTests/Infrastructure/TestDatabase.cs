using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace NewsCms.IntegrationTests.Infrastructure;

// The database every test host runs on. SQLite by default: a file in the host's data directory.
// With NEWSCMS_TEST_DATABASE=Postgres, each data directory gets a PostgreSQL database of its own on
// the server NEWSCMS_TEST_POSTGRES names (a connection string whose role may create databases):
// the app's migrations create it, and it is dropped with the directory. A host restarted on the
// same directory finds the same database, as it would find the same SQLite file.
public static class TestDatabase
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("NEWSCMS_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    // For Assert.SkipWhen on tests that examine SQLite itself (its file, its query planner).
    public const string SqliteOnly = "examines the SQLite file itself; NEWSCMS_TEST_DATABASE=Postgres runs the PostgreSQL counterpart";

    private static string Server =>
        Environment.GetEnvironmentVariable("NEWSCMS_TEST_POSTGRES") is { Length: > 0 } server ? server
            : throw new InvalidOperationException(
                "NEWSCMS_TEST_DATABASE=Postgres needs NEWSCMS_TEST_POSTGRES: a connection string to a server where the role may create databases.");

    // Host settings that point an app on this data directory at its database (none for SQLite).
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(string dataDirectory) => IsPostgres
        ? [new("NewsCms:Database:Provider", "Postgres"), new("ConnectionStrings:NewsCms", ConnectionString(dataDirectory))]
        : [];

    public static string ConnectionString(string dataDirectory) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = DatabaseName(dataDirectory) }.ToString();

    // A connection of the test's own to the database of a data directory, for checks that look
    // under the app (what a crash left, what a refused request changed). SQL sent on it quotes its
    // identifiers, which both databases read the same way.
    public static DbConnection Open(string dataDirectory)
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(dataDirectory)) { Pooling = false }.ToString())
            : new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, "newscms.db"),
                Pooling = false,
            }.ToString());
        connection.Open();
        return connection;
    }

    // The tables that hold the site's rows, by name (not SQLite's FTS5 table, which is an index).
    public static List<string> Tables(DbConnection connection)
    {
        using var list = connection.CreateCommand();
        list.CommandText = IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name";
        using var reader = list.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    // Lets go of the data directory's database: SQLite's pooled handles on the file, or the
    // PostgreSQL database itself (FORCE ends connections a killed app process left behind).
    public static void Release(string dataDirectory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!IsPostgres) return;
        using (var pooled = new NpgsqlConnection(ConnectionString(dataDirectory))) NpgsqlConnection.ClearPool(pooled);
        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        admin.Open();
        var name = DatabaseName(dataDirectory);
        try
        {
            Execute(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not end an autovacuum worker without pg_signal_backend; a plain DROP
            // ends that worker itself, and the app's own connections are gone by now.
            Execute(admin, $"DROP DATABASE IF EXISTS \"{name}\"");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // A hash of the full path: unique per directory, stable across restarts, a valid identifier.
    private static string DatabaseName(string dataDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory).TrimEnd('/')));
        return "newscms_test_" + Convert.ToHexStringLower(hash)[..24];
    }
}
