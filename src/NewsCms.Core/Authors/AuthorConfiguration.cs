using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Authors;

public sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> a)
    {
        a.Property(x => x.Name).HasMaxLength(FieldLimits.PersonName).IsRequired();
        a.Property(x => x.Slug).HasMaxLength(FieldLimits.Slug).IsRequired();
        a.Property(x => x.JobTitle).HasMaxLength(FieldLimits.JobTitle);
        a.Property(x => x.Bio).HasMaxLength(FieldLimits.Bio);
        a.Property(x => x.UserId).HasMaxLength(450);
        a.HasIndex(x => x.Slug).IsUnique();
        a.HasIndex(x => x.Name);
        a.HasIndex(x => x.UserId);
    }
}

public sealed class BylineConfiguration : IEntityTypeConfiguration<Byline>
{
    public void Configure(EntityTypeBuilder<Byline> b)
    {
        b.HasKey(x => new { x.ArticleId, x.AuthorId });
        b.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.AuthorId);
    }
}
