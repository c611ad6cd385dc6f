using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Models;

namespace NewsCms.Web.Syndication;

// The head of an article page: title, description, canonical link, social cards and JSON-LD.
public static class ArticleMetadata
{
    public static PageMeta For(ArticlePage page, SiteSettings site, SiteUrls urls, Utf8TextArena arena)
    {
        var a = page.Article;
        var image = a.LeadImage is { } lead ? ImageChoices.ForSocialCard(lead.Media) : null;
        return new PageMeta(
            $"{a.Headline} - {site.Name}",
            a.Dek,
            // A syndicated article names its original as canonical, so search engines credit it.
            a.OriginalUrl ?? urls.Absolute(page.Path),
            image is not null ? urls.Absolute(image.Url) : urls.AbsoluteOrNull(site.DefaultSocialImageUrl))
        {
            OpenGraphType = "article",
            ImageAlt = image is not null ? a.LeadImage!.Media.AltText : null,
            ImageWidth = image?.Width,
            ImageHeight = image?.Height,
            PublishedTime = a.PublishedAt,
            ModifiedTime = ArticleDates.Modified(a),
            JsonLd = NewsArticleJsonLd.Build(page, site, urls, arena),
        };
    }
}
