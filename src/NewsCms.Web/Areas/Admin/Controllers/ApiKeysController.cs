using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Accounts;
using NewsCms.Api;
using NewsCms.Common;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// Integrators' keys: created, listed with their last use, and revoked, by Admins only.
[Route("admin/api-keys"), Authorize(Roles = Roles.Admin)]
public sealed class ApiKeysController(ApiKeyService keys, IOptions<SiteOptions> site) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new ApiKeysPage(await keys.ListAsync(ct), site.Value.TimeZoneInfo));

    [HttpGet("new")]
    public IActionResult New() => View(new NewApiKeyForm());

    // Not post/redirect/get: the key is in this response once, and stored only as a hash.
    [HttpPost("new")]
    public async Task<IActionResult> New(NewApiKeyForm form, CancellationToken ct)
    {
        try
        {
            var created = await keys.CreateAsync(form.Name, form.ToScope(), Actor, ct);
            Response.Headers.CacheControl = "no-store";
            return View("Created", new ApiKeyCreatedPage(created.Key, created.PlainKey));
        }
        catch (ValidationFailedException e)
        {
            return Unprocessable(e, form);
        }
    }

    // A page to confirm on, so revoking works without script and never by a stray click.
    [HttpGet("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct) =>
        View(new ApiKeyRevokePage(await keys.GetAsync(id, ct), site.Value.TimeZoneInfo));

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> ConfirmRevoke(int id, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(id, Actor, ct);
        Notice = $"The key \"{key.Name}\" ({key.Prefix}…) is revoked: the API refuses it from now on.";
        return RedirectToAction(nameof(Index));
    }
}
