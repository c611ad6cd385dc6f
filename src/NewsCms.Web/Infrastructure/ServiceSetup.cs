using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Importing;
using NewsCms.Media;
using NewsCms.Portability;
using NewsCms.Rendering;
using NewsCms.Tags;

namespace NewsCms.Web.Infrastructure;

public static class ServiceSetup
{
    // The domain services: the same instances serve the admin, the API and the command line.
    public static WebApplicationBuilder AddNewsCmsServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SiteOptions>(builder.Configuration.GetSection("NewsCms:Site"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ArticleService>();
        services.AddScoped<PublishedArticles>();
        // The request's memory for the texts of the page it shows, given back when it ends.
        services.AddScoped<Utf8TextArena>();
        services.AddScoped<AuthorService>();
        services.AddScoped<TagService>();
        services.AddScoped<MediaService>();
        services.AddScoped<DemoContent>();
        services.AddScoped<ContentGenerator>();
        services.AddSingleton<BackupService>();
        services.AddScoped<ArticleImporter>();
        services.AddScoped<ArticleExporter>();
        services.AddScoped<ArticleJsonImporter>();
        services.AddHostedService<ScheduledPublisher>();
        return builder;
    }
}
