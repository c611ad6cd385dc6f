using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Articles;

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> a)
    {
        a.Property(x => x.Headline).HasMaxLength(FieldLimits.Headline).IsRequired();
        a.Property(x => x.Slug).HasMaxLength(FieldLimits.Slug).IsRequired();
        a.Property(x => x.Dek).HasMaxLength(FieldLimits.Dek);
        a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.BodyMarkdown).HasMaxLength(FieldLimits.BodyMarkdown);
        a.Property(x => x.OriginalUrl).HasMaxLength(FieldLimits.Url);
        a.Property(x => x.LeadImageCaption).HasMaxLength(FieldLimits.Caption);
        a.Property(x => x.CreatedByUserId).HasMaxLength(450);
        a.Property(x => x.Version).IsConcurrencyToken();

        a.HasIndex(x => x.Slug).IsUnique();
        // The public lists: latest published first, with the id as the keyset tie-breaker.
        a.HasIndex(x => new { x.Status, x.PublishedAt, x.Id });
        a.HasIndex(x => new { x.Status, x.ScheduledFor });
        a.HasIndex(x => new { x.UpdatedAt, x.Id });
        // The API's lists walk articles by creation, newest first: readers' (published only) and
        // the newsroom's (any status, or one). Without these every page sorted the whole table.
        a.HasIndex(x => new { x.Status, x.CreatedAt, x.Id });
        a.HasIndex(x => new { x.CreatedAt, x.Id });
        a.HasIndex(x => x.CreatedByUserId);

        a.HasOne(x => x.LeadImage).WithMany().HasForeignKey(x => x.LeadImageId).OnDelete(DeleteBehavior.Restrict);
        a.HasMany(x => x.Sections).WithOne().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Bylines).WithOne().HasForeignKey(b => b.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Tags).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Attributions).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.RelatedArticles).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Corrections).WithOne().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Redirects).WithOne(r => r.Article).HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QaSectionConfiguration : IEntityTypeConfiguration<QaSection>
{
    public void Configure(EntityTypeBuilder<QaSection> s)
    {
        s.Property(x => x.Question).HasMaxLength(FieldLimits.Question).IsRequired();
        s.Property(x => x.AnswerMarkdown).HasMaxLength(FieldLimits.Answer);
        s.Property(x => x.Anchor).HasMaxLength(FieldLimits.Anchor).IsRequired();
        s.HasIndex(x => new { x.ArticleId, x.Position });
        s.HasIndex(x => new { x.ArticleId, x.Anchor }).IsUnique();
    }
}

public sealed class AttributionConfiguration : IEntityTypeConfiguration<Attribution>
{
    public void Configure(EntityTypeBuilder<Attribution> a)
    {
        a.Property(x => x.Text).HasMaxLength(FieldLimits.AttributionText).IsRequired();
        a.Property(x => x.Organization).HasMaxLength(FieldLimits.Organization);
        a.HasIndex(x => new { x.ArticleId, x.Position });
    }
}

public sealed class RelatedArticleConfiguration : IEntityTypeConfiguration<RelatedArticle>
{
    public void Configure(EntityTypeBuilder<RelatedArticle> r)
    {
        r.HasKey(x => new { x.ArticleId, x.RelatedArticleId });
        r.HasOne(x => x.Related).WithMany().HasForeignKey(x => x.RelatedArticleId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => x.RelatedArticleId);
    }
}

public sealed class CorrectionNoteConfiguration : IEntityTypeConfiguration<CorrectionNote>
{
    public void Configure(EntityTypeBuilder<CorrectionNote> c)
    {
        c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.Text).HasMaxLength(FieldLimits.CorrectionText).IsRequired();
        c.HasIndex(x => new { x.ArticleId, x.PublishedAt });
        c.HasIndex(x => x.PublishedAt);
    }
}

public sealed class ArticleRedirectConfiguration : IEntityTypeConfiguration<ArticleRedirect>
{
    public void Configure(EntityTypeBuilder<ArticleRedirect> r)
    {
        r.Property(x => x.Path).HasMaxLength(FieldLimits.Slug + 40).IsRequired();
        r.HasIndex(x => x.Path).IsUnique();
    }
}
