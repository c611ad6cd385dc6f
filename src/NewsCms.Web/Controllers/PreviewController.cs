using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Accounts;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Previews;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

// A draft as readers will see it, for whoever holds a preview link. Unknown, expired and revoked
// links all answer 404: the answer does not tell which.
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class PreviewController(PreviewLinkService previews, IOptions<SiteOptions> site) : Controller
{
    public const string ShowView = "~/Views/Articles/Show.cshtml";

    [HttpGet("/preview/{token:maxlength(100)}")]
    public async Task<IActionResult> Show(string token, CancellationToken ct)
    {
        KeepPrivate(Response);
        return await previews.FindPageAsync(token, ct) is { } page ? View(ShowView, ToModel(page, site.Value)) : NotFound();
    }

    // Any article in any state for the newsroom, exactly as readers will see it. It lives outside
    // the admin area so that the page gets the public layout, not the admin's.
    [HttpGet("/admin/articles/{id:int}/preview")]
    [Authorize(Roles = $"{Roles.Writer},{Roles.Editor},{Roles.Admin}")]
    public async Task<IActionResult> Draft(int id, CancellationToken ct)
    {
        KeepPrivate(Response);
        try
        {
            return View(ShowView, ToModel(await previews.PreviewAsync(id, ct), site.Value));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    // Previews stay out of search engines and shared caches, and the token never leaves in a Referer.
    public static void KeepPrivate(HttpResponse response)
    {
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public static ArticlePageModel ToModel(ArticlePage page, SiteOptions site) =>
        new(page, site.TimeZoneInfo, new PageMeta($"Preview: {page.Article.Headline} - {site.Name}", page.Article.Dek, NoIndex: true));
}
