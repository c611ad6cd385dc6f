using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Accounts;
using NewsCms.Common;
using NewsCms.Settings;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// The site's name, address, logo, description and default social image: Admins only.
[Route("admin/settings"), Authorize(Roles = Roles.Admin)]
public sealed class SettingsController(SiteSettingsService settings) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(SiteSettingsForm.From(await settings.GetStoredAsync(ct)));

    [HttpPost("")]
    public async Task<IActionResult> Index(SiteSettingsForm form, CancellationToken ct)
    {
        try
        {
            await settings.UpdateAsync(form.ToInput(), Actor, ct);
            Notice = "Site settings saved. Pages show them within a few seconds.";
            return RedirectToAction(nameof(Index));
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(form);
        }
    }
}
