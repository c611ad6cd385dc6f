using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsCms.Accounts;
using NewsCms.ApiKeys;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// "Authorization: Bearer KEY" on /api requests. The admin's cookie is never read there.
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "newscms:api_scope";
    public const string WritePolicy = "api-write";
    public const string ReadPolicy = "api-read";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The API takes its key as \"Authorization: Bearer KEY\".");
        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is not valid, or it was revoked.");

        var scope = key.Scope == ApiKeyScope.Write ? "write" : "read";
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(ScopeClaim, scope),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers[HeaderNames.WWWAuthenticate] = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ApiProblems.WriteAsync(Context, ApiProblems.Create(Context, 401,
            failure ?? "This needs an API key with write scope, sent as \"Authorization: Bearer KEY\"."));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, ApiProblems.Create(Context, 403, "This API key can only read; writing needs a key with write scope."));
}

// Who is calling the API, as the services need to know it.
public static class ApiCaller
{
    public static bool HasKey(this ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName };

    // Any key reads drafts; anonymous callers read what readers read.
    public static bool CanReadDrafts(this ClaimsPrincipal user) => user.HasKey();

    public static int? ApiKeyId(this ClaimsPrincipal user) =>
        user.HasKey() && int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    // A write key does what an Editor can; revisions name the key.
    public static Actor ToApiActor(this ClaimsPrincipal user) =>
        new($"API key \"{user.Identity?.Name}\"", null, user.FindFirstValue(ApiKeyAuthenticationHandler.ScopeClaim) == "write" ? Roles.Editor : Roles.Writer);
}
