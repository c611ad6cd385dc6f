using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Accounts;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

[Route("admin/users"), Authorize(Roles = Roles.Admin)]
public sealed class UsersController(AccountService accounts, AuthorService authors) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new UsersPage(await accounts.ListAsync(ct), Actor.UserId));

    [HttpGet("new")]
    public IActionResult New() => View(new NewUserForm());

    // Not post/redirect/get: a generated password is shown in this response once, and nowhere else.
    [HttpPost("new")]
    public async Task<IActionResult> New(NewUserForm form, CancellationToken ct)
    {
        try
        {
            var created = await accounts.CreateAsync(new NewUserInput(form.Email, form.DisplayName, form.Role, form.Password), Actor, ct);
            await authors.LinkProfileAsync(created.User.Id, created.User.DisplayName, Actor, ct);
            Response.Headers.CacheControl = "no-store";
            return View("Created", new UserCreatedPage(created.User, created.GeneratedPassword));
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(new NewUserForm { Email = form.Email, DisplayName = form.DisplayName, Role = form.Role });
        }
    }

    [HttpPost("{id}/role")]
    public Task<IActionResult> Role(string id, string? role, CancellationToken ct) =>
        ChangeAsync(() => accounts.SetRoleAsync(id, role, Actor, ct), u => $"{u.DisplayName} is now {u.Role}.");

    [HttpPost("{id}/disable")]
    public Task<IActionResult> Disable(string id, CancellationToken ct) =>
        ChangeAsync(() => accounts.SetDisabledAsync(id, true, Actor, ct), u => $"{u.DisplayName} is disabled and signed out.");

    [HttpPost("{id}/enable")]
    public Task<IActionResult> Enable(string id, CancellationToken ct) =>
        ChangeAsync(() => accounts.SetDisabledAsync(id, false, Actor, ct), u => $"{u.DisplayName} can sign in again.");

    private async Task<IActionResult> ChangeAsync(Func<Task<UserView>> change, Func<UserView, string> done)
    {
        try
        {
            Notice = done(await change());
        }
        catch (Exception e) when (e is ValidationFailedException or ConflictException)
        {
            Trouble = e is ValidationFailedException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
        }
        return RedirectToAction(nameof(Index));
    }
}
