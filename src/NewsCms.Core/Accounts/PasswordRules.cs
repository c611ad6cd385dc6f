using Microsoft.AspNetCore.Identity;

namespace NewsCms.Accounts;

// OWASP ASVS 5: length rather than composition, long passphrases allowed, common ones refused.
// Identity's own validator checks the minimum length (IdentityOptions.Password); this adds the rest.
public sealed class PasswordRules : IPasswordValidator<NewsUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    // Passwords of the minimum length or more that lead breach lists. Compared case-insensitively.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789012345", "1234567890qwerty",
        "qwertyuiopasdfgh", "qwertyuiop123", "qwerty123456", "qwertyuiopasdfghjkl", "1q2w3e4r5t6y",
        "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "password1234", "password12345", "password123456",
        "passwordpassword", "Password1234", "Password123!", "Passw0rd1234", "iloveyou1234",
        "letmein12345", "welcome12345", "administrator", "administrator1", "adminadmin123",
        "admin1234567", "changeme1234", "00000000000000", "111111111111", "aaaaaaaaaaaa",
        "abcdefghijkl", "abcdefghijklmnop", "abc123abc123", "football1234", "baseball1234",
        "monkey123456", "dragon123456", "sunshine1234", "princess1234", "trustno1trustno1",
        "correcthorsebatterystaple", "newsroom1234", "newscms12345", "journalist123",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<NewsUser> manager, NewsUser user, string? password)
    {
        var errors = new List<IdentityError>();
        password ??= "";
        if (password.Length > MaxLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {MaxLength} characters." });
        if (Common.Contains(password) || password.Distinct().Count() < 4)
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common or too simple: choose a longer phrase of your own." });
        var localPart = (user.Email ?? user.UserName ?? "").Split('@')[0];
        if (localPart.Length >= 4 && password.Contains(localPart, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsName", Description = "The password must not contain your email name." });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
