using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// The workflow buttons. Each is refused here by role and again by ArticleService, which is the
// rule that also binds the API.
[Route("admin/articles/{id:int}")]
public sealed class WorkflowController(ArticleService articles, ArticleEditorPages pages, IOptions<SiteOptions> site) : AdminController
{
    [HttpPost("submit")]
    public Task<IActionResult> Submit(int id, int version, CancellationToken ct) =>
        RunAsync(id, () => articles.SubmitForReviewAsync(id, version, Actor, ct), "Submitted for review.", ct);

    [HttpPost("return")]
    public Task<IActionResult> ReturnToDraft(int id, int version, CancellationToken ct) =>
        RunAsync(id, () => articles.ReturnToDraftAsync(id, version, Actor, ct), "Returned to draft.", ct);

    [HttpPost("publish"), Authorize(Roles = Editors)]
    public Task<IActionResult> Publish(int id, int version, CancellationToken ct) =>
        RunAsync(id, () => articles.PublishAsync(id, version, Actor, ct), "Published.", ct);

    // The time is typed in the newsroom's time zone (a datetime-local field has none of its own).
    [HttpPost("schedule"), Authorize(Roles = Editors)]
    public Task<IActionResult> Schedule(int id, int version, string? publishAt, CancellationToken ct)
    {
        var zone = site.Value.TimeZoneInfo;
        return RunAsync(id, () =>
        {
            if (!DateTime.TryParseExact(publishAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var local))
                throw ValidationFailedException.For("PublishAt", "Enter the date and time to publish, such as 2030-03-14 09:30.");
            if (zone.IsInvalidTime(local))
                throw ValidationFailedException.For("PublishAt", $"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (the clocks change then).");
            var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            return articles.ScheduleAsync(id, at, version, Actor, ct);
        }, "Scheduled.", ct, publishAt);
    }

    [HttpPost("unpublish"), Authorize(Roles = Editors)]
    public Task<IActionResult> Unpublish(int id, int version, CancellationToken ct) =>
        RunAsync(id, () => articles.UnpublishAsync(id, version, Actor, ct), "Unpublished.", ct);

    [HttpPost("delete")]
    public async Task<IActionResult> Delete(int id, int version, CancellationToken ct)
    {
        try
        {
            await articles.DeleteAsync(id, version, Actor, ct);
            Notice = "The article is deleted.";
            return RedirectToAction("Index", "Articles");
        }
        catch (Exception e) when (e is ConflictException or ConcurrencyConflictException)
        {
            Trouble = e.Message;
            return RedirectToAction("Edit", "Articles", new { id });
        }
    }

    // A refusal on a field (no body yet, a time in the past) is shown on the editor beside it;
    // a refusal of the step itself comes back as a message at the top.
    private async Task<IActionResult> RunAsync(int id, Func<Task<ArticleDetail>> step, string done, CancellationToken ct,
        string? publishAt = null)
    {
        try
        {
            await step();
            Notice = done;
        }
        catch (ValidationFailedException e)
        {
            var current = await articles.GetAsync(id, ct);
            var form = ArticleForm.From(current);
            form.PublishAt = publishAt;
            AddErrors(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("~/Areas/Admin/Views/Articles/Edit.cshtml", await pages.BuildAsync(form, current, Actor, ct));
        }
        catch (Exception e) when (e is ConflictException or ConcurrencyConflictException)
        {
            Trouble = e is ConcurrencyConflictException
                ? "Someone saved the article a moment ago, so nothing was changed. Here is their version: check it and try again."
                : e.Message;
        }
        return RedirectToAction("Edit", "Articles", new { id });
    }
}
