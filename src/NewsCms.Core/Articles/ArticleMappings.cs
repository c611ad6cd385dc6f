using NewsCms.Media;

namespace NewsCms.Articles;

public static class ArticleMappings
{
    // Expects the article loaded with its children (ArticleService.LoadForEditAsync).
    public static ArticleDetail ToDetail(this Article a, TimeZoneInfo zone) => new(
        a.Id,
        a.Headline,
        a.Slug,
        a.Dek,
        a.Kind,
        a.Status,
        a.BodyMarkdown,
        a.BodyHtml,
        a.Sections.OrderBy(s => s.Position).Select(s => new SectionView(s.Question, s.AnswerMarkdown, s.AnswerHtml, s.Anchor)).ToList(),
        a.LeadImage is null ? null : new LeadImageView(a.LeadImage.ToView(), a.LeadImageCaption),
        a.Attributions.OrderBy(x => x.Position).Select(x => new AttributionView(x.Text, x.Organization)).ToList(),
        a.RelatedArticles.OrderBy(r => r.Position).Where(r => r.Related is not null)
            .Select(r => new RelatedView(r.RelatedArticleId, r.Related!.Headline, r.Related.Slug, r.Related.Status, PublicPath(r.Related, zone)))
            .ToList(),
        a.Bylines.OrderBy(b => b.Position).Where(b => b.Author is not null)
            .Select(b => new BylineView(b.AuthorId, b.Author!.Name, b.Author.Slug, b.Author.JobTitle, b.Author.Bio)).ToList(),
        a.Tags.OrderBy(t => t.Position).Where(t => t.Tag is not null)
            .Select(t => new TagView(t.TagId, t.Tag!.Name, t.Tag.Slug)).ToList(),
        a.OriginalUrl,
        a.Corrections.OrderBy(c => c.PublishedAt).ThenBy(c => c.Id).Select(c => new CorrectionView(c.Id, c.Kind, c.Text, c.PublishedAt)).ToList(),
        a.CreatedAt,
        a.UpdatedAt,
        a.PublishedAt,
        a.RevisedAt,
        a.ScheduledFor,
        a.UnpublishedAt,
        a.CreatedByUserId,
        a.Version,
        PublicPath(a, zone));

    // Only a published article has a public path; drafts are reached through previews.
    public static string? PublicPath(Article a, TimeZoneInfo zone) =>
        a.Status == ArticleStatus.Published ? AddressOnceOut(a, zone) : null;

    // The address the article has, or had while it was out; null if it was never published.
    public static string? AddressOnceOut(Article a, TimeZoneInfo zone) =>
        a.PublishedAt is { } at ? ArticlePaths.For(at, a.Slug, zone) : null;
}
