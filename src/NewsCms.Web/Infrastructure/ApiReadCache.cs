using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsCms.Caching;
using NewsCms.Web.Api;

namespace NewsCms.Web.Infrastructure;

// Anonymous API reads (published articles, tags, authors, photos) answered from the output-cache
// store, filed under CacheTags.Api, which every content change evicts. It runs after the rate
// limiter, so a cached answer still counts against the caller's allowance, and it is a middleware
// of its own rather than an output-cache policy because ASP.NET Core allows one output-cache
// middleware per app and that one runs before the rate limiter. Callers with a key (drafts,
// their own limits) are never served from it.
public sealed class ApiReadCache(RequestDelegate next, IOutputCacheStore store, IOptionsMonitor<OutputCacheSettings> settings)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!settings.CurrentValue.Enabled || !HttpMethods.IsGet(request.Method) || request.Headers.Authorization.Count > 0
            || context.User.Identity?.IsAuthenticated == true || !ApiProblems.IsApi(context))
        {
            await next(context);
            return;
        }

        var key = "api:" + request.Path.Value + request.QueryString.Value;
        if (await store.GetAsync(key, context.RequestAborted) is { } stored)
        {
            await ServeAsync(context, Entry.Read(stored));
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            var entry = new Entry(response.ContentType ?? "application/json", response.Headers.ETag.ToString(), buffer.ToArray());
            await store.SetAsync(key, entry.Write(), [CacheTags.Api], Lifetime, context.RequestAborted);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // The validators work from the cache as from the controller: a matching If-None-Match is a 304.
    private static async Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        if (entry.ETag.Length > 0)
        {
            response.Headers.ETag = entry.ETag;
            if (EntityTags.NoneMatch(context.Request.Headers.IfNoneMatch.ToString(), entry.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = entry.ContentType;
        response.ContentLength = entry.Body.Length;
        await response.Body.WriteAsync(entry.Body, context.RequestAborted);
    }

    private sealed record Entry(string ContentType, string ETag, byte[] Body)
    {
        public byte[] Write()
        {
            using var stream = new MemoryStream(Body.Length + 128);
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(ContentType);
                writer.Write(ETag);
                writer.Write(Body.Length);
                writer.Write(Body);
            }
            return stream.ToArray();
        }

        public static Entry Read(byte[] bytes)
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var contentType = reader.ReadString();
            var etag = reader.ReadString();
            return new Entry(contentType, etag, reader.ReadBytes(reader.ReadInt32()));
        }
    }
}
