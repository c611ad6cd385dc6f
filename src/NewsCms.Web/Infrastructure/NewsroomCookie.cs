using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace NewsCms.Web.Infrastructure;

// The sign-in cookie is scoped to /admin, so public pages never see a session. This second cookie,
// set and cleared with it for the whole site, only tells the output cache that a journalist is
// reading: their pages are built fresh and never stored for readers. It grants nothing; a reader who
// forges it merely gets uncached pages.
public static class NewsroomCookie
{
    public const string Name = "newscms_newsroom";

    public static bool IsPresent(HttpRequest request) => request.Cookies.ContainsKey(Name);

    public static void Configure(IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var signedIn = o.Events.OnSignedIn;
            o.Events.OnSignedIn = context =>
            {
                context.Response.Cookies.Append(Name, "1", new CookieOptions
                {
                    Path = "/",
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                });
                return signedIn(context);
            };
            var signingOut = o.Events.OnSigningOut;
            o.Events.OnSigningOut = context =>
            {
                context.Response.Cookies.Delete(Name, new CookieOptions { Path = "/" });
                return signingOut(context);
            };
        });
}
