namespace NewsCms.Articles;

public enum CorrectionKind
{
    Correction,
    Update,
}

// Shown to readers in its own block with its date, and listed on the corrections page.
public sealed class CorrectionNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public CorrectionKind Kind { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
}
