using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NewsCms.Common;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

// What every API controller shares: JSON only, problem details on error, the read policy, the
// rate limit, and conditional requests (ETag / If-None-Match / If-Match).
[ApiController]
[Authorize(Policy = ApiSetup.ReadPolicy)]
[EnableRateLimiting(ApiSetup.RateLimitPolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    // A valid key of either scope reads drafts too; anonymous callers see what readers see.
    protected bool CanReadUnpublished => User.Identity?.IsAuthenticated == true;

    // Write endpoints carry the write policy, so a missing actor here is a bug, answered as 403.
    protected Actor Writer => ApiKeyAuthentication.ActorFor(User) ?? throw new ForbiddenException("Writing needs an API key with write scope.");

    protected static string VersionTag(int version) => string.Create(CultureInfo.InvariantCulture, $"W/\"{version}\"");

    // 200 with the body and its ETag, or 304 when the client already has this version.
    protected IActionResult Conditional<T>(T body, string? etag = null)
    {
        etag ??= ContentTag(body);
        Response.Headers.ETag = etag;
        if (EntityTags.NoneMatch(Request.Headers.IfNoneMatch.ToString(), etag))
            return StatusCode(StatusCodes.Status304NotModified);
        return Ok(body);
    }

    // The version a write is based on: If-Match wins over the body's "version". Null when the
    // client sent neither. An If-Match that names no version can never match: 412.
    protected int? ExpectedVersion(int? bodyVersion)
    {
        var sent = Request.Headers.IfMatch.ToString().Trim();
        if (sent.Length == 0 || sent == "*") return bodyVersion;
        if (int.TryParse(EntityTags.Opaque(sent), NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;
        throw new PreconditionFailedException();
    }

    // What is wrong with a list's paging parameters, for a 400 (with the list's own checks added).
    protected static ValidationErrors PagingErrors(int limit, int maxLimit, string? after)
    {
        var errors = new ValidationErrors();
        if (limit < 1 || limit > maxLimit) errors.Add("limit", $"The limit is between 1 and {maxLimit}.");
        if (after is not null && !Cursor.TryDecode(after, out _)) errors.Add("after", "The cursor is not one this API gave out; start again without it.");
        return errors;
    }

    // A page of a list, with its ETag and the absolute link to the next page.
    protected IActionResult ConditionalPage<TView, TDto>(NewsCms.Articles.PagedList<TView> page, Func<TView, TDto> map) =>
        Conditional(new PageDto<TDto> { Items = page.Items.Select(map).ToList(), Next = NextLink(page.Next), Limit = page.Limit });

    // The absolute address of the next page: this request's address with the new cursor.
    protected string? NextLink(string? cursor)
    {
        if (cursor is null) return null;
        var query = Request.Query.Where(q => q.Key != "after").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("after", (string?)cursor));
        var urls = HttpContext.RequestServices.GetRequiredService<SiteUrls>();
        return urls.Absolute(Request.Path + QueryString.Create(query).ToUriComponent());
    }

    // For resources without a version: an If-Match must name the ETag the current body has.
    protected void RequireCurrent<T>(T current)
    {
        var sent = Request.Headers.IfMatch.ToString().Trim();
        if (sent.Length == 0 || sent == "*") return;
        var tag = EntityTags.Opaque(ContentTag(current));
        if (!sent.Split(',').Any(t => EntityTags.Opaque(t.Trim()) == tag)) throw new PreconditionFailedException();
    }

    // JSON Merge Patch of the body (read again: "absent" and "null" differ) over the current
    // resource, in the shape the client writes it. The action needs [RereadableBody].
    protected async Task<T> MergePatchAsync<T>(T current, CancellationToken ct)
    {
        Request.Body.Position = 0;
        var raw = await JsonNode.ParseAsync(Request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: ct) as JsonObject
            ?? throw new JsonException("A merge patch is a JSON object.", "$", null, null);
        var json = JsonOptions;
        var document = JsonSerializer.SerializeToNode(current, json)!.AsObject();
        MergePatch.Apply(document, raw);
        return document.Deserialize<T>(json) ?? throw new JsonException("A merge patch is a JSON object.", "$", null, null);
    }

    private JsonSerializerOptions JsonOptions => HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;

    private string ContentTag<T>(T body)
    {
        var json = JsonOptions;
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
    }
}

// An If-Match that cannot name a version of anything.
public sealed class PreconditionFailedException() : DomainException("The If-Match header names no version of this resource.");
