using NewsCms.Settings;

namespace NewsCms.Web.Areas.Admin.Models;

// The settings form as typed; empty fields fall back to the configured values.
public sealed class SiteSettingsForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? BaseUrl { get; set; }
    public string? LogoUrl { get; set; }
    public string? DefaultSocialImageUrl { get; set; }

    public static SiteSettingsForm From(SiteSettingsInput stored) => new()
    {
        Name = stored.Name,
        Description = stored.Description,
        BaseUrl = stored.BaseUrl,
        LogoUrl = stored.LogoUrl,
        DefaultSocialImageUrl = stored.DefaultSocialImageUrl,
    };

    public SiteSettingsInput ToInput() => new(Name, Description, BaseUrl, LogoUrl, DefaultSocialImageUrl);
}
