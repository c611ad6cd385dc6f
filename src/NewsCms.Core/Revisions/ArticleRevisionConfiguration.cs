using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Revisions;

public sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> r)
    {
        r.Property(x => x.CreatedBy).HasMaxLength(FieldLimits.Actor).IsRequired();
        r.Property(x => x.CreatedByUserId).HasMaxLength(450);
        r.Property(x => x.Action).HasMaxLength(FieldLimits.RevisionAction).IsRequired();
        r.Property(x => x.SnapshotJson).IsRequired();
        r.HasIndex(x => new { x.ArticleId, x.Version }).IsUnique();
    }
}
