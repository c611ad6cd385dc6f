using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace NewsCms.Web.Infrastructure;

// Bound from "NewsCms:Admin:Limits".
public sealed class AdminRequestLimits
{
    // The largest article the rules allow (a 200,000-character body and a hundred 50,000-character
    // answers) as a form, with room for encoding; anything bigger is not a journalist's save.
    public long MaxFormBytes { get; set; } = 16 * 1024 * 1024;
}

// The admin's forms get a body limit of their own (the API sets its own in ApiSetup), answered
// with 413 and the site's "too large" page before any form is read; an action with a
// [RequestSizeLimit] of its own answers its own way (the upload form keeps its fields).
public static class RequestLimitsSetup
{
    public static WebApplicationBuilder AddNewsCmsRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AdminRequestLimits>(builder.Configuration.GetSection("NewsCms:Admin:Limits"));
        // Form reading's own limits follow: one value may be as long as the whole body allows.
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<AdminRequestLimits>>((form, limits) =>
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, limits.Value.MaxFormBytes));
        return builder;
    }

    public static WebApplication UseNewsCmsRequestLimits(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/admin"), admin => admin.Use(async (context, next) =>
        {
            // An action that declares its own limit (the media library's uploads) sets and answers it.
            if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null)
            {
                await next(context);
                return;
            }
            var max = context.RequestServices.GetRequiredService<IOptions<AdminRequestLimits>>().Value.MaxFormBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max;
            if (context.Request.ContentLength > max)
            {
                // An empty 413: the status code pages show the site's "too large" page.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await next(context);
        }));
        return app;
    }
}
