using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Revisions;
using NewsCms.Tags;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Api;

// Hand-written mappings between the domain's views and inputs and the API's documents.
public static class ApiMappings
{
    public const string Root = "/api/v1";

    public static string ArticleHref(int id) => $"{Root}/articles/{id}";

    // includeUnpublished: a key holder sees every related article; anonymous callers only the
    // published ones, as readers do.
    public static ArticleDto ToDto(this ArticlePage page, bool includeUnpublished, SiteUrls urls)
    {
        var a = page.Article;
        return new ArticleDto
        {
            Id = a.Id,
            Slug = a.Slug,
            Headline = a.Headline,
            Dek = a.Dek,
            Kind = a.Kind,
            Status = a.Status,
            BodyMarkdown = a.BodyMarkdown,
            BodyHtml = page.BodyHtml,
            Sections = page.Sections.Select(s => new SectionDto
            {
                Question = s.Question, AnswerMarkdown = s.AnswerMarkdown, AnswerHtml = s.AnswerHtml, Anchor = s.Anchor,
            }).ToList(),
            LeadImage = a.LeadImage is { } lead ? new LeadImageDto
            {
                MediaId = lead.Media.Id,
                Caption = lead.Caption,
                AltText = lead.Media.AltText,
                Url = urls.AbsoluteOrNull(lead.Media.Url),
                Width = lead.Media.Width,
                Height = lead.Media.Height,
                CreditLine = lead.Media.Credit.CreditLine,
                Photographer = lead.Media.Credit.Photographer,
                Source = lead.Media.Credit.Source,
                CopyrightNotice = lead.Media.Credit.CopyrightNotice,
                LicenseUrl = lead.Media.Credit.LicenseUrl,
                LicensorUrl = lead.Media.Credit.LicensorUrl,
            } : null,
            Attributions = a.Attributions.Select(x => new AttributionDto { Text = x.Text, Organization = x.Organization }).ToList(),
            RelatedArticleIds = (includeUnpublished ? a.RelatedArticles : page.Related).Select(r => r.Id).ToList(),
            Authors = a.Bylines.Select(b => new AuthorRefDto { Id = b.AuthorId, Name = b.Name, Slug = b.Slug }).ToList(),
            Tags = a.Tags.Select(t => new TagRefDto { Name = t.Name, Slug = t.Slug }).ToList(),
            OriginalUrl = a.OriginalUrl,
            Corrections = a.Corrections.Select(c => new CorrectionDto { Id = c.Id, Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt }).ToList(),
            PublishedAt = a.PublishedAt,
            RevisedAt = a.RevisedAt,
            ScheduledFor = a.ScheduledFor,
            CreatedAt = a.CreatedAt,
            UpdatedAt = a.UpdatedAt,
            Version = a.Version,
            Url = urls.AbsoluteOrNull(a.Path),
        };
    }

    // Absent lists are empty and absent fields empty: a PUT replaces the whole article.
    // Structural nulls (a null section) are passed on for the service to name.
    public static ArticleInput ToInput(this ArticleWriteDto d) => new()
    {
        Headline = d.Headline ?? "",
        Slug = d.Slug,
        Dek = d.Dek,
        Kind = d.Kind ?? ArticleKind.News,
        BodyMarkdown = d.BodyMarkdown,
        Sections = (d.Sections ?? []).Select(s => s is null ? null! : new QaSectionInput(s.Question ?? "", s.AnswerMarkdown, s.Anchor)).ToList(),
        LeadImage = d.LeadImage is { } lead ? new LeadImageInput(lead.MediaId, lead.Caption) : null,
        Attributions = (d.Attributions ?? []).Select(x => x is null ? null! : new AttributionInput(x.Text ?? "", x.Organization)).ToList(),
        RelatedArticleIds = d.RelatedArticleIds ?? [],
        AuthorIds = (d.Authors ?? []).Select(x => x?.Id ?? 0).ToList(),
        Tags = (d.Tags ?? []).Select(t => t?.Name ?? "").ToList(),
        OriginalUrl = d.OriginalUrl,
        Corrections = (d.Corrections ?? []).Select(c => c is null ? null! : new CorrectionInput(c.Kind, c.Text ?? "", c.Id, c.PublishedAt)).ToList(),
        MinorEdit = d.MinorEdit,
    };

    public static ArticleWriteDto ToWriteDto(this ArticleInput i, int? version) => new()
    {
        Slug = i.Slug,
        Headline = i.Headline,
        Dek = i.Dek,
        Kind = i.Kind,
        BodyMarkdown = i.BodyMarkdown,
        Sections = i.Sections.Select(s => new SectionWriteDto { Question = s.Question, AnswerMarkdown = s.AnswerMarkdown, Anchor = s.Anchor }).ToList(),
        LeadImage = i.LeadImage is { } lead ? new LeadImageWriteDto { MediaId = lead.MediaId, Caption = lead.Caption } : null,
        Attributions = i.Attributions.Select(x => new AttributionWriteDto { Text = x.Text, Organization = x.Organization }).ToList(),
        RelatedArticleIds = i.RelatedArticleIds,
        Authors = i.AuthorIds.Select(id => new AuthorRefDto { Id = id }).ToList(),
        Tags = i.Tags.Select(t => new TagNameDto { Name = t }).ToList(),
        OriginalUrl = i.OriginalUrl,
        Corrections = i.Corrections.Select(c => new CorrectionWriteDto { Id = c.Id, Kind = c.Kind, Text = c.Text, PublishedAt = c.PublishedAt }).ToList(),
        Version = version,
    };

    public static ArticleSummaryDto ToDto(this ArticleListItem a, TimeZoneInfo zone, SiteUrls urls) => new()
    {
        Id = a.Id,
        Slug = a.Slug,
        Headline = a.Headline,
        Kind = a.Kind,
        Status = a.Status,
        PublishedAt = a.PublishedAt,
        ScheduledFor = a.ScheduledFor,
        UpdatedAt = a.UpdatedAt,
        Version = a.Version,
        Authors = a.Bylines,
        Url = a is { Status: ArticleStatus.Published, PublishedAt: { } at } ? urls.Absolute(ArticlePaths.For(at, a.Slug, zone)) : null,
        Href = urls.Absolute(ArticleHref(a.Id)),
    };

    public static RevisionDto ToDto(this RevisionSummary r, int articleId, SiteUrls urls) => new()
    {
        Version = r.Version,
        CreatedAt = r.CreatedAt,
        CreatedBy = r.CreatedBy,
        Action = r.Action,
        Href = urls.Absolute($"{ArticleHref(articleId)}/revisions/{r.Version}"),
    };

    public static RevisionDetailDto ToDto(this RevisionDetail r, int articleId, SiteUrls urls) => new()
    {
        Revision = r.Summary.ToDto(articleId, urls),
        Status = r.Snapshot.Status,
        PublishedAt = r.Snapshot.PublishedAt,
        Article = r.Snapshot.Input.ToWriteDto(null),
    };

    public static AuthorDto ToDto(this AuthorView a, SiteUrls urls) => new()
    {
        Id = a.Id, Name = a.Name, Slug = a.Slug, JobTitle = a.JobTitle, Bio = a.Bio, Url = urls.Absolute($"/authors/{a.Slug}"),
    };

    public static AuthorInput ToInput(this AuthorWriteDto d) => new(d.Name ?? "", d.Slug, d.JobTitle, d.Bio);

    public static TagDto ToDto(this TagDetail t, SiteUrls urls) => new()
    {
        Id = t.Id, Name = t.Name, Slug = t.Slug, Description = t.Description, Url = urls.Absolute($"/tags/{t.Slug}"),
    };

    public static TagInput ToInput(this TagWriteDto d) => new(d.Name, d.Slug, d.Description);
}
