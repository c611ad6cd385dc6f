using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsCms.Articles;
using NewsCms.Media;
using NewsCms.Rendering;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Syndication;

// schema.org NewsArticle for an article page, with the fields STANDARDS.md lists.
public static class NewsArticleJsonLd
{
    // System.Text.Json's default encoder escapes <, >, &, ', + and everything outside ASCII
    // (U+2028 and U+2029 included), so no field can close the script element or break its JSON.
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Build(ArticlePage page, SiteSettings site, SiteUrls urls)
    {
        var a = page.Article;
        var ownUrl = urls.Absolute(page.Path);
        var canonical = a.OriginalUrl ?? ownUrl;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = a.Headline,
            ["url"] = ownUrl,
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = canonical },
            ["datePublished"] = Iso(a.PublishedAt!.Value),
            ["dateModified"] = Iso(ArticleDates.Modified(a)),
            ["inLanguage"] = site.Language,
            ["isAccessibleForFree"] = true,
            ["author"] = new JsonArray(a.Bylines.Select(b => (JsonNode)new JsonObject
            {
                ["@type"] = "Person",
                ["name"] = b.Name,
                ["url"] = urls.Absolute($"/authors/{b.Slug}"),
            }).ToArray()),
            ["publisher"] = Publisher(site, urls),
        };
        if (!string.IsNullOrWhiteSpace(a.Dek)) json["description"] = a.Dek;
        if (a.OriginalUrl is not null) json["isBasedOn"] = a.OriginalUrl;
        if (a.Tags.Count > 0) json["keywords"] = new JsonArray(a.Tags.Select(t => (JsonNode)JsonValue.Create(t.Name)!).ToArray());
        if (a.LeadImage is { } lead && Images(lead, urls) is { Count: > 0 } images) json["image"] = images;

        var contributors = a.Attributions.Where(x => !string.IsNullOrWhiteSpace(x.Organization))
            .Select(x => x.Organization!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (contributors.Count > 0)
            json["contributor"] = new JsonArray(contributors.Select(name => (JsonNode)new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = name,
            }).ToArray());

        if (a.Corrections.Count > 0)
            json["correction"] = new JsonArray(a.Corrections.Select(c => (JsonNode)new JsonObject
            {
                ["@type"] = "CorrectionComment",
                ["text"] = c.Text,
                ["datePublished"] = Iso(c.PublishedAt),
            }).ToArray());

        if (page.Sections.Count > 0)
            json["hasPart"] = new JsonArray(page.Sections.Select(s => (JsonNode)new JsonObject
            {
                ["@type"] = "Question",
                ["name"] = s.Question,
                ["url"] = ownUrl + "#" + s.Anchor,
                ["acceptedAnswer"] = new JsonObject
                {
                    ["@type"] = "Answer",
                    ["text"] = PlainText.FromHtml(s.AnswerHtml),
                },
            }).ToArray());

        return json.ToJsonString(Options);
    }

    private static JsonObject Publisher(SiteSettings site, SiteUrls urls)
    {
        var publisher = new JsonObject
        {
            ["@type"] = "NewsMediaOrganization",
            ["name"] = site.Name,
            ["url"] = urls.Absolute("/"),
            ["correctionsPolicy"] = urls.Absolute("/corrections"),
        };
        if (site.LogoUrl is { } logo)
            publisher["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = urls.Absolute(logo) };
        return publisher;
    }

    private static JsonArray Images(LeadImageView lead, SiteUrls urls)
    {
        var credit = lead.Media.Credit;
        return new JsonArray(ImageChoices.ForStructuredData(lead.Media).Select(file =>
        {
            var image = new JsonObject
            {
                ["@type"] = "ImageObject",
                ["contentUrl"] = urls.Absolute(file.Url),
                ["url"] = urls.Absolute(file.Url),
                ["width"] = file.Width,
                ["height"] = file.Height,
            };
            AddCredit(image, lead.EffectiveCaption, credit);
            return (JsonNode)image;
        }).ToArray());
    }

    private static void AddCredit(JsonObject image, string? caption, CreditView credit)
    {
        if (caption is not null) image["caption"] = caption;
        if (credit.Display is { } creditText) image["creditText"] = creditText;
        if (credit.Photographer is { } photographer)
            image["creator"] = new JsonObject { ["@type"] = "Person", ["name"] = photographer };
        if (credit.CopyrightNotice is { } copyright) image["copyrightNotice"] = copyright;
        if (credit.LicenseUrl is { } license) image["license"] = license;
        if (credit.LicensorUrl is { } licensor) image["acquireLicensePage"] = licensor;
    }

    private static string Iso(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
