namespace NewsCms.ApiKeys;

public enum ApiKeyScope
{
    // Reads everything, drafts included.
    Read,

    // Reads and writes as an Editor would.
    Write,
}

// A key an integrator sends as "Authorization: Bearer KEY". Only its SHA-256 hash is stored: the
// key itself is shown once, when it is created.
public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ApiKeyScope Scope { get; set; }

    // The first characters of the key, stored in clear so people can tell keys apart and the
    // lookup finds the row without scanning; the rest of the key is only in the hash.
    public string Prefix { get; set; } = "";

    // SHA-256 of the whole key, lower-case hex.
    public string KeyHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
