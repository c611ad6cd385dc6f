using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using NewsCms.Caching;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Articles;

// A published article's page as readers see it (ArticlePage, as JSON), kept so that a page the
// output cache does not hold costs one indexed read instead of nine statements and the callout
// and photo lookups. It is a read model: built from the articles on the first read, dropped by
// the same tags that evict cached pages, and never the source of anything.
public sealed class ArticlePageSnapshot
{
    public int ArticleId { get; set; }
    public string Slug { get; set; } = "";
    // UTF-8 JSON, read straight into the page without a detour through a string.
    public byte[] Json { get; set; } = [];
    public List<ArticlePageSnapshotTag> Tags { get; set; } = [];
}

// One thing a snapshot shows (CacheTags: article:N, tag:N, author:N, media:N): a change to it drops the snapshot.
public sealed class ArticlePageSnapshotTag
{
    public string Tag { get; set; } = "";
    public int ArticleId { get; set; }
}

// Counts invalidations. A snapshot is stored only if none happened since its data was read, so a
// page built from data a journalist changed meanwhile is never kept (see ArticlePageSnapshots.StoreAsync).
public sealed class PageSnapshotGeneration
{
    public const int SingletonId = 1;
    public int Id { get; set; }
    public long Value { get; set; }
}

public sealed class ArticlePageSnapshotConfiguration : IEntityTypeConfiguration<ArticlePageSnapshot>
{
    public void Configure(EntityTypeBuilder<ArticlePageSnapshot> s)
    {
        s.HasKey(x => x.ArticleId);
        s.Property(x => x.ArticleId).ValueGeneratedNever();
        s.Property(x => x.Slug).HasMaxLength(Common.FieldLimits.Slug).IsRequired();
        // Unbounded: it is derived from fields that are each bounded, and never typed by anyone.
        s.Property(x => x.Json).IsRequired();
        s.HasIndex(x => x.Slug).IsUnique();
        s.HasOne<Article>().WithOne().HasForeignKey<ArticlePageSnapshot>(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        s.HasMany(x => x.Tags).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArticlePageSnapshotTagConfiguration : IEntityTypeConfiguration<ArticlePageSnapshotTag>
{
    public void Configure(EntityTypeBuilder<ArticlePageSnapshotTag> t)
    {
        t.HasKey(x => new { x.Tag, x.ArticleId });
        t.Property(x => x.Tag).HasMaxLength(40);
        t.HasIndex(x => x.ArticleId);
    }
}

public sealed class PageSnapshotGenerationConfiguration : IEntityTypeConfiguration<PageSnapshotGeneration>
{
    public void Configure(EntityTypeBuilder<PageSnapshotGeneration> g)
    {
        g.Property(x => x.Id).ValueGeneratedNever();
        g.HasData(new PageSnapshotGeneration { Id = PageSnapshotGeneration.SingletonId, Value = 0 });
    }
}

// What a lookup found: the snapshot's page if there is one, and the generation read before any
// of the article's data, which StoreAsync needs to tell whether the data changed meanwhile.
public readonly record struct SnapshotLookup(ArticlePage? Page, long Generation);

// A page read here keeps its long texts in the request's Utf8TextArena when there is one (a web
// request's scope has one): it is the request's page, read until its response is written.
public sealed class ArticlePageSnapshots(
    NewsCmsDbContext db, ILogger<ArticlePageSnapshots> log, PreparedSnapshotLookup? prepared = null, Utf8TextArena? arena = null)
{
    // The tags whose change can alter an article page. Lists ("articles") and the API are not on it.
    public static bool ShownOnArticlePages(string tag) =>
        tag == CacheTags.Site || tag.StartsWith("article:", StringComparison.Ordinal) || tag.StartsWith("tag:", StringComparison.Ordinal)
        || tag.StartsWith("author:", StringComparison.Ordinal) || tag.StartsWith("media:", StringComparison.Ordinal);

    // One statement: the generation, and the snapshot under this slug if any. Plain SQL: EF's
    // compiled query cost as much again as the statement itself. On SQLite it runs prepared
    // (PreparedSnapshotLookup); inside a transaction, and on PostgreSQL, on the context's connection.
    internal static readonly string LookupSql =
        $"SELECT \"Value\", (SELECT \"Json\" FROM \"ArticlePageSnapshots\" WHERE \"Slug\" = @slug) FROM \"PageSnapshotGenerations\" WHERE \"Id\" = {PageSnapshotGeneration.SingletonId}";

    public async Task<SnapshotLookup> FindAsync(string slug, CancellationToken ct)
    {
        var found = prepared is not null && db.Database.CurrentTransaction is null && prepared.ConnectionString == db.Database.GetConnectionString()
            ? prepared.Find(slug, arena)
            : await FindOnContextAsync(slug, ct);
        return found is { } row ? new SnapshotLookup(row.Page, row.Generation) : new SnapshotLookup(null, -1);
    }

    private async Task<(long Generation, ArticlePage? Page)?> FindOnContextAsync(string slug, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = LookupSql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@slug";
            parameter.Value = slug;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
            return await reader.ReadAsync(ct) ? LookupRow(reader, arena) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // LookupSql's row read through ADO.NET (PostgreSQL, or SQLite inside a transaction): the
    // generation, and the page if a readable snapshot is stored. The JSON is read into a pooled
    // array, since the page copies out all it keeps; Npgsql copies it there from its own buffer.
    internal static (long Generation, ArticlePage? Page) LookupRow(DbDataReader reader, Utf8TextArena? arena)
    {
        var generation = reader.GetInt64(0);
        if (reader.IsDBNull(1)) return (generation, null);
        var json = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                length += (int)reader.GetBytes(1, length, json, length, json.Length - length);
                if (length < json.Length) break;
                var larger = ArrayPool<byte>.Shared.Rent(json.Length * 2);
                json.AsSpan().CopyTo(larger);
                ArrayPool<byte>.Shared.Return(json);
                json = larger;
            }
            return (generation, Deserialize(json.AsSpan(0, length), arena));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(json);
        }
    }

    // Keeps the page unless an invalidation came after `generation` was read. The generation row
    // is locked (a no-op update) for the length of the transaction: an invalidation either
    // committed before, and the check fails, or waits, and then drops what this stored.
    public async Task StoreAsync(ArticlePage page, long generation, CancellationToken ct)
    {
        if (generation < 0 || page.Article.Status != ArticleStatus.Published) return;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var unchanged = await db.PageSnapshotGenerations
                .Where(g => g.Id == PageSnapshotGeneration.SingletonId && g.Value == generation)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Value, g => g.Value), ct);
            if (unchanged == 0) return;
            var id = page.Article.Id;
            var slug = page.Article.Slug;
            await db.ArticlePageSnapshots.Where(s => s.ArticleId == id || s.Slug == slug).ExecuteDeleteAsync(ct);
            db.ArticlePageSnapshots.Add(new ArticlePageSnapshot
            {
                ArticleId = id,
                Slug = slug,
                Json = JsonWithTexts.Serialize(page, SnapshotJson.Stored.ArticlePage),
                Tags = page.ShownTags.Distinct().Select(tag => new ArticlePageSnapshotTag { Tag = tag }).ToList(),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // The reader still gets the page; only the next one pays for building it again.
            log.LogWarning(e, "Could not keep the page of article {ArticleId} as a snapshot", page.Article.Id);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    // Drops every snapshot that shows one of the tags (all of them for the site settings), and
    // moves the generation on so that a page being built from older data is not kept. Inside the
    // writer's transaction when there is one: the change and the drop commit together.
    public async Task InvalidateAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await InvalidateAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), tags, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The same on a connection and transaction of the caller's, in plain SQL: the save interceptor
    // runs it as a transaction commits, while EF is still inside SaveChanges and the context cannot
    // be used. The names are the model's tables (PageSnapshotTests fail if they drift).
    public static async Task InvalidateAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string> tags, CancellationToken ct)
    {
        var shown = tags.Where(ShownOnArticlePages).Distinct().ToList();
        if (shown.Count == 0) return;
        await using var owned = transaction is null ? await connection.BeginTransactionAsync(ct) : null;
        var within = transaction ?? owned!;
        await ExecuteAsync(connection, within, $"UPDATE \"PageSnapshotGenerations\" SET \"Value\" = \"Value\" + 1 WHERE \"Id\" = {PageSnapshotGeneration.SingletonId}", [], ct);
        if (shown.Contains(CacheTags.Site))
            await ExecuteAsync(connection, within, "DELETE FROM \"ArticlePageSnapshots\"", [], ct);
        else
            await ExecuteAsync(connection, within,
                $"DELETE FROM \"ArticlePageSnapshots\" WHERE \"ArticleId\" IN (SELECT \"ArticleId\" FROM \"ArticlePageSnapshotTags\" WHERE \"Tag\" IN ({string.Join(", ", shown.Select((_, i) => $"@t{i}"))}))",
                shown, ct);
        if (owned is not null) await owned.CommitAsync(ct);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> tags, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < tags.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@t{i}";
            parameter.Value = tags[i];
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static ArticlePage? Deserialize(ReadOnlySpan<byte> json, Utf8TextArena? arena)
    {
        try
        {
            return JsonWithTexts.Deserialize(json, SnapshotJson.Stored.ArticlePage, arena);
        }
        catch (JsonException)
        {
            // A snapshot from an older shape of the page: built again, as if it were missing.
            return null;
        }
    }
}

// Computed members (paths, display strings) are not stored: they are derived again on reading.
[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(ArticlePage))]
internal sealed partial class SnapshotJson : JsonSerializerContext
{
    // Stored, never embedded in a page: HTML is kept as it is rather than escaped (\u003C for
    // every <), so the bodies are read back on the reader's fast path, without unescaping.
    // SECURITY.md's rule (System.Text.Json's default escaping) is for JSON that goes into a page,
    // as JSON-LD does; these bytes never leave the database, only the page read from them does.
    public static SnapshotJson Stored { get; } = new(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        IgnoreReadOnlyProperties = true,
    });
}
