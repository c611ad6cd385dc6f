namespace NewsCms.Articles;

// One question and its answer in an explainer; readers reach it by its anchor from the contents.
public sealed class QaSection
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public string Question { get; set; } = "";
    public string AnswerMarkdown { get; set; } = "";
    public string AnswerHtml { get; set; } = "";

    // Stable once chosen: readers share links to a single question.
    public string Anchor { get; set; } = "";
}
