using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsCms.Accounts;
using NewsCms.Web.Areas.Admin.Models;
using NewsCms.Web.Infrastructure;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace NewsCms.Web.Areas.Admin.Controllers;

[Route("admin")]
public sealed class AccountController(SignInManager<NewsUser> signIn, UserManager<NewsUser> users, IPasswordHasher<NewsUser> hasher)
    : AdminController
{
    // One message for every failure: it does not tell whether the address has an account.
    public const string LoginFailed =
        "The email address or password is not right, or the account is locked after too many attempts. Try again in 15 minutes, or ask an admin.";

    private static string? dummyHash;

    [HttpGet("")]
    public IActionResult Home() => RedirectToAction("Index", "Articles");

    [AllowAnonymous, HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true && User.ToActor().Role.Length > 0
            ? LocalRedirect(SafeReturnUrl(returnUrl))
            : View(new LoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous, HttpPost("login"), EnableRateLimiting(AdminSetup.LoginRateLimit)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        var email = form.Email?.Trim();
        var user = string.IsNullOrEmpty(email) ? null : await users.FindByEmailAsync(email);
        IdentitySignInResult result;
        if (user is null)
        {
            // Hash anyway, so an unknown address takes as long to refuse as a wrong password.
            dummyHash ??= hasher.HashPassword(new NewsUser(), "not-a-password-anyone-has");
            hasher.VerifyHashedPassword(new NewsUser(), dummyHash, form.Password ?? "");
            result = IdentitySignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, form.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        }
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl(form.ReturnUrl));

        ModelState.Clear();
        ModelState.AddModelError("", LoginFailed);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return View(new LoginForm { Email = email, ReturnUrl = form.ReturnUrl });
    }

    // The stamp changes, so the cookie is worthless even if a copy of it survives somewhere.
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        Notice = "You are signed out.";
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous, HttpGet("denied")]
    public IActionResult Denied() => Refused("Your role does not allow this. Ask an editor or an admin.");

    [HttpGet("account/password")]
    public IActionResult Password() => View(new ChangePasswordForm());

    [HttpPost("account/password")]
    public async Task<IActionResult> Password(ChangePasswordForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (string.IsNullOrEmpty(form.NewPassword))
            ModelState.AddModelError(nameof(form.NewPassword), "Enter a new password.");
        else if (form.NewPassword != form.ConfirmPassword)
            ModelState.AddModelError(nameof(form.ConfirmPassword), "The two new passwords are not the same.");
        if (ModelState.ErrorCount == 0)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword ?? "", form.NewPassword!);
            if (result.Succeeded)
            {
                // The stamp moved: other sessions end; this one is issued anew.
                await signIn.RefreshSignInAsync(user);
                Notice = "Your password is changed. Other sessions are signed out.";
                return RedirectToAction(nameof(Password));
            }
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword),
                    e.Code == "PasswordMismatch" ? "The current password is not right." : e.Description);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new ChangePasswordForm());
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin/articles";
}
