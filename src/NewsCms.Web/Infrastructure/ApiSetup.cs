using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NewsCms.ApiKeys;
using NewsCms.Articles;

namespace NewsCms.Web.Infrastructure;

// Bound from "NewsCms:Api".
public sealed class ApiOptions
{
    public ApiRateLimitOptions RateLimit { get; set; } = new();

    // The largest article (body and every answer at their limits) fits with room to spare.
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}

// Generous by default: a newsroom's own scripts should never meet them. Per key, and per client
// address for anonymous callers.
public sealed class ApiRateLimitOptions
{
    public int PermitsPerKey { get; set; } = 1200;
    public int PermitsPerAnonymousClient { get; set; } = 300;
    public int WindowSeconds { get; set; } = 60;
}

// The integrators' REST API under /api/v1: key authentication, problem details, rate limits
// and its OpenAPI document. The controllers are in Controllers/Api, the documents in Api/.
public static class ApiSetup
{
    public const string PathPrefix = "/api";
    public const string RateLimitPolicy = "api";

    public static WebApplicationBuilder AddNewsCmsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiOptions>(builder.Configuration.GetSection("NewsCms:Api"));
        services.AddScoped<ApiKeyService>();
        services.AddScoped<ArticleCatalog>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.ReadPolicy, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(ApiKeyAuthenticationHandler.WritePolicy, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "write"));

        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (ApiProblems.IsApi(c.HttpContext)) ApiProblems.Fill(c.ProblemDetails, c.HttpContext);
        });
        services.Configure<JsonOptions>(o =>
        {
            // Enums travel as camelCase words ("explainer"); a number or an unknown word is refused.
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // Keep the serializer's exception for ApiProblems to tell bad syntax (400) from a bad
            // value (422); its messages name .NET types and are not shown to clients.
            o.AllowInputFormatterExceptionMessages = false;
        });
        services.Configure<ApiBehaviorOptions>(o => o.InvalidModelStateResponseFactory = ApiProblems.FromModelState);

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
                var keyId = http.User.ApiKeyId();
                var partition = keyId is { } id ? $"key:{id}" : $"ip:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, keyId is null ? limits.PermitsPerAnonymousClient : limits.PermitsPerKey),
                    Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (ApiProblems.IsApi(http))
                    await ApiProblems.WriteAsync(http, ApiProblems.Create(http, 429, "Too many requests: wait for the time in Retry-After, then try again."));
            };
        });

        builder.AddNewsCmsOpenApi();
        return builder;
    }

    // Before the admin's authentication and the rate limiter: an API request is known by its key
    // from here on, and its errors are problem documents, not the readers' error pages.
    public static WebApplication UseNewsCmsApi(this WebApplication app)
    {
        app.UseWhen(ApiProblems.IsApi, api => api.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;

            var maxBody = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > maxBody)
            {
                await ApiProblems.WriteAsync(context, ApiProblems.Create(context, 413,
                    $"The request body is larger than the API accepts ({maxBody:N0} bytes)."));
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = maxBody;

            var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
            if (result.Succeeded) context.User = result.Principal;
            else if (result.Failure is not null)
            {
                await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
                return;
            }

            await next(context);

            // What routing and MVC answer without a body (no such address, wrong method).
            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
                await ApiProblems.WriteAsync(context, ApiProblems.Create(context, response.StatusCode));
        }));
        return app;
    }

    public static WebApplication MapNewsCmsApi(this WebApplication app)
    {
        app.MapNewsCmsOpenApi();
        return app;
    }

    public static JsonSerializerOptions Json(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
}
