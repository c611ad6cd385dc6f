using System.Globalization;
using System.Xml;

namespace NewsCms.Web.Syndication;

// What a feed is about: the whole site, one tag or one author.
public sealed record FeedChannel(string Title, string Description, string PageUrl, string RssUrl, string AtomUrl, string Language,
    string? LogoUrl);

// RSS 2.0 and Atom 1.0, written with XmlWriter so every value is escaped by the writer.
public static class FeedWriter
{
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";
    private const string MediaNs = "http://search.yahoo.com/mrss/";
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    public static byte[] Rss(FeedChannel channel, IReadOnlyList<FeedEntry> entries, DateTimeOffset now)
    {
        return XmlText.Write(w =>
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "content", null, ContentNs);
            w.WriteAttributeString("xmlns", "dc", null, DcNs);
            w.WriteAttributeString("xmlns", "media", null, MediaNs);
            w.WriteAttributeString("xmlns", "atom", null, AtomNs);
            w.WriteStartElement("channel");
            Text(w, "title", channel.Title);
            Text(w, "link", channel.PageUrl);
            Text(w, "description", channel.Description);
            Text(w, "language", channel.Language);
            Text(w, "lastBuildDate", Rfc822(entries.Count > 0 ? entries.Max(e => e.Updated) : now));
            w.WriteStartElement("atom", "link", AtomNs);
            w.WriteAttributeString("href", channel.RssUrl);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
            if (channel.LogoUrl is { } logo)
            {
                w.WriteStartElement("image");
                Text(w, "url", logo);
                Text(w, "title", channel.Title);
                Text(w, "link", channel.PageUrl);
                w.WriteEndElement();
            }
            foreach (var e in entries)
                RssItem(w, e);
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static void RssItem(XmlWriter w, FeedEntry e)
    {
        w.WriteStartElement("item");
        Text(w, "title", e.Title);
        Text(w, "link", e.Url);
        w.WriteStartElement("guid");
        w.WriteAttributeString("isPermaLink", "true");
        w.WriteString(e.Url);
        w.WriteEndElement();
        Text(w, "pubDate", Rfc822(e.Published));
        if (e.Summary is not null) Text(w, "description", e.Summary);
        foreach (var author in e.Authors)
            Text(w, "dc", "creator", DcNs, author.Name);
        foreach (var category in e.Categories)
            Text(w, "category", category);
        if (e.Image is { } image)
        {
            w.WriteStartElement("enclosure");
            w.WriteAttributeString("url", image.Url);
            // RSS asks for the length; 0 is the accepted value when it is not known.
            w.WriteAttributeString("length", "0");
            w.WriteAttributeString("type", image.ContentType ?? "image/jpeg");
            w.WriteEndElement();
            w.WriteStartElement("media", "content", MediaNs);
            w.WriteAttributeString("url", image.Url);
            w.WriteAttributeString("medium", "image");
            if (image.ContentType is not null) w.WriteAttributeString("type", image.ContentType);
            w.WriteAttributeString("width", image.Width.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("height", image.Height.ToString(CultureInfo.InvariantCulture));
            if (image.Caption is not null)
            {
                w.WriteStartElement("media", "description", MediaNs);
                w.WriteAttributeString("type", "plain");
                w.WriteString(XmlText.Clean(image.Caption));
                w.WriteEndElement();
            }
            if (image.Photographer is not null) Credit(w, image.Photographer, "photographer");
            if (image.Credit is not null && image.Credit != image.Photographer) Credit(w, image.Credit, null);
            if (image.Copyright is not null) Text(w, "media", "copyright", MediaNs, image.Copyright);
            w.WriteEndElement();
        }
        Text(w, "content", "encoded", ContentNs, e.ContentHtml);
        w.WriteEndElement();
    }

    private static void Credit(XmlWriter w, string name, string? role)
    {
        w.WriteStartElement("media", "credit", MediaNs);
        if (role is not null)
        {
            w.WriteAttributeString("role", role);
            w.WriteAttributeString("scheme", "urn:ebu");
        }
        w.WriteString(XmlText.Clean(name));
        w.WriteEndElement();
    }

    public static byte[] Atom(FeedChannel channel, IReadOnlyList<FeedEntry> entries, DateTimeOffset now)
    {
        return XmlText.Write(w =>
        {
            w.WriteStartElement("feed", AtomNs);
            w.WriteAttributeString("xml", "lang", null, channel.Language);
            Text(w, "id", channel.AtomUrl);
            Text(w, "title", channel.Title);
            Text(w, "subtitle", channel.Description);
            Text(w, "updated", Rfc3339(entries.Count > 0 ? entries.Max(e => e.Updated) : now));
            Link(w, "self", channel.AtomUrl, "application/atom+xml");
            Link(w, "alternate", channel.PageUrl, "text/html");
            if (channel.LogoUrl is { } logo) Text(w, "logo", logo);
            foreach (var e in entries)
            {
                w.WriteStartElement("entry");
                Text(w, "id", e.Id);
                Text(w, "title", e.Title);
                Link(w, "alternate", e.Url, "text/html");
                Text(w, "published", Rfc3339(e.Published));
                Text(w, "updated", Rfc3339(e.Updated));
                foreach (var author in e.Authors)
                {
                    w.WriteStartElement("author");
                    Text(w, "name", author.Name);
                    Text(w, "uri", author.Url);
                    w.WriteEndElement();
                }
                foreach (var category in e.Categories)
                {
                    w.WriteStartElement("category");
                    w.WriteAttributeString("term", XmlText.Clean(category));
                    w.WriteEndElement();
                }
                if (e.Image is { } image)
                {
                    w.WriteStartElement("link");
                    w.WriteAttributeString("rel", "enclosure");
                    w.WriteAttributeString("href", image.Url);
                    w.WriteAttributeString("type", image.ContentType ?? "image/jpeg");
                    w.WriteEndElement();
                }
                if (e.Summary is not null) Text(w, "summary", e.Summary);
                w.WriteStartElement("content");
                w.WriteAttributeString("type", "html");
                w.WriteString(XmlText.Clean(e.ContentHtml));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link");
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string name, string value) => w.WriteElementString(name, XmlText.Clean(value));

    private static void Text(XmlWriter w, string prefix, string name, string ns, string value) =>
        w.WriteElementString(prefix, name, ns, XmlText.Clean(value));

    private static string Rfc822(DateTimeOffset at) => at.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    public static string Rfc3339(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
