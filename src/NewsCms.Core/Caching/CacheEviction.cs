using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Data;
using NewsCms.Media;
using NewsCms.Settings;
using NewsCms.Tags;

namespace NewsCms.Caching;

// The names cached public pages are filed under, so a change evicts exactly the pages that show it.
// Every list (home, tag, author, feeds, sitemaps, corrections) carries Articles; an article page
// carries its own tag plus those of every article, tag, author and image it shows.
public static class CacheTags
{
    public const string Articles = "articles";
    public const string Site = "site";

    // Every anonymous API read: articles in full, tags, authors, photos. Any content change drops
    // them all (writes are rare next to reads, and a list may show any of them).
    public const string Api = "api";

    public static string Article(int id) => string.Create(CultureInfo.InvariantCulture, $"article:{id}");
    public static string Tag(int id) => string.Create(CultureInfo.InvariantCulture, $"tag:{id}");
    public static string Author(int id) => string.Create(CultureInfo.InvariantCulture, $"author:{id}");
    public static string Media(int id) => string.Create(CultureInfo.InvariantCulture, $"media:{id}");
}

// Drops cached pages by tag. The web app implements it over its output cache.
public interface ICacheEvictor
{
    Task EvictAsync(IReadOnlyCollection<string> tags, CancellationToken ct);
}

// A saved, published, unpublished or deleted article (the scheduler's publishing included): its
// own page, every page that shows its headline (callouts and related lists carry its tag) and
// every list. The page snapshots that show it are dropped inside the save's transaction; cached
// pages after the commit, so no reader can re-cache the old version.
public sealed class CachedPageEviction(ICacheEvictor evictor, ArticlePageSnapshots snapshots) : IArticleChangeHandler
{
    public Task BeforeCommitAsync(ArticleChange change, CancellationToken ct) =>
        snapshots.InvalidateAsync([CacheTags.Article(change.ArticleId)], ct);

    public Task AfterCommitAsync(ArticleChange change, CancellationToken ct) =>
        evictor.EvictAsync([CacheTags.Article(change.ArticleId), CacheTags.Articles, CacheTags.Api], ct);
}

// Everything else a page shows, in one place whichever service saved it: an author's name, a tag's
// name, a photo's credit or renditions, the site settings. Reads the change tracker as the save
// begins. Drops the page snapshots that show the change as its transaction commits (or right
// after a save EF ran without one), and evicts cached pages once the data is committed.
// One instance serves every context of the pool, so what is pending is kept per context.
public sealed class ShownContentEviction(ICacheEvictor evictor) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pendingByContext = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    // A save of one statement runs without a transaction: it is committed by now.
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await DropSnapshotsAsync(eventData.Context, cancellationToken);
            await FlushAsync(eventData.Context, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Pending(eventData.Context) is { } tags)
            await ArticlePageSnapshots.InvalidateAsync(transaction.Connection!, transaction, tags, cancellationToken);
        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

    // A refused save outside a transaction evicts nothing and must not leak into the next one.
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Discard(eventData.Context);
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => await FlushAsync(eventData.Context, cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        FlushAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    private async Task FlushAsync(DbContext? context, CancellationToken ct)
    {
        if (context is null || !pendingByContext.TryGetValue(context, out var pending) || pending.Count == 0) return;
        var tags = pending.ToList();
        pending.Clear();
        await evictor.EvictAsync(tags, ct);
    }

    private IReadOnlyList<string>? Pending(DbContext? context) =>
        context is not null && pendingByContext.TryGetValue(context, out var pending) && pending.Count > 0 ? pending.ToList() : null;

    private async Task DropSnapshotsAsync(DbContext? context, CancellationToken ct)
    {
        if (context is NewsCmsDbContext db && Pending(context) is { } tags)
            await new ArticlePageSnapshots(db, NullLogger<ArticlePageSnapshots>.Instance).InvalidateAsync(tags, ct);
    }

    private void Discard(DbContext? context)
    {
        if (context is not null && pendingByContext.TryGetValue(context, out var pending)) pending.Clear();
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var pending = pendingByContext.GetValue(context, _ => []);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            // The API lists every author, tag and photo, new ones included.
            if (entry.State is (EntityState.Added or EntityState.Modified or EntityState.Deleted) && TagFor(entry) is not null)
                pending.Add(CacheTags.Api);
            // A new author, tag or photo is on no cached page yet; the article that first shows it
            // evicts. The settings row is added by the first save, and every page shows it.
            if (entry.State is not (EntityState.Modified or EntityState.Deleted)
                && !(entry.State == EntityState.Added && entry.Entity is SiteSetting)) continue;
            if (TagFor(entry) is not { } tag) continue;
            pending.Add(tag);
            // Lists show bylines, tag names and teaser images too.
            pending.Add(tag == CacheTags.Site ? CacheTags.Site : CacheTags.Articles);
        }
    }

    private static string? TagFor(EntityEntry entry) => entry.Entity switch
    {
        Author a => CacheTags.Author(a.Id),
        Tag t => CacheTags.Tag(t.Id),
        MediaAsset m => CacheTags.Media(m.Id),
        MediaRendition r => CacheTags.Media(r.MediaAssetId),
        // The credit is owned by its photo: its key is the photo's id.
        ImageCredit => entry.Metadata.FindPrimaryKey()?.Properties is [var key] && entry.Property(key.Name).CurrentValue is int id
            ? CacheTags.Media(id)
            : null,
        SiteSetting => CacheTags.Site,
        _ => null,
    };
}
