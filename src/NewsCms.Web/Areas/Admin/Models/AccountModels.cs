using NewsCms.Accounts;

namespace NewsCms.Web.Areas.Admin.Models;

public sealed class LoginForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class NewUserForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; } = Roles.Writer;

    // Empty: a password is generated and shown once.
    public string? Password { get; set; }
}

public sealed record UsersPage(IReadOnlyList<UserView> Users, string? CurrentUserId);

public sealed record UserCreatedPage(UserView User, string? GeneratedPassword);
