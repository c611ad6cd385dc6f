using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Settings;

// What pages, feeds and sitemaps say about the site. Language and time zone stay in
// configuration: changing them would move every article's URL date.
public sealed record SiteSettings(
    string Name,
    string Description,
    string? BaseUrl,
    string? LogoUrl,
    string? DefaultSocialImageUrl,
    string Language,
    TimeZoneInfo TimeZone);

// What an Admin submits from the settings form; empty fields fall back to configuration.
public sealed record SiteSettingsInput(
    string? Name, string? Description, string? BaseUrl, string? LogoUrl, string? DefaultSocialImageUrl);

// Holds the settings last read, for the whole app: pages read them on every request.
public sealed class SiteSettingsCache
{
    internal volatile Snapshot? Current;

    internal sealed record Snapshot(SiteSettings Settings, SiteSettingsInput Stored, DateTimeOffset ReadAt);
}

public sealed class SiteSettingsService(
    NewsCmsDbContext db,
    IOptions<SiteOptions> options,
    SiteSettingsCache cache,
    TimeProvider clock)
{
    // Another app instance may have saved newer settings: each instance rereads them this often.
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    // The settings as last read (configuration until the first read): for code that cannot wait.
    public SiteSettings Current => cache.Current?.Settings ?? Merge(null);

    public async Task<SiteSettings> GetAsync(CancellationToken ct)
    {
        var snapshot = cache.Current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.ReadAt < RefreshAfter) return snapshot.Settings;
        return (await ReloadAsync(ct)).Settings;
    }

    // What the Admin stored, without the configuration fallbacks: the settings form shows this.
    public async Task<SiteSettingsInput> GetStoredAsync(CancellationToken ct) => (await ReloadAsync(ct)).Stored;

    public async Task<SiteSettings> UpdateAsync(SiteSettingsInput input, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin)
            throw new ForbiddenException("Only an administrator can change the site settings.");
        var errors = new ValidationErrors();
        var name = Clean(input.Name);
        var description = Clean(input.Description);
        var baseUrl = Clean(input.BaseUrl)?.TrimEnd('/');
        var logo = Clean(input.LogoUrl);
        var socialImage = Clean(input.DefaultSocialImageUrl);
        errors.MaxLength(nameof(input.Name), name, FieldLimits.SiteName, "The site name");
        errors.MaxLength(nameof(input.Description), description, FieldLimits.SiteDescription, "The description");
        errors.MaxLength(nameof(input.BaseUrl), baseUrl, FieldLimits.Url, "The base URL");
        errors.AbsoluteHttpUrl(nameof(input.BaseUrl), baseUrl, "The base URL");
        if (baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && (b.Query.Length > 0 || b.Fragment.Length > 0))
            errors.Add(nameof(input.BaseUrl), "The base URL is the site's address only, without ? or #.");
        ImageAddress(nameof(input.LogoUrl), logo, "The logo", errors);
        ImageAddress(nameof(input.DefaultSocialImageUrl), socialImage, "The default social image", errors);
        errors.ThrowIfAny();

        var row = await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == SiteSetting.SingletonId, ct);
        if (row is null)
        {
            row = new SiteSetting();
            db.SiteSettings.Add(row);
        }
        row.Name = name;
        row.Description = description;
        row.BaseUrl = baseUrl;
        row.LogoUrl = logo;
        row.DefaultSocialImageUrl = socialImage;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.Name.Length > FieldLimits.Actor ? actor.Name[..FieldLimits.Actor] : actor.Name;
        await db.SaveChangesAsync(ct);
        return (await ReloadAsync(ct)).Settings;
    }

    private async Task<SiteSettingsCache.Snapshot> ReloadAsync(CancellationToken ct)
    {
        var row = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SiteSetting.SingletonId, ct);
        var stored = new SiteSettingsInput(row?.Name, row?.Description, row?.BaseUrl, row?.LogoUrl, row?.DefaultSocialImageUrl);
        var snapshot = new SiteSettingsCache.Snapshot(Merge(row), stored, clock.GetUtcNow());
        cache.Current = snapshot;
        return snapshot;
    }

    private SiteSettings Merge(SiteSetting? row)
    {
        var o = options.Value;
        return new SiteSettings(
            row?.Name ?? o.Name,
            row?.Description ?? o.Description,
            (row?.BaseUrl ?? Clean(o.BaseUrl))?.TrimEnd('/'),
            row?.LogoUrl ?? Clean(o.LogoUrl),
            row?.DefaultSocialImageUrl ?? Clean(o.DefaultSocialImageUrl),
            o.Language,
            o.TimeZoneInfo);
    }

    // An image is named by an absolute http(s) address or a path on this site (/media/...).
    private static void ImageAddress(string field, string? value, string label, ValidationErrors errors)
    {
        if (value is null) return;
        errors.MaxLength(field, value, FieldLimits.Url, label);
        var sitePath = value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal)
            && Uri.TryCreate(value, UriKind.Relative, out _);
        if (!sitePath && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            errors.Add(field, $"{label} must be an absolute http or https address, or a path on this site such as /media/logo.png.");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
