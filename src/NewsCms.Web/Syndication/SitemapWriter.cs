using System.Xml;
using NewsCms.Syndication;

namespace NewsCms.Web.Syndication;

// sitemaps.org files and the Google News sitemap, written with XmlWriter.
public static class SitemapWriter
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public const string ContentType = "application/xml; charset=utf-8";

    public static byte[] UrlSet(IEnumerable<SitemapUrl> urls, Func<string, string> absolute) => Write(w =>
    {
        w.WriteStartElement("urlset", SitemapNs);
        foreach (var u in urls)
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", absolute(u.Path));
            if (u.LastModified is { } at) w.WriteElementString("lastmod", FeedWriter.Rfc3339(at));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    public static byte[] Index(IEnumerable<string> sitemapUrls) => Write(w =>
    {
        w.WriteStartElement("sitemapindex", SitemapNs);
        foreach (var url in sitemapUrls)
        {
            w.WriteStartElement("sitemap");
            w.WriteElementString("loc", url);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    public static byte[] News(IEnumerable<NewsSitemapItem> items, string publication, string language, Func<string, string> absolute) => Write(w =>
    {
        w.WriteStartElement("urlset", SitemapNs);
        w.WriteAttributeString("xmlns", "news", null, NewsNs);
        foreach (var item in items)
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", absolute(item.Path));
            w.WriteStartElement("news", "news", NewsNs);
            w.WriteStartElement("news", "publication", NewsNs);
            w.WriteElementString("news", "name", NewsNs, XmlText.Clean(publication));
            w.WriteElementString("news", "language", NewsNs, language);
            w.WriteEndElement();
            w.WriteElementString("news", "publication_date", NewsNs, FeedWriter.Rfc3339(item.PublishedAt));
            w.WriteElementString("news", "title", NewsNs, XmlText.Clean(item.Headline));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    private static byte[] Write(Action<XmlWriter> body) => XmlText.Write(body);
}
