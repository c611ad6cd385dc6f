using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Media;

public sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> m)
    {
        m.Property(x => x.OriginalFileName).HasMaxLength(FieldLimits.FileName);
        m.Property(x => x.ContentHash).HasMaxLength(FieldLimits.ContentHash);
        m.Property(x => x.ContentType).HasMaxLength(FieldLimits.ContentType);
        m.Property(x => x.AltText).HasMaxLength(FieldLimits.AltText);
        m.Property(x => x.DefaultCaption).HasMaxLength(FieldLimits.Caption);
        m.Property(x => x.UploadedBy).HasMaxLength(FieldLimits.Actor);
        m.Ignore(x => x.HasFile);
        m.OwnsOne(x => x.Credit, c =>
        {
            c.Property(x => x.CreditLine).HasMaxLength(FieldLimits.CreditLine).HasColumnName("CreditLine");
            c.Property(x => x.Photographer).HasMaxLength(FieldLimits.PersonName).HasColumnName("Photographer");
            c.Property(x => x.Source).HasMaxLength(FieldLimits.Organization).HasColumnName("Source");
            c.Property(x => x.CopyrightNotice).HasMaxLength(FieldLimits.CopyrightNotice).HasColumnName("CopyrightNotice");
            c.Property(x => x.LicenseUrl).HasMaxLength(FieldLimits.Url).HasColumnName("LicenseUrl");
            c.Property(x => x.LicensorUrl).HasMaxLength(FieldLimits.Url).HasColumnName("LicensorUrl");
        });
        m.Navigation(x => x.Credit).IsRequired();
        // The same photo uploaded twice is one asset.
        m.HasIndex(x => x.ContentHash).IsUnique();
        m.HasIndex(x => new { x.UploadedAt, x.Id });
        m.HasMany(x => x.Renditions).WithOne().HasForeignKey(r => r.MediaAssetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MediaRenditionConfiguration : IEntityTypeConfiguration<MediaRendition>
{
    public void Configure(EntityTypeBuilder<MediaRendition> r)
    {
        r.Property(x => x.Format).HasMaxLength(10).IsRequired();
        r.Property(x => x.FileName).HasMaxLength(FieldLimits.FileName).IsRequired();
        r.HasIndex(x => new { x.MediaAssetId, x.Format, x.Width }).IsUnique();
    }
}
