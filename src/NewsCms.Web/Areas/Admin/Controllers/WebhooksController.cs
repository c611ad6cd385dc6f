using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Accounts;
using NewsCms.Common;
using NewsCms.Web.Areas.Admin.Models;
using NewsCms.Webhooks;

namespace NewsCms.Web.Areas.Admin.Controllers;

// The addresses that hear about published, updated and unpublished articles and new media, with
// what each delivery got back: Admins only.
[Route("admin/webhooks"), Authorize(Roles = Roles.Admin)]
public sealed class WebhooksController(WebhookService webhooks, IOptions<SiteOptions> site) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new WebhooksPage(await webhooks.ListAsync(Actor, ct), site.Value.TimeZoneInfo));

    [HttpGet("new")]
    public IActionResult New() => View(new NewWebhookForm());

    // Not post/redirect/get: the signing secret is in this response once.
    [HttpPost("new")]
    public async Task<IActionResult> New(NewWebhookForm form, CancellationToken ct)
    {
        try
        {
            var created = await webhooks.CreateAsync(form.Url, form.Events, Actor, ct);
            return SecretPage(created, replaced: false);
        }
        catch (ValidationFailedException e)
        {
            return Unprocessable(e, form);
        }
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct) =>
        View(new WebhookPage(await webhooks.GetAsync(id, Actor, ct), await webhooks.DeliveriesAsync(id, WebhookPage.Shown, Actor, ct),
            site.Value.TimeZoneInfo));

    [HttpPost("{id:int}/enable")]
    public async Task<IActionResult> Enable(int id, CancellationToken ct)
    {
        var webhook = await webhooks.SetActiveAsync(id, true, Actor, ct);
        Notice = $"{webhook.Url} is enabled: new events are queued for it again.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/disable")]
    public async Task<IActionResult> Disable(int id, CancellationToken ct)
    {
        var webhook = await webhooks.SetActiveAsync(id, false, Actor, ct);
        Notice = $"{webhook.Url} is paused: it hears about nothing until it is enabled, and what was queued is dropped.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/test")]
    public async Task<IActionResult> Test(int id, CancellationToken ct)
    {
        try
        {
            await webhooks.SendTestAsync(id, Actor, ct);
            Notice = "A test event is queued. It is sent within a few seconds: reload this page to see the answer.";
        }
        catch (ConflictException e)
        {
            Trouble = e.Message;
        }
        return RedirectToAction(nameof(Show), new { id });
    }

    // Confirmed on its own page: the receiver's signature checks fail until it has the new secret.
    [HttpGet("{id:int}/secret")]
    public async Task<IActionResult> ReplaceSecret(int id, CancellationToken ct) =>
        View(await webhooks.GetAsync(id, Actor, ct));

    [HttpPost("{id:int}/secret")]
    public async Task<IActionResult> ConfirmReplaceSecret(int id, CancellationToken ct) =>
        SecretPage(await webhooks.RotateSecretAsync(id, Actor, ct), replaced: true);

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        View(await webhooks.GetAsync(id, Actor, ct));

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> ConfirmDelete(int id, CancellationToken ct)
    {
        var webhook = await webhooks.GetAsync(id, Actor, ct);
        await webhooks.DeleteAsync(id, Actor, ct);
        Notice = $"{webhook.Url} is deleted with its deliveries.";
        return RedirectToAction(nameof(Index));
    }

    private ViewResult SecretPage(CreatedWebhook created, bool replaced)
    {
        Response.Headers.CacheControl = "no-store";
        return View("Secret", new WebhookSecretPage(created.Webhook, created.Secret, replaced));
    }
}
