using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Revisions;
using NewsCms.Tags;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Api;

// Hand-written, both ways: the API's names are a contract, the domain's may move.
public static class ApiMappings
{
    public static ArticleDto ToDto(this ArticleDetail a, SiteUrls urls) => new()
    {
        Id = a.Id,
        Slug = a.Slug,
        Headline = a.Headline,
        Dek = a.Dek,
        Kind = a.Kind,
        Status = a.Status,
        BodyMarkdown = a.BodyMarkdown,
        BodyHtml = a.BodyHtml,
        Sections = a.Sections.Select(s => new SectionDto { Question = s.Question, AnswerMarkdown = s.AnswerMarkdown, Anchor = s.Anchor }).ToList(),
        LeadImage = a.LeadImage is not { } lead ? null : new LeadImageDto
        {
            MediaId = lead.Media.Id,
            Caption = lead.Caption,
            AltText = lead.Media.AltText,
            CreditLine = lead.Media.Credit.CreditLine,
            Photographer = lead.Media.Credit.Photographer,
            Source = lead.Media.Credit.Source,
            CopyrightNotice = lead.Media.Credit.CopyrightNotice,
            LicenseUrl = lead.Media.Credit.LicenseUrl,
            Url = urls.AbsoluteOrNull(lead.Media.Url),
        },
        Attributions = a.Attributions.Select(x => new AttributionDto { Text = x.Text, Organization = x.Organization }).ToList(),
        RelatedArticleIds = a.RelatedArticles.Select(r => r.Id).ToList(),
        Authors = a.Bylines.Select(b => new AuthorRefDto { Id = b.AuthorId, Name = b.Name, Slug = b.Slug }).ToList(),
        Tags = a.Tags.Select(t => t.Name).ToList(),
        OriginalUrl = a.OriginalUrl,
        Corrections = a.Corrections.Select(c => new CorrectionDto { Id = c.Id, Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt }).ToList(),
        PublishedAt = a.PublishedAt,
        ScheduledFor = a.ScheduledFor,
        UpdatedAt = a.UpdatedAt,
        Version = a.Version,
        Url = urls.AbsoluteOrNull(a.Path),
    };

    public static ArticleInput ToInput(this ArticleWriteDto d) => new()
    {
        Headline = d.Headline ?? "",
        Slug = d.Slug,
        Dek = d.Dek,
        Kind = d.Kind ?? ArticleKind.News,
        BodyMarkdown = d.BodyMarkdown,
        // A null item stays null: the service names it ("sections[2]: a question is missing").
        Sections = (d.Sections ?? []).Select(s => s is null ? null! : new QaSectionInput(s.Question ?? "", s.AnswerMarkdown, s.Anchor)).ToList(),
        LeadImage = d.LeadImage is null ? null : new LeadImageInput(d.LeadImage.MediaId, d.LeadImage.Caption),
        Attributions = (d.Attributions ?? []).Select(x => x is null ? null! : new AttributionInput(x.Text ?? "", x.Organization)).ToList(),
        RelatedArticleIds = d.RelatedArticleIds ?? [],
        AuthorIds = (d.Authors ?? []).Where(x => x is not null).Select(x => x.Id).ToList(),
        Tags = (d.Tags ?? []).Where(t => t is not null).ToList(),
        OriginalUrl = d.OriginalUrl,
        Corrections = (d.Corrections ?? []).Select(c => c is null ? null! : new CorrectionInput(c.Kind, c.Text ?? "", c.Id, c.Id is null ? null : c.PublishedAt)).ToList(),
        MinorEdit = d.MinorEdit,
    };

    public static ArticleWriteDto ToWriteDto(this ArticleInput i) => new()
    {
        Headline = i.Headline,
        Slug = i.Slug,
        Dek = i.Dek,
        Kind = i.Kind,
        BodyMarkdown = i.BodyMarkdown,
        Sections = i.Sections.Select(s => new SectionDto { Question = s.Question, AnswerMarkdown = s.AnswerMarkdown, Anchor = s.Anchor }).ToList(),
        LeadImage = i.LeadImage is null ? null : new LeadImageDto { MediaId = i.LeadImage.MediaId, Caption = i.LeadImage.Caption },
        Attributions = i.Attributions.Select(x => new AttributionDto { Text = x.Text, Organization = x.Organization }).ToList(),
        RelatedArticleIds = i.RelatedArticleIds,
        Authors = i.AuthorIds.Select(id => new AuthorRefDto { Id = id }).ToList(),
        Tags = i.Tags,
        OriginalUrl = i.OriginalUrl,
        Corrections = i.Corrections.Select(c => new CorrectionDto { Id = c.Id, Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt }).ToList(),
    };

    public static TagDto ToDto(this TagSummary t) => new(t.Id, t.Name, t.Slug, t.Description, t.PublishedArticles);

    public static TagInput ToInput(this TagWriteDto d) => new(d.Name, d.Slug, d.Description);

    public static AuthorDto ToDto(this AuthorView a) => new(a.Id, a.Name, a.Slug, a.JobTitle, a.Bio);

    public static AuthorInput ToInput(this AuthorWriteDto d) => new(d.Name ?? "", d.Slug, d.JobTitle, d.Bio);

    public static RevisionDto ToDto(this RevisionSummary r) => new(r.Version, r.CreatedAt, r.CreatedBy, r.Action);

    public static RevisionDetailDto ToDto(this RevisionDetail r) =>
        new(r.Summary.Version, r.Summary.CreatedAt, r.Summary.CreatedBy, r.Summary.Action, r.Snapshot.Status, r.Snapshot.Input.ToWriteDto());
}
