using NewsCms.Articles;
using NewsCms.Search;
using NewsCms.Settings;
using NewsCms.Syndication;

namespace NewsCms.Web.Infrastructure;

// Search, site settings, feeds and sitemaps: what readers and their tools use to find articles.
public static class ReadersSetup
{
    public static WebApplicationBuilder AddNewsCmsReaders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SitemapOptions>(builder.Configuration.GetSection("NewsCms:Sitemaps"));
        services.AddSingleton<SiteSettingsCache>();
        services.AddScoped<SiteSettingsService>();
        // The index itself (IArticleSearch) is the database's own, registered by DataSetup.
        services.Configure<SearchOptions>(builder.Configuration.GetSection("NewsCms:Search"));
        services.AddScoped<IArticleChangeHandler, SearchIndexUpdater>();
        services.AddScoped<ArticleSearchService>();
        services.AddScoped<SitemapSource>();
        return builder;
    }

    // After migrations: reads the site settings once and fills a new or emptied search index.
    public static async Task PrepareReadersAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SiteSettingsService>().GetAsync(ct);
        var search = scope.ServiceProvider.GetRequiredService<IArticleSearch>();
        if (await search.NeedsRebuildAsync(ct))
        {
            var count = await search.RebuildAsync(ct);
            app.Logger.LogInformation("Rebuilt the search index: {Count} published articles.", count);
        }
    }
}

public sealed class SitemapOptions
{
    // sitemaps.org allows 50,000 URLs per file; smaller files are quicker to build and fetch.
    public int UrlsPerFile { get; set; } = 10_000;
}
