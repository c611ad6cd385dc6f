using System.Text.Json;
using System.Text.Json.Serialization;
using NewsCms.Articles;

namespace NewsCms.Revisions;

// The full article as it was after a save: everything needed to show it, diff it and restore it.
public sealed record ArticleSnapshot(
    ArticleInput Input,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? RevisedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    // Reads a loaded article: children ordered, tags by name, bylines and related by id.
    public static ArticleSnapshot From(Article a) => new(
        new ArticleInput
        {
            Headline = a.Headline,
            Slug = a.Slug,
            Dek = a.Dek,
            Kind = a.Kind,
            BodyMarkdown = a.BodyMarkdown,
            Sections = a.Sections.OrderBy(s => s.Position).Select(s => new QaSectionInput(s.Question, s.AnswerMarkdown, s.Anchor)).ToList(),
            LeadImage = a.LeadImageId is { } id ? new LeadImageInput(id, a.LeadImageCaption) : null,
            Attributions = a.Attributions.OrderBy(x => x.Position).Select(x => new AttributionInput(x.Text, x.Organization)).ToList(),
            RelatedArticleIds = a.RelatedArticles.OrderBy(r => r.Position).Select(r => r.RelatedArticleId).ToList(),
            AuthorIds = a.Bylines.OrderBy(b => b.Position).Select(b => b.AuthorId).ToList(),
            Tags = a.Tags.OrderBy(t => t.Position).Select(t => t.Tag?.Name ?? "").ToList(),
            OriginalUrl = a.OriginalUrl,
            Corrections = a.Corrections.OrderBy(c => c.PublishedAt).ThenBy(c => c.Id)
                .Select(c => new CorrectionInput(c.Kind, c.Text, c.Id == 0 ? null : c.Id, c.PublishedAt)).ToList(),
        },
        a.Status,
        a.PublishedAt,
        a.ScheduledFor,
        a.RevisedAt);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ArticleSnapshot Parse(string json) =>
        JsonSerializer.Deserialize<ArticleSnapshot>(json, Json) ?? throw new InvalidDataException("An empty revision snapshot.");
}
