using Microsoft.AspNetCore.HttpOverrides;

namespace NewsCms.Web.Infrastructure;

public static class WebSetup
{
    public static WebApplicationBuilder AddNewsCmsWeb(this WebApplicationBuilder builder)
    {
        // On SIGTERM Kestrel stops accepting, then in-flight requests and the scheduler's current
        // run get this long to finish before the process exits.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddControllersWithViews();
        builder.Services.AddProblemDetails();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<SiteUrls>();
        builder.AddNewsCmsHealth();
        return builder;
    }

    public static WebApplication UseNewsCms(this WebApplication app)
    {
        // Behind a TLS proxy (NewsCms:TrustForwardedHeaders=true) the request's scheme and client
        // address are the proxy's X-Forwarded-Proto and -For; only turn it on where a proxy sets them.
        if (app.Configuration.GetValue<bool>("NewsCms:TrustForwardedHeaders"))
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        // Readers get the site's own error pages; a stack trace never leaves the server.
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseNewsCmsPreparation();
        app.UseNewsCmsCaching();
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapNewsCmsRoutes(this WebApplication app)
    {
        app.MapNewsCmsHealth();
        app.MapNewsCmsMedia();
        app.MapControllers();
        return app;
    }
}
