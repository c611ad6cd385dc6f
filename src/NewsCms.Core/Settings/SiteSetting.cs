using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Settings;

// The site's identity as an Admin set it: one row. An empty field falls back to configuration
// (SiteOptions), so a fresh install works before anyone opens the settings page.
public sealed class SiteSetting
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? BaseUrl { get; set; }
    public string? LogoUrl { get; set; }
    public string? DefaultSocialImageUrl { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

public sealed class SiteSettingConfiguration : IEntityTypeConfiguration<SiteSetting>
{
    public void Configure(EntityTypeBuilder<SiteSetting> s)
    {
        s.Property(x => x.Id).ValueGeneratedNever();
        s.Property(x => x.Name).HasMaxLength(FieldLimits.SiteName);
        s.Property(x => x.Description).HasMaxLength(FieldLimits.SiteDescription);
        s.Property(x => x.BaseUrl).HasMaxLength(FieldLimits.Url);
        s.Property(x => x.LogoUrl).HasMaxLength(FieldLimits.Url);
        s.Property(x => x.DefaultSocialImageUrl).HasMaxLength(FieldLimits.Url);
        s.Property(x => x.UpdatedBy).HasMaxLength(FieldLimits.Actor);
    }
}
