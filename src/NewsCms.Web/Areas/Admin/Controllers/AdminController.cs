using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using NewsCms.Accounts;
using NewsCms.Common;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Areas.Admin.Controllers;

// Every admin page: signed in with a newsroom role, every POST checked for an antiforgery token,
// and the services' refusals turned into pages rather than errors.
[Area("Admin")]
[Authorize(Roles = $"{Roles.Writer},{Roles.Editor},{Roles.Admin}")]
[AutoValidateAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class AdminController : Controller
{
    public const string NoticeKey = "admin-notice";
    public const string ProblemKey = "admin-problem";
    public const string Editors = $"{Roles.Editor},{Roles.Admin}";

    protected Actor Actor => User.ToActor();

    protected string? Notice
    {
        set => TempData[NoticeKey] = value;
    }

    protected string? Trouble
    {
        set => TempData[ProblemKey] = value;
    }

    protected void AddErrors(ValidationFailedException e)
    {
        foreach (var (field, messages) in e.Errors)
        {
            foreach (var message in messages) ModelState.AddModelError(field, message);
        }
    }

    // The form again, as typed, with each refusal beside its field.
    protected ViewResult Unprocessable(ValidationFailedException e, object form) => Unprocessable(e, null, form);

    protected ViewResult Unprocessable(ValidationFailedException e, string? viewName, object form)
    {
        AddErrors(e);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(viewName, form);
    }

    // Post/redirect/get for a form its service checks: saved, back to the list with the notice;
    // refused, the form again as typed (Edit serves both new and existing records).
    protected async Task<IActionResult> SaveToListAsync<T>(Func<Task<T>> save, Func<T, string> notice, object form)
    {
        try
        {
            Notice = notice(await save());
            return RedirectToAction("Index");
        }
        catch (ValidationFailedException e)
        {
            return Unprocessable(e, "Edit", form);
        }
    }

    protected IActionResult Refused(string message)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Refused", message);
    }

    public override void OnActionExecuted(ActionExecutedContext context)
    {
        switch (context.Exception)
        {
            case NotFoundException:
                context.Result = NotFound();
                context.ExceptionHandled = true;
                break;
            case ForbiddenException e:
                context.Result = Refused(e.Message);
                context.ExceptionHandled = true;
                break;
        }
    }
}
