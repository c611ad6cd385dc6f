using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NewsCms.Accounts;
using NewsCms.Api;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Media;
using NewsCms.Previews;
using NewsCms.Revisions;
using NewsCms.Settings;
using NewsCms.Tags;
using NewsCms.Webhooks;

namespace NewsCms.Data;

public sealed class NewsCmsDbContext(DbContextOptions<NewsCmsDbContext> options)
    : IdentityDbContext<NewsUser>(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<QaSection> QaSections => Set<QaSection>();
    public DbSet<Attribution> Attributions => Set<Attribution>();
    public DbSet<RelatedArticle> RelatedArticles => Set<RelatedArticle>();
    public DbSet<CorrectionNote> Corrections => Set<CorrectionNote>();
    public DbSet<ArticleRedirect> ArticleRedirects => Set<ArticleRedirect>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Byline> Bylines => Set<Byline>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();
    public DbSet<MediaRendition> MediaRenditions => Set<MediaRendition>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ArticlePageSnapshot> ArticlePageSnapshots => Set<ArticlePageSnapshot>();
    public DbSet<ArticlePageSnapshotTag> ArticlePageSnapshotTags => Set<ArticlePageSnapshotTag>();
    public DbSet<PageSnapshotGeneration> PageSnapshotGenerations => Set<PageSnapshotGeneration>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NewsCmsDbContext).Assembly);
    }

    // Each database stores some types its own way; ProviderConventions holds what differs.
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        if (Database.IsSqlite()) ProviderConventions.Sqlite(configuration);
        else if (Database.IsNpgsql()) ProviderConventions.Postgres(configuration);
    }
}
