using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Caching;
using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

public static class DataSetup
{
    public static WebApplicationBuilder AddNewsCmsData(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("NewsCms");
        builder.Services.Configure<DataOptions>(section);
        // A relative data directory is under the content root, whatever the working directory.
        builder.Services.PostConfigure<DataOptions>(o =>
            o.DataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, o.DataDirectory)));

        SqliteTuning.ConfigureLibrary();
        // Pooled: a request leases a ready context instead of building options and services anew.
        builder.Services.AddDbContextPool<NewsCmsDbContext>((services, options) =>
        {
            var data = services.GetRequiredService<IOptions<DataOptions>>().Value;
            Directory.CreateDirectory(data.DataDirectory);
            PlainSqliteConnection.Use(options).UseSqlite(SqliteTuning.ConnectionString(data.DatabasePath),
                    sqlite => sqlite.MigrationsAssembly("NewsCms.Migrations.Sqlite")
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(new SqliteTuning());
        });
        return builder;
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
        await db.Database.MigrateAsync(ct);
        // WAL lets readers go on while a journalist saves; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Page snapshots are rebuilt from the articles: a new version may shape pages differently,
        // and a crash between a save and its eviction must not leave a stale one behind.
        await scope.ServiceProvider.GetRequiredService<ArticlePageSnapshots>().InvalidateAsync([CacheTags.Site], ct);
        if (seedDemoContent && data.SeedDemoContent)
            await scope.ServiceProvider.GetRequiredService<DemoContent>().SeedIfEmptyAsync(ct);
    }
}
