using Microsoft.EntityFrameworkCore;

namespace PlainPage;

// The few NewsCms tables an article page shows, mapped by convention onto the same SQLite file.
public sealed class PlainDb(DbContextOptions<PlainDb> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Byline>().ToTable("Bylines").HasKey(b => new { b.ArticleId, b.AuthorId });
        model.Entity<ArticleTag>().ToTable("ArticleTags").HasKey(t => new { t.ArticleId, t.TagId });
        model.Entity<QaSection>().ToTable("QaSections");
        model.Entity<Author>().ToTable("Authors");
        model.Entity<Tag>().ToTable("Tags");
    }
}

public sealed class Article
{
    public int Id { get; set; }
    public string Headline { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Dek { get; set; }
    public string Status { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string? PublishedAt { get; set; }
    public List<QaSection> Sections { get; set; } = [];
    public List<Byline> Bylines { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
}

public sealed class QaSection
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public string Question { get; set; } = "";
    public string AnswerHtml { get; set; } = "";
    public string Anchor { get; set; } = "";
}

public sealed class Byline
{
    public int ArticleId { get; set; }
    public int AuthorId { get; set; }
    public int Position { get; set; }
    public Author Author { get; set; } = null!;
}

public sealed class Author
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public int TagId { get; set; }
    public int Position { get; set; }
    public Tag Tag { get; set; } = null!;
}

public sealed class Tag
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
}
