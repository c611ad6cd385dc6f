using System.Globalization;
using System.Text;
using System.Text.Json;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Media;
using NewsCms.Settings;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Syndication;

// schema.org NewsArticle for an article page, with the fields STANDARDS.md lists. Written straight
// to UTF-8 with no document tree in between: it is built on every page the output cache does not
// hold, and a JsonObject tree was a tenth of such a page's time.
public static class NewsArticleJsonLd
{
    // The writer's default encoder escapes <, >, &, ', + and everything outside ASCII (U+2028 and
    // U+2029 included), so no field can close the script element or break its JSON.
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    // UTF-8, as the page writes it (Utf8HtmlContent): a string would be twice the size. Written
    // into the request's arena and not copied again: copying it into a new array was 6% of an
    // uncached page's time in a profile.
    public static Utf8Text Build(ArticlePage page, SiteSettings site, SiteUrls urls, Utf8TextArena arena)
    {
        using (var json = new Utf8JsonWriter(arena, Options))
            Write(json, page, site, urls);
        return arena.Complete();
    }

    private static void Write(Utf8JsonWriter json, ArticlePage page, SiteSettings site, SiteUrls urls)
    {
        var a = page.Article;
        var ownUrl = urls.Absolute(page.Path);
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "NewsArticle");
        json.WriteString("headline", a.Headline);
        json.WriteString("url", ownUrl);
        json.WriteStartObject("mainEntityOfPage");
        json.WriteString("@type", "WebPage");
        json.WriteString("@id", a.OriginalUrl ?? ownUrl);
        json.WriteEndObject();
        json.WriteString("datePublished", Iso(a.PublishedAt!.Value));
        json.WriteString("dateModified", Iso(ArticleDates.Modified(a)));
        json.WriteString("inLanguage", site.Language);
        json.WriteBoolean("isAccessibleForFree", true);

        json.WriteStartArray("author");
        foreach (var b in a.Bylines)
        {
            json.WriteStartObject();
            json.WriteString("@type", "Person");
            json.WriteString("name", b.Name);
            json.WriteString("url", urls.Absolute($"/authors/{b.Slug}"));
            json.WriteEndObject();
        }
        json.WriteEndArray();

        WritePublisher(json, site, urls);
        if (!string.IsNullOrWhiteSpace(a.Dek)) json.WriteString("description", a.Dek);
        if (a.OriginalUrl is not null) json.WriteString("isBasedOn", a.OriginalUrl);
        if (a.Tags.Count > 0)
        {
            json.WriteStartArray("keywords");
            foreach (var t in a.Tags) json.WriteStringValue(t.Name);
            json.WriteEndArray();
        }
        if (a.LeadImage is { } lead) WriteImages(json, lead, urls);

        var contributors = a.Attributions.Where(x => !string.IsNullOrWhiteSpace(x.Organization))
            .Select(x => x.Organization!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (contributors.Count > 0)
        {
            json.WriteStartArray("contributor");
            foreach (var name in contributors)
            {
                json.WriteStartObject();
                json.WriteString("@type", "Organization");
                json.WriteString("name", name);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        if (a.Corrections.Count > 0)
        {
            json.WriteStartArray("correction");
            foreach (var c in a.Corrections)
            {
                json.WriteStartObject();
                json.WriteString("@type", "CorrectionComment");
                json.WriteString("text", c.Text);
                json.WriteString("datePublished", Iso(c.PublishedAt));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        if (page.Sections.Count > 0)
        {
            json.WriteStartArray("hasPart");
            foreach (var s in page.Sections)
            {
                json.WriteStartObject();
                json.WriteString("@type", "Question");
                json.WriteString("name", s.Question);
                json.WriteString("url", ownUrl + "#" + s.Anchor);
                json.WriteStartObject("acceptedAnswer");
                json.WriteString("@type", "Answer");
                json.WriteString("text", s.AnswerText.Span);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WritePublisher(Utf8JsonWriter json, SiteSettings site, SiteUrls urls)
    {
        json.WriteStartObject("publisher");
        json.WriteString("@type", "NewsMediaOrganization");
        json.WriteString("name", site.Name);
        json.WriteString("url", urls.Absolute("/"));
        json.WriteString("correctionsPolicy", urls.Absolute("/corrections"));
        if (site.LogoUrl is { } logo)
        {
            json.WriteStartObject("logo");
            json.WriteString("@type", "ImageObject");
            json.WriteString("url", urls.Absolute(logo));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteImages(Utf8JsonWriter json, LeadImageView lead, SiteUrls urls)
    {
        var files = ImageChoices.ForStructuredData(lead.Media);
        if (files.Count == 0) return;
        var credit = lead.Media.Credit;
        var caption = lead.EffectiveCaption;
        json.WriteStartArray("image");
        foreach (var file in files)
        {
            var url = urls.Absolute(file.Url);
            json.WriteStartObject();
            json.WriteString("@type", "ImageObject");
            json.WriteString("contentUrl", url);
            json.WriteString("url", url);
            json.WriteNumber("width", file.Width);
            json.WriteNumber("height", file.Height);
            WriteCredit(json, caption, credit);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteCredit(Utf8JsonWriter json, string? caption, CreditView credit)
    {
        if (caption is not null) json.WriteString("caption", caption);
        if (credit.Display is { } creditText) json.WriteString("creditText", creditText);
        if (credit.Photographer is { } photographer)
        {
            json.WriteStartObject("creator");
            json.WriteString("@type", "Person");
            json.WriteString("name", photographer);
            json.WriteEndObject();
        }
        if (credit.CopyrightNotice is { } copyright) json.WriteString("copyrightNotice", copyright);
        if (credit.LicenseUrl is { } license) json.WriteString("license", license);
        if (credit.LicensorUrl is { } licensor) json.WriteString("acquireLicensePage", licensor);
    }

    private static string Iso(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
