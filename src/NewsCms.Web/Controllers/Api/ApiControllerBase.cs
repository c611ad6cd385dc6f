using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsCms.Common;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

// What every API controller shares: JSON in and out, the rate limit, entity tags on reads, and
// the caller as the services know it. Errors are thrown and answered by ApiExceptionHandler.
[ApiController]
[Produces("application/json")]
[EnableRateLimiting(ApiSetup.RateLimitPolicy)]
public abstract class ApiControllerBase : ControllerBase
{
    protected SiteUrls Urls => HttpContext.RequestServices.GetRequiredService<SiteUrls>();

    protected Actor Caller => User.ToApiActor();

    protected bool CanReadDrafts => User.CanReadDrafts();

    // The version an If-Match header names, else the one in the body.
    protected int? ExpectedVersion(int? fromBody) => EntityTags.IfMatchVersion(Request) ?? fromBody;

    protected static T Require<T>(T? body) where T : class =>
        body ?? throw new ApiRequestException(400, "A JSON body is required.");

    // A document with its entity tag; 304 when the client already has it.
    protected ActionResult Tagged<T>(T value, int? version = null, int status = StatusCodes.Status200OK, string? location = null) =>
        new TaggedJsonResult<T>(value, version, status, location);

    // For resources without a version: If-Match must name the document as it is now.
    protected void EnsureIfMatch<T>(T current)
    {
        if (EntityTags.IfMatchFails(Request, TaggedJsonResult<T>.ETagOf(current, HttpContext)))
            throw new ApiRequestException(StatusCodes.Status412PreconditionFailed, "It changed since the version named in If-Match: read it again.");
    }
}

public sealed class TaggedJsonResult<T>(T value, int? version, int status, string? location) : ActionResult
{
    public static byte[] Serialize(T value, HttpContext context) => JsonSerializer.SerializeToUtf8Bytes(value, ApiSetup.Json(context));

    public static string ETagOf(T value, HttpContext context) => EntityTags.For(Serialize(value, context), null);

    public override async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var body = Serialize(value, http);
        var etag = EntityTags.For(body, version);
        var response = http.Response;
        response.Headers.ETag = etag;
        // Anonymous and keyed callers can see different documents at one address.
        response.Headers.Vary = "Authorization";
        response.Headers.CacheControl = "no-cache";
        if (location is not null) response.Headers.Location = location;
        if (status == StatusCodes.Status200OK && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && EntityTags.NoneMatch(http.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await response.Body.WriteAsync(body, http.RequestAborted);
    }
}
