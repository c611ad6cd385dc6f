using NewsCms.Accounts;

namespace NewsCms.Common;

// Who is acting: a signed-in journalist or an API key. Services decide permissions from it,
// so the admin and the API enforce the same rules.
public sealed record Actor(string Name, string? UserId, string Role)
{
    public static Actor System { get; } = new("NewsCms", null, Roles.Admin);

    public bool IsEditor => Role is Roles.Editor or Roles.Admin;
    public bool IsAdmin => Role is Roles.Admin;
}
