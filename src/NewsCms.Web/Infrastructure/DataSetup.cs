using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Caching;
using NewsCms.Data;
using NewsCms.Search;
using Npgsql;

namespace NewsCms.Web.Infrastructure;

// The one place that knows which database the site runs on (NewsCms:Database:Provider): it picks
// the EF provider, its migrations assembly, its tuning and its search index. Everything else sees
// NewsCmsDbContext and IArticleSearch.
public static class DataSetup
{
    private sealed record DatabaseChoice(DatabaseProvider Provider, string? ConnectionString);

    // One sentence an operator can act on, or null when the database settings make sense.
    public static string? ConfigurationProblem(IConfiguration configuration) => Choose(configuration).Problem;

    public static WebApplicationBuilder AddNewsCmsData(this WebApplicationBuilder builder)
    {
        var (choice, problem) = Choose(builder.Configuration);
        if (choice is null) throw new InvalidOperationException(problem);

        var section = builder.Configuration.GetSection("NewsCms");
        builder.Services.Configure<DataOptions>(section);
        // A relative data directory is under the content root, whatever the working directory.
        builder.Services.PostConfigure<DataOptions>(o =>
            o.DataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, o.DataDirectory)));

        if (choice.Provider == DatabaseProvider.Postgres) AddPostgres(builder.Services, choice.ConnectionString!);
        else AddSqlite(builder.Services);
        return builder;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        SqliteTuning.ConfigureLibrary();
        // Pooled: a request leases a ready context instead of building options and services anew.
        services.AddDbContextPool<NewsCmsDbContext>((provider, options) =>
        {
            var data = provider.GetRequiredService<IOptions<DataOptions>>().Value;
            Directory.CreateDirectory(data.DataDirectory);
            PlainSqliteConnection.Use(options).UseSqlite(SqliteTuning.ConnectionString(data.DatabasePath),
                    sqlite => sqlite.MigrationsAssembly("NewsCms.Migrations.Sqlite")
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .UseCompiledModel(Migrations.Sqlite.CompiledModel.NewsCmsDbContextModel.Instance)
                .AddInterceptors(new SqliteTuning(), new NulFreeParameters());
        });
        services.AddScoped<IArticleSearch, SqliteFtsSearch>();
        services.AddSingleton(provider => new PreparedSnapshotLookup(
            SqliteTuning.ConnectionString(provider.GetRequiredService<IOptions<DataOptions>>().Value.DatabasePath)));
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<NewsCmsDbContext>(options => UsePostgres(options, connectionString));
        services.AddScoped<IArticleSearch, PostgresFullTextSearch>();
    }

    private static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsAssembly("NewsCms.Migrations.Postgres")
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .UseCompiledModel(Migrations.Postgres.CompiledModel.NewsCmsDbContextModel.Instance)
            .AddInterceptors(new PostgresWriterQueue(), new NulFreeParameters());

    // The model as `dotnet ef dbcontext optimize` wrote it (migrations/*/CompiledModel): building it
    // from the entity configurations took about 300 ms of every start. Migrate would still build
    // it once more to compare with the last migration's snapshot; CompiledModelTests make that comparison
    // (and the compiled model's with the configured one) in the tests instead.
    private static DbContextOptionsBuilder UseCompiledModel(this DbContextOptionsBuilder options, IModel model) =>
        options.UseModel(model)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    // A context on a PostgreSQL database other than the site's own, exactly as a site on it would
    // have one (the migrate verb's target), with the search index that goes with it.
    public static (NewsCmsDbContext Db, IArticleSearch Search) OpenPostgres(string connectionString, IServiceProvider services)
    {
        var options = new DbContextOptionsBuilder<NewsCmsDbContext>();
        UsePostgres(options, connectionString);
        var db = new NewsCmsDbContext(options.Options);
        return (db, new PostgresFullTextSearch(db, services.GetRequiredService<IOptions<SearchOptions>>()));
    }

    // The connection string's mistake as a sentence, or null when Npgsql can read it.
    public static string? PostgresConnectionProblem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"not a PostgreSQL connection string: {e.Message}";
        }
    }

    private static (DatabaseChoice? Choice, string? Problem) Choose(IConfiguration configuration)
    {
        var name = configuration["NewsCms:Database:Provider"];
        if (!DatabaseOptions.TryParse(name, out var provider))
            return (null, $"NewsCms:Database:Provider is \"{name}\"; it must be Sqlite (the default) or Postgres.");
        if (provider == DatabaseProvider.Sqlite) return (new DatabaseChoice(provider, null), null);

        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            return (null, "NewsCms:Database:Provider is Postgres but ConnectionStrings:NewsCms is not set " +
                "(for example \"Host=db;Database=newscms;Username=newscms;Password=...\").");
        if (PostgresConnectionProblem(connectionString) is { } mistake) return (null, $"ConnectionStrings:NewsCms is {mistake}");
        return (new DatabaseChoice(provider, connectionString), null);
    }

    // Brings the database to the current schema and seeds a fresh one. Runs before the first request.
    public static Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default) =>
        app.Services.PrepareDatabaseAsync(seedDemoContent: true, ct);

    // Command-line verbs migrate too, but demo content belongs to a site being run, not to an import.
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool seedDemoContent, CancellationToken ct = default)
    {
        var data = services.GetRequiredService<IOptions<DataOptions>>().Value;
        Directory.CreateDirectory(data.MediaDirectory);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsCmsDbContext>();
        await using var alone = await PreparingAloneAsync(db, ct);
        if ((await db.Database.PendingMigrationsAsync(ct)).Count > 0) await db.Database.MigrateAsync(ct);
        // WAL lets readers go on while a journalist saves; the mode is stored in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Page snapshots are rebuilt from the articles: a new version may shape pages differently,
        // and a crash between a save and its eviction must not leave a stale one behind.
        await scope.ServiceProvider.GetRequiredService<ArticlePageSnapshots>().InvalidateAsync([CacheTags.Site], ct);
        if (seedDemoContent && data.SeedDemoContent)
            await scope.ServiceProvider.GetRequiredService<DemoContent>().SeedIfEmptyAsync(ct);
    }

    // The migrations the database has not applied, in order. EF's own listing (GetPendingMigrations,
    // and Migrate's first step) first builds a model of its history table through the whole
    // convention set: 200-290 ms of every start, and again on every /readyz. Here one query asks
    // whether the table is there and one reads its rows (EF's default name on both providers).
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(this DatabaseFacade database, CancellationToken ct)
    {
        var known = database.GetMigrations();
        if (!await database.GetService<IHistoryRepository>().ExistsAsync(ct)) return known.ToList();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await database.OpenConnectionAsync(ct);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
        return known.Where(id => !applied.Contains(id)).ToList();
    }

    // Any constant will do; it spells "NewsPrep" so it is recognisable in pg_locks.
    private const long PreparationLockKey = 0x4E65777350726570;

    // Instances started together on one PostgreSQL database (docker compose's scale profile) must
    // prepare it one at a time. Left to EF, both created the database, or both applied the same
    // migration: EF locks the history table per migration, after each instance has already listed
    // what is pending, and one of them died on a duplicate object. The first instance here creates,
    // migrates and seeds; the next waits on this session lock and then finds nothing to do. SQLite
    // needs none of this: EF's own migration lock there is held for the whole run.
    //
    // Split in two so that a site on SQLite never loads Npgsql: a method that names its types loads
    // the assembly when it first runs, whichever branch it takes.
    private static Task<IAsyncDisposable?> PreparingAloneAsync(NewsCmsDbContext db, CancellationToken ct) =>
        db.Database.ProviderName == PostgresProviderName ? PostgresPreparingAloneAsync(db, ct) : Task.FromResult<IAsyncDisposable?>(null);

    // The name EF gives Npgsql's provider, which IsNpgsql() compares with (pinned by DatabaseSettingsTests).
    internal const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static async Task<IAsyncDisposable?> PostgresPreparingAloneAsync(NewsCmsDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        for (var attempt = 1; !await creator.ExistsAsync(ct); attempt++)
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            // Another instance created it first, or is copying the template for it right now.
            catch (PostgresException e) when (attempt < 100
                && e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(100, ct);
            }
        }
        // A connection of its own, unpooled: the lock is the session's, and ends with it.
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString());
        try
        {
            await session.OpenAsync(ct);
            // No timeout: a cold start that migrates a large database has taken most of a minute.
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PreparationLockKey})", session) { CommandTimeout = 0 };
            await take.ExecuteNonQueryAsync(ct);
            // EF's PostgreSQL migrator lists the applied migrations before it creates its history
            // table, and logs that failed SELECT as an error on every new database: an operator's
            // first start began with "fail:". Created first, by EF's own DDL, the table is there.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            return session;
        }
        catch
        {
            // Cancelled while waiting, or failed after taking it: the lock must not outlive this.
            await session.DisposeAsync();
            throw;
        }
    }
}
