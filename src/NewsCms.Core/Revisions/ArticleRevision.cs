namespace NewsCms.Revisions;

// Every save of an article, with who and when, and the full article as it was after that save.
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? CreatedByUserId { get; set; }

    // What the save did, in the newsroom's words: "saved", "published", "restored revision 4".
    public string Action { get; set; } = "";
    public string SnapshotJson { get; set; } = "";
}
