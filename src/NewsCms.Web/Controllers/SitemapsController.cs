using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsCms.Settings;
using NewsCms.Syndication;
using NewsCms.Web.Infrastructure;
using NewsCms.Web.Syndication;

namespace NewsCms.Web.Controllers;

// sitemap.xml (an index of numbered files once the site outgrows one), the Google News sitemap
// of the last two days, and robots.txt pointing at both.
[ApiExplorerSettings(IgnoreApi = true)]
[OutputCache(PolicyName = PublicPagePolicy.Pages)]
public sealed class SitemapsController(
    SitemapSource source,
    SiteSettingsService settings,
    SiteUrls urls,
    IOptions<SitemapOptions> options,
    TimeProvider clock) : Controller
{
    // Google News takes articles published in the last two days.
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    private int PerFile => Math.Max(1, options.Value.UrlsPerFile);

    [HttpGet("/sitemap.xml")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var total = await source.CountAsync(ct);
        if (total <= PerFile)
            return Xml(SitemapWriter.UrlSet(await source.PageAsync(0, PerFile, ct), urls.Absolute));
        var files = (total + PerFile - 1) / PerFile;
        return Xml(SitemapWriter.Index(Enumerable.Range(1, files)
            .Select(n => urls.Absolute(string.Create(CultureInfo.InvariantCulture, $"/sitemap-{n}.xml")))));
    }

    [HttpGet("/sitemap-{page:int:min(1)}.xml")]
    public async Task<IActionResult> Page(int page, CancellationToken ct)
    {
        var total = await source.CountAsync(ct);
        if ((long)(page - 1) * PerFile >= Math.Max(total, 1)) return NotFound();
        return Xml(SitemapWriter.UrlSet(await source.PageAsync((page - 1) * PerFile, PerFile, ct), urls.Absolute));
    }

    // A window of the last 48 hours: it changes with the clock, not only with articles, so it is
    // built per request (still with its ETag, 304 and compression).
    [HttpGet("/sitemap-news.xml")]
    [OutputCache(NoStore = true)]
    public async Task<IActionResult> News(CancellationToken ct)
    {
        var site = await settings.GetAsync(ct);
        var items = await source.PublishedSinceAsync(clock.GetUtcNow() - NewsWindow, ct);
        return Xml(SitemapWriter.News(items, site.Name, site.Language, urls.Absolute));
    }

    [HttpGet("/robots.txt")]
    public IActionResult Robots()
    {
        var text = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Disallow: /admin/\n")
            .Append("Disallow: /api/\n")
            .Append("Disallow: /search\n")
            .Append("\n")
            .Append("Sitemap: ").Append(urls.Absolute("/sitemap.xml")).Append('\n')
            .Append("Sitemap: ").Append(urls.Absolute("/sitemap-news.xml")).Append('\n')
            .ToString();
        return Content(text, "text/plain; charset=utf-8");
    }

    private FileContentResult Xml(byte[] document) => File(document, SitemapWriter.ContentType);
}
