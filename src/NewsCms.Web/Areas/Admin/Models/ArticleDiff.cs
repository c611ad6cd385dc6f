using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NewsCms.Articles;

namespace NewsCms.Web.Areas.Admin.Models;

public enum DiffKind
{
    Same,
    Removed,
    Added,
    Changed,

    // The other side has a line here that this side lacks: an empty cell keeps the rows aligned.
    Blank,
}

public sealed record DiffSpan(DiffKind Kind, string Text);

public sealed record DiffCell(DiffKind Kind, int? Number, IReadOnlyList<DiffSpan> Spans);

public sealed record DiffRow(DiffCell Old, DiffCell New);

public sealed record FieldDiff(string Label, IReadOnlyList<DiffRow> Rows);

// Two versions of an article side by side, field by field: lines that changed, and within a
// changed line the words that changed. Revision history and the conflict page both use it.
public static class ArticleDiff
{
    public static IReadOnlyList<FieldDiff> Compare(ArticleInput older, ArticleInput newer, Func<int, string> authorName, Func<int, string> articleName)
    {
        var fields = new (string Label, Func<ArticleInput, string> Text)[]
        {
            ("Headline", a => a.Headline),
            ("Slug", a => a.Slug ?? ""),
            ("Dek", a => a.Dek ?? ""),
            ("Kind", a => a.Kind.ToString()),
            ("Bylines", a => Lines(a.AuthorIds.Select(authorName))),
            ("Tags", a => Lines(a.Tags)),
            ("Lead image", a => a.LeadImage is null ? "" : $"Image {a.LeadImage.MediaId}\nCaption: {a.LeadImage.Caption}"),
            ("Body", a => Normalize(a.BodyMarkdown)),
            ("Questions", a => string.Join("\n\n", a.Sections.Select(s => $"Q: {s.Question}\n{Normalize(s.AnswerMarkdown)}"))),
            ("Attributions", a => Lines(a.Attributions.Select(x => x.Organization is null ? x.Text : $"{x.Text} ({x.Organization})"))),
            ("Related articles", a => Lines(a.RelatedArticleIds.Select(articleName))),
            ("Original URL", a => a.OriginalUrl ?? ""),
            ("Corrections and updates", a => Lines(a.Corrections.Select(c => $"{c.Kind}: {c.Text}"))),
        };
        var result = new List<FieldDiff>();
        foreach (var (label, text) in fields)
        {
            var before = text(older);
            var after = text(newer);
            if (before != after) result.Add(new FieldDiff(label, Rows(before, after)));
        }
        return result;
    }

    public static IReadOnlyList<DiffRow> Rows(string before, string after)
    {
        var model = SideBySideDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false);
        var rows = new List<DiffRow>(model.OldText.Lines.Count);
        for (var i = 0; i < model.OldText.Lines.Count; i++)
            rows.Add(new DiffRow(Cell(model.OldText.Lines[i]), Cell(model.NewText.Lines[i])));
        return rows;
    }

    private static DiffCell Cell(DiffPiece line)
    {
        var kind = Kind(line.Type);
        if (kind != DiffKind.Changed || line.SubPieces.Count == 0)
            return new DiffCell(kind, line.Position, [new DiffSpan(kind == DiffKind.Changed ? DiffKind.Same : kind, line.Text ?? "")]);
        var spans = line.SubPieces.Where(p => p.Type != ChangeType.Imaginary && !string.IsNullOrEmpty(p.Text))
            .Select(p => new DiffSpan(Kind(p.Type) is DiffKind.Changed ? DiffKind.Same : Kind(p.Type), p.Text)).ToList();
        return new DiffCell(kind, line.Position, spans);
    }

    private static DiffKind Kind(ChangeType type) => type switch
    {
        ChangeType.Deleted => DiffKind.Removed,
        ChangeType.Inserted => DiffKind.Added,
        ChangeType.Modified => DiffKind.Changed,
        ChangeType.Imaginary => DiffKind.Blank,
        _ => DiffKind.Same,
    };

    private static string Lines(IEnumerable<string> items) => string.Join("\n", items);

    private static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();
}

public sealed record DiffModel(IReadOnlyList<FieldDiff> Changes, string OldLabel, string NewLabel);
