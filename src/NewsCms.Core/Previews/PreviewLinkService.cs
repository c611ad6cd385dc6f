using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Rendering;

namespace NewsCms.Previews;

public sealed record PreviewLinkView(int Id, int ArticleId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
    string CreatedBy, bool IsActive);

// The token is in the result only: it is shown once and cannot be read back.
public sealed record CreatedPreviewLink(PreviewLinkView Link, string Token);

// Drafts as readers will see them: for the newsroom by article id, for anyone else by a link token.
// The admin and the API both create and revoke links here.
public sealed class PreviewLinkService(NewsCmsDbContext db, PublishedArticles pages, MarkdownRenderer renderer, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private DbSet<PreviewLink> Links => db.PreviewLinks;

    // Any article in any state, rendered as its public page would be.
    public async Task<ArticlePage> PreviewAsync(int articleId, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().WithChildren().FirstOrDefaultAsync(a => a.Id == articleId, ct)
            ?? throw new NotFoundException($"Article {articleId}");
        return await pages.ToPageAsync(article, ct);
    }

    // Markdown as it will read on the page, callouts resolved: the editor's live preview. The same
    // renderer as the save, so what the journalist sees is what readers get.
    public async Task<string> RenderBodyAsync(string? markdown, CancellationToken ct)
    {
        var html = renderer.Render(markdown);
        return (await pages.ToPageAsync(new Article { BodyHtml = html }, ct)).BodyHtml.ToString();
    }

    // Null for an unknown, expired or revoked token, alike: the caller answers 404 to all three.
    public async Task<ArticlePage?> FindPageAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var articleId = await Links.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedAt == null && l.ExpiresAt > now)
            .Select(l => (int?)l.ArticleId)
            .FirstOrDefaultAsync(ct);
        return articleId is { } id ? await PreviewAsync(id, ct) : null;
    }

    public async Task<IReadOnlyList<PreviewLinkView>> ListAsync(int articleId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await Links.AsNoTracking().Where(l => l.ArticleId == articleId)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .ToListAsync(ct);
        return rows.Select(l => ToView(l, now)).ToList();
    }

    public async Task<CreatedPreviewLink> CreateAsync(int articleId, TimeSpan? lifetime, Actor actor, CancellationToken ct)
    {
        await EnsureCanShareAsync(articleId, actor, ct);
        var span = lifetime ?? DefaultLifetime;
        if (span < MinLifetime || span > MaxLifetime)
            throw ValidationFailedException.For("ExpiresInHours",
                $"A preview link lasts between {MinLifetime.TotalHours:N0} hour and {MaxLifetime.TotalDays:N0} days.");
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var link = new PreviewLink
        {
            ArticleId = articleId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + span,
            CreatedBy = actor.Name.Length > FieldLimits.Actor ? actor.Name[..FieldLimits.Actor] : actor.Name,
            CreatedByUserId = actor.UserId,
        };
        Links.Add(link);
        await db.SaveChangesAsync(ct);
        return new CreatedPreviewLink(ToView(link, now), token);
    }

    // Takes effect at once: the next request with the token is refused.
    public async Task RevokeAsync(int articleId, int linkId, Actor actor, CancellationToken ct)
    {
        await EnsureCanShareAsync(articleId, actor, ct);
        var link = await Links.FirstOrDefaultAsync(l => l.Id == linkId && l.ArticleId == articleId, ct)
            ?? throw new NotFoundException($"Preview link {linkId}");
        link.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // Sharing a draft outside the newsroom is for those who may change it: editors, and its writer.
    private async Task EnsureCanShareAsync(int articleId, Actor actor, CancellationToken ct)
    {
        var owner = await db.Articles.Where(a => a.Id == articleId).Select(a => new { a.CreatedByUserId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Article {articleId}");
        if (!actor.IsEditor && (owner.CreatedByUserId is null || owner.CreatedByUserId != actor.UserId))
            throw new ForbiddenException("Writers can share previews of their own articles only.");
    }

    private static PreviewLinkView ToView(PreviewLink l, DateTimeOffset now) =>
        new(l.Id, l.ArticleId, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.CreatedBy, l.RevokedAt is null && l.ExpiresAt > now);
}
