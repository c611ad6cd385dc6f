using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Tags;

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> t)
    {
        t.Property(x => x.Name).HasMaxLength(FieldLimits.TagName).IsRequired();
        t.Property(x => x.Slug).HasMaxLength(FieldLimits.Slug).IsRequired();
        t.Property(x => x.Description).HasMaxLength(FieldLimits.TagDescription);
        t.HasIndex(x => x.Slug).IsUnique();
        t.HasIndex(x => x.Name);
    }
}

public sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> t)
    {
        t.HasKey(x => new { x.ArticleId, x.TagId });
        t.HasOne(x => x.Tag).WithMany().HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Restrict);
        t.HasIndex(x => x.TagId);
    }
}
