using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Previews;

namespace NewsCms.Web.Areas.Admin.Models;

// Everything the editor page shows besides the form fields themselves.
public sealed class EditorContext
{
    public IReadOnlyList<AuthorView> Authors { get; init; } = [];
    public IReadOnlyDictionary<int, string> RelatedHeadlines { get; init; } = new Dictionary<int, string>();

    // The article as saved; null while a new one is being written.
    public ArticleDetail? Current { get; init; }
    public Actor? Actor { get; init; }
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;
    public IReadOnlyList<PreviewLinkView> PreviewLinks { get; init; } = [];

    // The photo the lead image field names now (picked or typed, saved or not); null when none or unknown.
    public Media.MediaView? LeadImage { get; init; }

    // The body as readers will see it, when asked for without JavaScript.
    public string? BodyPreviewHtml { get; set; }

    // The control to focus after a list was changed (a question moved, a byline added).
    public string? Focus { get; set; }

    // Someone saved the article since this form was opened.
    public ConflictView? Conflict { get; set; }

    public string AuthorName(int id) => Authors.FirstOrDefault(a => a.Id == id)?.Name ?? $"Author {id}";

    public bool CanEdit => Current is null || Actor is null || Actor.IsEditor
        || (Current.CreatedByUserId == Actor.UserId && Current.Status is ArticleStatus.Draft or ArticleStatus.InReview);

    public bool CanShare => Current is not null && Actor is not null && (Actor.IsEditor || Current.CreatedByUserId == Actor.UserId);
}

public sealed record ConflictView(ArticleDetail Theirs, IReadOnlyList<FieldDiff> Changes);

// One row's buttons in a repeated group: which list, which row, and how to name it aloud.
public sealed record ListButtonsModel(string Prefix, int Index, int Count, string What, string? Focus) : IEditorFocus
{
    public string? FocusId => Focus;
}

// A page model that knows which control should have the focus when the page comes back.
public interface IEditorFocus
{
    string? FocusId { get; }
}
