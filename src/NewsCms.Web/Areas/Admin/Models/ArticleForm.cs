using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using NewsCms.Articles;

namespace NewsCms.Web.Areas.Admin.Models;

// The editor form. Its field names are ArticleInput's, so the service's error keys
// ("Sections[0].Question", "LeadImage.MediaId") land on the right inputs unchanged.
public sealed class ArticleForm : IEditorFocus
{
    public int? Id { get; set; }
    public int Version { get; set; }
    public string? Headline { get; set; }
    public string? Slug { get; set; }
    public string? Dek { get; set; }
    public ArticleKind Kind { get; set; } = ArticleKind.News;
    public string? BodyMarkdown { get; set; }
    public List<SectionForm> Sections { get; set; } = [];
    public LeadImageForm LeadImage { get; set; } = new();
    public List<AttributionForm> Attributions { get; set; } = [];
    public List<int> RelatedArticleIds { get; set; } = [];
    public List<int> AuthorIds { get; set; } = [];

    // Comma-separated, as journalists type them.
    public string? Tags { get; set; }
    public string? OriginalUrl { get; set; }
    public List<CorrectionForm> Corrections { get; set; } = [];
    public bool MinorEdit { get; set; }

    // The "add" boxes beside the lists.
    public int? NewAuthorId { get; set; }
    public string? NewAuthorName { get; set; }
    public int? NewRelatedId { get; set; }

    // The scheduling form's time, in the site's time zone (a datetime-local value).
    public string? PublishAt { get; set; }

    // What the page shows around the form; never read from the request.
    [BindNever, ValidateNever]
    public EditorContext Editor { get; set; } = new();

    string? IEditorFocus.FocusId => Editor.Focus;

    public ArticleInput ToInput() => new()
    {
        Headline = Headline ?? "",
        Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim(),
        Dek = Dek,
        Kind = Kind,
        BodyMarkdown = BodyMarkdown,
        Sections = Sections.Select(s => new QaSectionInput(s.Question ?? "", s.AnswerMarkdown, string.IsNullOrWhiteSpace(s.Anchor) ? null : s.Anchor)).ToList(),
        LeadImage = LeadImage.MediaId is { } mediaId ? new LeadImageInput(mediaId, LeadImage.Caption) : null,
        Attributions = Attributions.Select(a => new AttributionInput(a.Text ?? "", a.Organization)).ToList(),
        RelatedArticleIds = RelatedArticleIds.ToList(),
        AuthorIds = AuthorIds.ToList(),
        Tags = SplitTags(Tags),
        OriginalUrl = OriginalUrl,
        Corrections = Corrections.Select(c => new CorrectionInput(c.Kind, c.Text ?? "", c.Id, c.PublishedAt)).ToList(),
        MinorEdit = MinorEdit,
    };

    public static ArticleForm From(ArticleDetail a) => From(a.ToInput(), a.Id, a.Version);

    public static ArticleForm From(ArticleInput a, int? id, int version) => new()
    {
        Id = id,
        Version = version,
        Headline = a.Headline,
        Slug = a.Slug,
        Dek = a.Dek,
        Kind = a.Kind,
        BodyMarkdown = a.BodyMarkdown,
        Sections = a.Sections.Select(s => new SectionForm { Question = s.Question, AnswerMarkdown = s.AnswerMarkdown, Anchor = s.Anchor }).ToList(),
        LeadImage = new LeadImageForm { MediaId = a.LeadImage?.MediaId, Caption = a.LeadImage?.Caption },
        Attributions = a.Attributions.Select(x => new AttributionForm { Text = x.Text, Organization = x.Organization }).ToList(),
        RelatedArticleIds = a.RelatedArticleIds.ToList(),
        AuthorIds = a.AuthorIds.ToList(),
        Tags = string.Join(", ", a.Tags),
        OriginalUrl = a.OriginalUrl,
        Corrections = a.Corrections.Select(c => new CorrectionForm { Id = c.Id, Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt }).ToList(),
    };

    public static List<string> SplitTags(string? tags) =>
        (tags ?? "").Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}

public sealed class SectionForm
{
    public string? Question { get; set; }
    public string? AnswerMarkdown { get; set; }

    // Kept through edits so links to the question keep working.
    public string? Anchor { get; set; }
}

public sealed class LeadImageForm
{
    public int? MediaId { get; set; }
    public string? Caption { get; set; }
}

public sealed class AttributionForm
{
    public string? Text { get; set; }
    public string? Organization { get; set; }
}

public sealed class CorrectionForm
{
    public int? Id { get; set; }
    public CorrectionKind Kind { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}
