using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.ApiKeys;

public sealed record ApiKeyView(
    int Id, string Name, ApiKeyScope Scope, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

// A new key: the only moment its secret exists outside the caller's hands.
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

// Creates, lists, revokes and checks API keys. SECURITY.md: 256 random bits, stored as a hash,
// a short visible prefix, scoped, revocable with immediate effect, compared in constant time.
public sealed class ApiKeyService(NewsCmsDbContext db, TimeProvider clock)
{
    public const string KeyMarker = "ncms_";
    public const int PrefixLength = 12;

    // Last use is for people ("used 3 minutes ago"), so a busy key writes it at most this often.
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyScope scope, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var errors = new ValidationErrors();
        var trimmed = name?.Trim() ?? "";
        errors.Required("Name", trimmed, "Name");
        errors.MaxLength("Name", trimmed, FieldLimits.ApiKeyName, "Name");
        if (!Enum.IsDefined(scope)) errors.Add("Scope", "The scope is read or write.");
        errors.ThrowIfAny();

        var secret = KeyMarker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = trimmed,
            Scope = scope,
            Prefix = secret[..PrefixLength],
            KeyHash = Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Name.Length > FieldLimits.Actor ? actor.Name[..FieldLimits.Actor] : actor.Name,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(ToView(key), secret);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        return keys.OrderBy(k => k.IsRevoked).ThenByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Select(ToView).ToList();
    }

    public async Task<ApiKeyView> RevokeAsync(int id, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException($"API key {id}");
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToView(key);
    }

    // The key a request presents, if it is one of ours and not revoked. Every call reads the
    // database, so a revoked key stops working on its next request.
    public async Task<ApiKeyView?> AuthenticateAsync(string? presented, CancellationToken ct)
    {
        if (presented is null || presented.Length < PrefixLength || presented.Length > 200
            || !presented.StartsWith(KeyMarker, StringComparison.Ordinal))
            return null;
        var prefix = presented[..PrefixLength];
        var candidates = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .ToListAsync(ct);
        var hash = Encoding.ASCII.GetBytes(Hash(presented));
        var key = candidates.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(k.KeyHash), hash));
        if (key is null) return null;

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUseResolution)
        {
            // One UPDATE, no tracking: cheap enough to do on the request.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
            key.LastUsedAt = now;
        }
        return ToView(key);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only an administrator can manage API keys.");
    }

    private static ApiKeyView ToView(ApiKey k) =>
        new(k.Id, k.Name, k.Scope, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
