using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Media;
using NewsCms.Previews;

namespace NewsCms.Web.Areas.Admin.Models;

// Fills in what the editor page shows around the form: the editor itself, and the workflow
// buttons when they refuse a step, build the same page.
public sealed class ArticleEditorPages(AuthorService authors, ArticleListing listing, PreviewLinkService previews, MediaService media, IOptions<SiteOptions> site)
{
    public async Task<ArticleForm> BuildAsync(ArticleForm form, ArticleDetail? current, Actor actor, CancellationToken ct,
        string? focus = null, string? bodyPreviewHtml = null)
    {
        form.Editor = new EditorContext
        {
            Authors = await authors.ListAsync(ct),
            RelatedHeadlines = await listing.HeadlinesAsync(form.RelatedArticleIds, ct),
            Current = current,
            Actor = actor,
            Zone = site.Value.TimeZoneInfo,
            PreviewLinks = current is null ? [] : await previews.ListAsync(current.Id, ct),
            LeadImage = form.LeadImage.MediaId is { } mediaId ? await media.GetAsync(mediaId, ct) : null,
            BodyPreviewHtml = bodyPreviewHtml,
            Focus = focus,
        };
        return form;
    }
}
