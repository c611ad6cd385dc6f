using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsCms.Common;

namespace NewsCms.Accounts;

public sealed record UserView(string Id, string Email, string DisplayName, string Role, bool Disabled, DateTimeOffset CreatedAt);

public sealed record NewUserInput(string? Email, string? DisplayName, string? Role, string? Password);

// A created account and, when none was chosen, the generated password: shown once, never stored.
public sealed record CreatedUser(UserView User, string? GeneratedPassword);

// The newsroom's accounts: who may sign in to the admin, and as what. Only admins manage them.
public sealed class AccountService(UserManager<NewsUser> users, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    // A disabled account is locked out until the end of time; a temporary lockout ends in minutes.
    private static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var result = new List<UserView>(all.Count);
        foreach (var u in all) result.Add(await ToViewAsync(u));
        return result;
    }

    public async Task<UserView> GetAsync(string id, CancellationToken ct) =>
        await ToViewAsync(await FindAsync(id));

    public async Task<CreatedUser> CreateAsync(NewUserInput input, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var errors = new ValidationErrors();
        var email = input.Email?.Trim() ?? "";
        errors.Required(nameof(input.Email), email, "Email");
        errors.MaxLength(nameof(input.Email), email, FieldLimits.Actor, "Email");
        if (email.Length > 0 && !IsEmail(email))
            errors.Add(nameof(input.Email), "Enter an email address such as name@example.org.");
        var displayName = input.DisplayName?.Trim() ?? "";
        errors.Required(nameof(input.DisplayName), displayName, "Name");
        errors.MaxLength(nameof(input.DisplayName), displayName, FieldLimits.PersonName, "Name");
        var role = CheckRole(input.Role, errors);
        errors.ThrowIfAny();

        var generated = string.IsNullOrEmpty(input.Password) ? GeneratePassword() : null;
        var user = new NewsUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, generated ?? input.Password!));
        Check(await users.AddToRoleAsync(user, role));
        return new CreatedUser(await ToViewAsync(user), generated);
    }

    public async Task<UserView> SetRoleAsync(string id, string? role, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var errors = new ValidationErrors();
        var wanted = CheckRole(role, errors);
        errors.ThrowIfAny();
        var user = await FindAsync(id);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && wanted != Roles.Admin)
            await EnsureAnotherAdminAsync(user, "take the admin role from");
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, wanted));
        // A new role takes effect at once: the security stamp ends the sessions that carry the old one.
        Check(await users.UpdateSecurityStampAsync(user));
        return await ToViewAsync(user);
    }

    public async Task<UserView> SetDisabledAsync(string id, bool disabled, Actor actor, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var user = await FindAsync(id);
        if (disabled)
        {
            if (user.Id == actor.UserId)
                throw new ConflictException("You cannot disable your own account.");
            if ((await users.GetRolesAsync(user)).Contains(Roles.Admin))
                await EnsureAnotherAdminAsync(user, "disable");
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DisabledUntil));
            // Ends every session the person has open, not only future sign-ins.
            Check(await users.UpdateSecurityStampAsync(user));
        }
        else
        {
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
        }
        return await ToViewAsync(user);
    }

    // The first run of a site: roles exist, and one admin can sign in. The password is the
    // configured one, or a generated one the caller prints once.
    public async Task<CreatedUser?> EnsureFirstAdminAsync(string? email, string? password, CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        }
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return null;
        var input = new NewUserInput(string.IsNullOrWhiteSpace(email) ? "admin@newscms.local" : email, "Site admin", Roles.Admin,
            string.IsNullOrEmpty(password) ? null : password);
        return await CreateAsync(input, Actor.System, ct);
    }

    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    public static string HighestRole(IEnumerable<string> roleNames)
    {
        var set = roleNames.ToHashSet(StringComparer.Ordinal);
        return Roles.All.Reverse().FirstOrDefault(set.Contains) ?? "";
    }

    private async Task EnsureAnotherAdminAsync(NewsUser user, string what)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => a.Id != user.Id && !(a.LockoutEnd > now)))
            throw new ConflictException($"You cannot {what} the last active admin: make someone else an admin first.");
    }

    private async Task<NewsUser> FindAsync(string id) =>
        await users.FindByIdAsync(id) ?? throw new NotFoundException("The user");

    private async Task<UserView> ToViewAsync(NewsUser u) => new(
        u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, HighestRole(await users.GetRolesAsync(u)),
        u.LockoutEnd == DisabledUntil, u.CreatedAt);

    private static string CheckRole(string? role, ValidationErrors errors)
    {
        var match = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) errors.Add("Role", "Choose Writer, Editor or Admin.");
        return match ?? "";
    }

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only an admin can manage accounts.");
    }

    // Identity's own refusals, moved onto the form field they are about.
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        var errors = new ValidationErrors();
        foreach (var e in result.Errors)
        {
            var field = e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
                : "";
            errors.Add(field, e.Description);
        }
        errors.ThrowIfAny();
    }
}
