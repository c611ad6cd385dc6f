using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Api;

public sealed record ApiKeyView(int Id, string Name, ApiKeyScope Scope, string Prefix, DateTimeOffset CreatedAt,
    string? CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

// The plain key exists only in this value, returned once by CreateAsync.
public sealed record CreatedApiKey(ApiKeyView Key, string PlainKey);

public sealed class ApiKeyService(NewsCmsDbContext db, TimeProvider clock)
{
    public const string KeyStart = "ncms_";
    public const int PrefixLength = 12;

    // A busy integrator must not turn every request into a write: last use is kept to the minute.
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string? name, ApiKeyScope scope, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only an admin can create API keys.");
        var errors = new ValidationErrors();
        var trimmed = name?.Trim() ?? "";
        errors.Required("Name", trimmed, "Name");
        errors.MaxLength("Name", trimmed, FieldLimits.ApiKeyName, "Name");
        if (!Enum.IsDefined(scope)) errors.Add("Scope", "The scope is read or write.");
        errors.ThrowIfAny();

        // 256 random bits, base64url: 43 characters after the recognisable start.
        var plain = KeyStart + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = trimmed,
            Scope = scope,
            Prefix = plain[..PrefixLength],
            Hash = HashOf(plain),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = Truncate(actor.Name, FieldLimits.Actor),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(ToView(key), plain);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenBy(k => k.Id)
            .Select(k => ToView(k)).ToListAsync(ct);

    // Takes effect at once: the next request with the key is refused.
    public async Task RevokeAsync(int id, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only an admin can revoke API keys.");
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException($"API key {id}");
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    // The key's record when it is valid and not revoked; null otherwise.
    public async Task<ApiKeyView?> AuthenticateAsync(string? plain, CancellationToken ct)
    {
        if (plain is null || plain.Length < PrefixLength || plain.Length > 200 || !plain.StartsWith(KeyStart, StringComparison.Ordinal))
            return null;
        var prefix = plain[..PrefixLength];
        var candidates = await db.ApiKeys.Where(k => k.Prefix == prefix && k.RevokedAt == null).ToListAsync(ct);
        var hash = Encoding.ASCII.GetBytes(HashOf(plain));
        var key = candidates.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(k.Hash), hash));
        if (key is null) return null;
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return ToView(key);
    }

    private static string HashOf(string plain) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;

    private static ApiKeyView ToView(ApiKey k) =>
        new(k.Id, k.Name, k.Scope, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
