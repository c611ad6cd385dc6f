using Microsoft.AspNetCore.Mvc;
using NewsCms.Common;
using NewsCms.Previews;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Areas.Admin.Controllers;

// Shareable preview links: created by those who may change the article, revoked at once.
// (The signed-in preview itself is PreviewController.Draft, outside the area, in the public layout.)
[Route("admin/articles/{id:int}")]
public sealed class PreviewsController(PreviewLinkService previews, SiteUrls urls) : AdminController
{
    public const string NewLinkKey = "admin-preview-link";

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
