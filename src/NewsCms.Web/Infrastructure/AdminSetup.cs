using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Previews;
using NewsCms.Revisions;

namespace NewsCms.Web.Infrastructure;

// Bound from "NewsCms:Admin".
public sealed class AdminOptions
{
    // The first admin account. Without a password one is generated and written to the log once.
    public string? Email { get; set; }
    public string? Password { get; set; }

    // Per client address, on top of the per-account lockout.
    public int LoginAttemptsPerMinute { get; set; } = 10;
}

// The journalists' admin: accounts, sign-in cookies and the services behind the admin pages.
public static class AdminSetup
{
    public const string LoginRateLimit = "admin-login";
    public const string DisplayNameClaim = "newscms:display_name";

    public static WebApplicationBuilder AddNewsCmsAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AdminOptions>(builder.Configuration.GetSection("NewsCms:Admin"));

        services.AddIdentity<NewsUser, IdentityRole>(o =>
            {
                // SECURITY.md: length, not composition; PasswordRules adds the maximum and the common list.
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<NewsCmsDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<NewsUserClaimsFactory>();

        // OWASP's figure for PBKDF2-HMAC-SHA512; Identity's default is 100,000.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        // A disabled account, a new role or a changed password ends sessions on the next request:
        // the admin is light traffic, so checking the stamp every time costs little.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        var development = builder.Environment.IsDevelopment();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/admin/login";
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = "/admin/denied";
            o.Cookie.Name = "newscms_admin";
            // Only the admin reads it: public pages stay cacheable and never see a session.
            o.Cookie.Path = "/admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "newscms_af";
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        // Keys under the data directory: sessions and antiforgery tokens survive a restart, and
        // every instance sharing the data directory reads the same keys.
        services.AddDataProtection().SetApplicationName("NewsCms");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<DataOptions>, ILoggerFactory>((o, data, logs) =>
                o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(data.Value.KeysDirectory), logs));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddScoped<AccountService>();
        services.AddScoped<ArticleListing>();
        services.AddScoped<RevisionHistory>();
        services.AddScoped<PreviewLinkService>();
        services.AddScoped<Areas.Admin.Models.ArticleEditorPages>();
        return builder;
    }

    public static WebApplication UseNewsCmsAdmin(this WebApplication app)
    {
        // Outside development the admin's cookies are Secure: over plain HTTP none could be set,
        // and antiforgery would fail every form with a 500. Such a request gets the reason instead.
        app.Use(async (context, next) =>
        {
            var secureOnly = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>()
                .Value.Cookie.SecurePolicy == CookieSecurePolicy.Always;
            if (secureOnly && !context.Request.IsHttps && context.Request.Path.StartsWithSegments("/admin"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(
                    "The NewsCms admin is served over HTTPS only. Open it with https://, or put NewsCms behind a TLS "
                    + "proxy and set NewsCms:TrustForwardedHeaders=true so the proxy's X-Forwarded-Proto is believed.",
                    context.RequestAborted);
                return;
            }
            await next();
        });
        // The API's key handler has already run (UseNewsCmsApi), so a key's requests are
        // counted against the key by the limiter.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    // Roles exist and someone can sign in. A generated password is logged this once only: the
    // next start finds the admin and says nothing.
    public static async Task PrepareAdminAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsCmsDbContext>();
        if (await AccountsReadyAsync(db, scope.ServiceProvider.GetRequiredService<ILookupNormalizer>(), ct)) return;
        var options = scope.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        CreatedUser? created;
        try
        {
            // Instances started together on one database create the roles and the first admin once:
            // the transaction queues them (IMMEDIATE on SQLite, the writer lock on PostgreSQL), and
            // the second finds the first one's admin. Without it both found none, and one instance
            // died at start on "Email is already taken".
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            created = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .EnsureFirstAdminAsync(options.Email, options.Password, ct);
            await transaction.CommitAsync(ct);
        }
        catch (ValidationFailedException e)
        {
            // A configured address or password the account rules refuse: say which, at start.
            var reasons = string.Join(" ", e.Errors.SelectMany(f => f.Value.Select(m => f.Key.Length > 0 ? $"{f.Key}: {m}" : m)));
            throw new InvalidOperationException($"The first admin account could not be created from NewsCms:Admin. {reasons}", e);
        }
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NewsCms.Admin");
        if (created?.GeneratedPassword is { } password)
            log.LogWarning("Created the first admin account {Email} with the password {Password}. It is shown only this once: sign in at /admin/login and change it.",
                created.User.Email, password);
        else if (created is not null)
            log.LogInformation("Created the first admin account {Email} from configuration.", created.User.Email);
    }

    // Every start after the first: the roles and an admin are there. One untracked read says so;
    // Identity's managers, their tracked entities and the write lock cost a start about 100 ms.
    private static async Task<bool> AccountsReadyAsync(NewsCmsDbContext db, ILookupNormalizer normalizer, CancellationToken ct)
    {
        var wanted = Roles.All.Select(r => normalizer.NormalizeName(r)).ToList();
        var admin = normalizer.NormalizeName(Roles.Admin);
        var found = await db.Roles.AsNoTracking()
            .Where(r => wanted.Contains(r.NormalizedName!))
            .Select(r => new { r.NormalizedName, HasMembers = r.NormalizedName == admin && db.UserRoles.Any(ur => ur.RoleId == r.Id) })
            .ToListAsync(ct);
        return found.Count == wanted.Count && found.Any(r => r.HasMembers);
    }

    // The signed-in journalist as the services know them: name for revisions, id for ownership,
    // the highest role for permissions.
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "unknown",
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        AccountService.HighestRole(user.FindAll(ClaimTypes.Role).Select(c => c.Value)));
}

// Adds the display name, so revisions say "Mara Ellison" rather than an email address.
public sealed class NewsUserClaimsFactory(UserManager<NewsUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<NewsUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(NewsUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AdminSetup.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
