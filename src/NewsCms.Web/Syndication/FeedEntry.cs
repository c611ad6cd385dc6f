using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using NewsCms.Articles;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Syndication;

public sealed record FeedPerson(string Name, string Url);

public sealed record FeedImage(string Url, int Width, int Height, string? ContentType, string? Caption, string? Credit,
    string? Photographer, string? Copyright);

// One article as feeds carry it: everything absolute, the whole text included.
public sealed record FeedEntry(
    string Id,
    string Title,
    string Url,
    string? Summary,
    string ContentHtml,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    IReadOnlyList<FeedPerson> Authors,
    IReadOnlyList<string> Categories,
    FeedImage? Image)
{
    private static readonly HtmlParser Parser = new();

    public static FeedEntry From(ArticlePage page, SiteUrls urls)
    {
        var a = page.Article;
        var url = urls.Absolute(page.Path);
        var image = a.LeadImage is { } lead && ImageChoices.ForFeed(lead.Media) is { } file
            ? new FeedImage(urls.Absolute(file.Url), file.Width, file.Height, file.ContentType, lead.EffectiveCaption,
                lead.Media.Credit.Display, lead.Media.Credit.Photographer, lead.Media.Credit.CopyrightNotice)
            : null;
        return new FeedEntry(
            // Stable across slug changes and new domains' redirects: the article's number.
            $"tag:{new Uri(urls.BaseUrl).Host},{a.PublishedAt!.Value.UtcDateTime:yyyy-MM-dd}:article:{a.Id}",
            a.Headline,
            url,
            a.Dek,
            Absolutize(Content(page), url, urls),
            a.PublishedAt!.Value,
            ArticleDates.Modified(a),
            a.Bylines.Select(b => new FeedPerson(b.Name, urls.Absolute($"/authors/{b.Slug}"))).ToList(),
            a.Tags.Select(t => t.Name).ToList(),
            image);
    }

    // The article as its page shows it: body, questions and answers, notes and attributions.
    private static string Content(ArticlePage page)
    {
        var a = page.Article;
        var html = new StringBuilder(page.BodyHtml.ToString());
        foreach (var s in page.Sections)
            html.Append("<h2 id=\"").Append(WebUtility.HtmlEncode(s.Anchor)).Append("\">")
                .Append(WebUtility.HtmlEncode(s.Question)).Append("</h2>").Append(s.AnswerHtml.ToString());
        foreach (var c in a.Corrections)
            html.Append("<p><strong>").Append(c.Kind == CorrectionKind.Correction ? "Correction" : "Update")
                .Append(", ").Append(c.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Append(":</strong> ").Append(WebUtility.HtmlEncode(c.Text)).Append("</p>");
        foreach (var x in a.Attributions)
            html.Append("<p><em>").Append(WebUtility.HtmlEncode(x.Text)).Append("</em></p>");
        return html.ToString();
    }

    // Feed readers show the content away from the site: site paths and anchors must be absolute.
    private static string Absolutize(string html, string articleUrl, SiteUrls urls)
    {
        using var document = Parser.ParseDocument($"<body>{html}</body>");
        string Absolute(string value) =>
            value.StartsWith('#') ? articleUrl + value
            : value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) ? urls.Absolute(value)
            : value;
        foreach (var element in document.QuerySelectorAll("[href], [src], [srcset]"))
        {
            foreach (var name in new[] { "href", "src" })
            {
                if (element.GetAttribute(name) is { Length: > 0 } value) element.SetAttribute(name, Absolute(value));
            }
            // "url 640w, url 1024w": each candidate's URL.
            if (element.GetAttribute("srcset") is { Length: > 0 } srcset)
                element.SetAttribute("srcset", string.Join(", ", srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(candidate => candidate.Split(' ', 2) is [var url, var size] ? Absolute(url) + " " + size : Absolute(candidate))));
        }
        return document.Body!.InnerHtml;
    }
}
