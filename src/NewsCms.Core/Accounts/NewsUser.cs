using Microsoft.AspNetCore.Identity;

namespace NewsCms.Accounts;

public sealed class NewsUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Writer = "Writer";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Writer, Editor, Admin];
}
