namespace NewsCms.Web.Infrastructure;

public static class WebSetup
{
    public static WebApplicationBuilder AddNewsCmsWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews();
        builder.Services.AddProblemDetails();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<SiteUrls>();
        builder.AddNewsCmsHealth();
        return builder;
    }

    public static WebApplication UseNewsCms(this WebApplication app)
    {
        // Readers get the site's own error pages; a stack trace never leaves the server.
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseNewsCmsCaching();
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapNewsCmsRoutes(this WebApplication app)
    {
        app.MapNewsCmsHealth();
        app.MapControllers();
        return app;
    }
}
