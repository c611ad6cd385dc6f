using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Common;
using NewsCms.Previews;
using NewsCms.Web.Controllers;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Areas.Admin.Controllers;

// Any article, in any state, exactly as its public page will render; and shareable links to it.
[Route("admin/articles/{id:int}")]
public sealed class PreviewsController(PreviewLinkService previews, IOptions<SiteOptions> site, SiteUrls urls) : AdminController
{
    public const string NewLinkKey = "admin-preview-link";

    [HttpGet("preview")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        PreviewController.KeepPrivate(Response);
        return View(PreviewController.ShowView, PreviewController.ToModel(await previews.PreviewAsync(id, ct), site.Value));
    }

    // The link is shown once, on the page this redirects to: only its hash is kept.
    [HttpPost("links")]
    public async Task<IActionResult> Create(int id, int? expiresInHours, CancellationToken ct)
    {
        try
        {
            var created = await previews.CreateAsync(id, expiresInHours is { } h ? TimeSpan.FromHours(h) : null, Actor, ct);
            TempData[NewLinkKey] = urls.Absolute("/preview/" + created.Token);
            Notice = "A preview link is ready. Copy it now: it is not shown again.";
        }
        catch (ValidationFailedException e)
        {
            Trouble = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
        return Redirect(Url.Action("Edit", "Articles", new { id }) + "#preview-links");
    }

    [HttpPost("links/{linkId:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, int linkId, CancellationToken ct)
    {
        await previews.RevokeAsync(id, linkId, Actor, ct);
        Notice = "The preview link is revoked: it no longer opens the article.";
        return Redirect(Url.Action("Edit", "Articles", new { id }) + "#preview-links");
    }
}
