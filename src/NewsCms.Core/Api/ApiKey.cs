namespace NewsCms.Api;

public enum ApiKeyScope
{
    // Reads everything, drafts included.
    Read,

    // Writes as an Editor would.
    Write,
}

// A key an integrator sends as "Authorization: Bearer KEY". Only its SHA-256 hash is stored;
// the plain key is shown once, when it is created.
public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ApiKeyScope Scope { get; set; }

    // The key's first characters, to tell keys apart in a list and to find a key before comparing hashes.
    public string Prefix { get; set; } = "";

    // Lower-case hex SHA-256 of the whole key.
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
