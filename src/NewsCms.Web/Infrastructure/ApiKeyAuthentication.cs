using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NewsCms.Accounts;
using NewsCms.Api;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// "Authorization: Bearer KEY". The API authenticates by key only, never by the admin's cookie.
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must be \"Bearer\" followed by an API key.");
        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"API key \"{key.Name}\""),
            new Claim(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ScopeClaim, key.Scope == ApiKeyScope.Write ? "write" : "read"),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.WriteAsync(Context, 401, result.Failure?.Message ?? "Send an API key as \"Authorization: Bearer KEY\".");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, 403, "This API key has read scope; writing needs a key with write scope.");

    // Who is acting, for the services: a write key acts as an Editor.
    public static Actor? ActorFor(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: SchemeName } && user.HasClaim(ScopeClaim, "write")
            ? new Actor(user.Identity.Name ?? "API key", null, Roles.Editor)
            : null;
}
