using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Articles;
using NewsCms.Common;

namespace NewsCms.Previews;

// A shareable address that shows a draft to someone without an account, until it expires or is
// revoked. Only the token's hash is stored: a copy of the database does not open the previews.
public sealed class PreviewLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? CreatedByUserId { get; set; }
}

public sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> p)
    {
        p.Property(x => x.TokenHash).HasMaxLength(FieldLimits.ContentHash).IsRequired();
        p.Property(x => x.CreatedBy).HasMaxLength(FieldLimits.Actor).IsRequired();
        p.Property(x => x.CreatedByUserId).HasMaxLength(450);
        p.HasIndex(x => x.TokenHash).IsUnique();
        p.HasIndex(x => new { x.ArticleId, x.CreatedAt });
        p.HasOne(x => x.Article).WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
