using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using NewsCms.Api;

namespace NewsCms.Web.Infrastructure;

// Bound from "NewsCms:Api".
public sealed class ApiOptions
{
    // Large enough for a long explainer with many answers; anything bigger is refused with 413.
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    public ApiRateLimitOptions RateLimit { get; set; } = new();
}

// Bound from "NewsCms:Api:RateLimit": requests per window, per API key or per anonymous client IP.
public sealed class ApiRateLimitOptions
{
    public int KeyPermits { get; set; } = 600;
    public int AnonymousPermits { get; set; } = 120;
    public int WindowSeconds { get; set; } = 60;
}

// The integrators' REST API under /api/v1: JSON shape, problem details, keys, limits, OpenAPI.
public static class ApiSetup
{
    public const string ReadPolicy = "api-read";
    public const string ReaderKeyPolicy = "api-reader-key";
    public const string WritePolicy = "api-write";
    public const string RateLimitPolicy = "api";

    public static WebApplicationBuilder AddNewsCmsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("NewsCms:Api");
        services.Configure<ApiOptions>(section);
        services.AddScoped<ApiKeyService>();
        services.AddScoped<NewsCms.Articles.ArticleCatalog>();
        services.AddScoped<NewsCms.Revisions.RevisionHistory>();

        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o =>
        {
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // {"headline":"a","headline":"b"} is ambiguous (RFC 8259 leaves it to the reader): refused, not guessed.
            o.JsonSerializerOptions.AllowDuplicateProperties = false;
            // The reader's exception text names .NET types; clients get the field and a plain message.
            o.AllowInputFormatterExceptionMessages = false;
        });
        services.Configure<ApiBehaviorOptions>(o => o.InvalidModelStateResponseFactory = ApiProblems.FromModelState);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Anyone may read published content; a key that is sent must be valid.
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true
                    || c.Resource is HttpContext { Request.Headers.Authorization.Count: 0 }))
            .AddPolicy(ReaderKeyPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, "write"));

        var limits = section.GetSection("RateLimit").Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                // The admin's login limit shares this limiter: its 429 is a page, not JSON.
                if (!ApiProblems.IsApi(context.HttpContext)) return;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(limits.WindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context.HttpContext, 429,
                    $"Slow down: try again in {context.HttpContext.Response.Headers.RetryAfter} seconds.");
            };
            o.AddPolicy(RateLimitPolicy, context =>
            {
                // A valid key has its own allowance; everyone else shares by address. An invalid
                // key counts against the address, so made-up keys buy no extra requests.
                var keyId = context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value;
                var (partition, permits) = keyId is not null
                    ? ("key:" + keyId, limits.KeyPermits)
                    : ("ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None), limits.AnonymousPermits);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits),
                    Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
                    QueueLimit = 0,
                });
            });
        });

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NewsCms API",
                Version = "v1",
                Description = "Articles, media, tags and authors, with the same rules as the admin. Read published content " +
                    "anonymously; send an API key as \"Authorization: Bearer KEY\" to read drafts (read scope) or write (write scope).",
            });
            o.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
            o.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "NewsCms.Web.xml"), includeControllerXmlComments: true);
            o.SupportNonNullableReferenceTypes();
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key created by an admin (or with `api-keys create`).",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
        });
        return builder;
    }

    // After UseRouting: endpoint metadata (policies, rate limits) is known from here on.
    public static WebApplication UseNewsCmsApi(this WebApplication app)
    {
        app.UseMiddleware<ApiStatusProblems>();
        app.UseWhen(ApiProblems.IsApi, api => api.Use(async (context, next) =>
        {
            // An endpoint may take more (an image upload); its [RequestSizeLimit] says how much.
            var max = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MaxBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max;
            if (context.Request.ContentLength > max)
            {
                await ApiProblems.WriteAsync(context, 413, $"The body is {context.Request.ContentLength:N0} bytes; the API accepts at most {max:N0}.");
                return;
            }
            // Known before the rate limiter runs, so a key's requests count against the key.
            var result = await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
            if (result.Succeeded) context.User = result.Principal;
            await next(context);
        }));
        // Authentication, the rate limiter and authorisation run once, for the API and the admin
        // alike, in UseNewsCmsAdmin (which comes next).
        // Only /swagger requests enter Swashbuckle: its middleware asks the container for a new
        // document generator on every request it sees, which for a page meant building one (and,
        // on the first request, reading the XML docs and loading the OpenAPI model) for nothing.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "swagger";
                o.SwaggerEndpoint("/swagger/v1/swagger.json", "NewsCms API v1");
                o.DocumentTitle = "NewsCms API";
            });
        });
        return app;
    }
}
