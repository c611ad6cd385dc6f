using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsCms.Caching;
using NewsCms.Web.Api;

namespace NewsCms.Web.Infrastructure;

// API reads, compressed and, when anonymous, shared.
// - Anonymous reads (published articles, tags, authors, photos) are answered from the output-cache
//   store, filed under CacheTags.Api, which every content change evicts. It runs after the rate
//   limiter, so a cached answer still counts against the caller's allowance, and it is a middleware
//   of its own rather than an output-cache policy because ASP.NET Core allows one output-cache
//   middleware per app and that one runs before the rate limiter. Callers with a key (drafts, their
//   own limits) are never served from it.
// - JSON bodies are Brotli- or gzip-compressed when the client accepts it: once per cache entry
//   (one entry per encoding) for anonymous reads, quickly per request for keyed ones. An API key is
//   sent by its client, never by a browser on its own, so a compression side channel (BREACH) has
//   nothing to work with. The ETag stays the representation's version whatever the encoding, as
//   If-Match on a later write compares it; Vary: Accept-Encoding keeps caches from mixing them.
public sealed class ApiReadCache(RequestDelegate next, IOutputCacheStore store, IOptionsMonitor<OutputCacheSettings> settings)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    // Below this a compressed body saves less than its headers and the work cost.
    private const int SmallestCompressed = 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !ApiProblems.IsApi(context))
        {
            await next(context);
            return;
        }

        var encoding = CachingSetup.ChosenEncoding(request);
        var shared = settings.CurrentValue.Enabled && request.Headers.Authorization.Count == 0
            && context.User.Identity?.IsAuthenticated != true;
        var key = shared ? $"api:{encoding}:{request.Path.Value}{request.QueryString.Value}" : null;
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (key is not null && await store.GetAsync(key, context.RequestAborted) is { } stored)
        {
            await ServeAsync(context, Entry.Read(stored));
            return;
        }
        if (key is null && encoding == "identity")
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new PooledBuffer();
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
            var body = buffer.WrittenMemory;
            var entry = new Entry(response.ContentType ?? "application/json", response.Headers.ETag.ToString(), "identity", body);
            if (encoding != "identity" && body.Length >= SmallestCompressed && IsJson(entry.ContentType))
                entry = entry with { Encoding = encoding, Body = Compress(body, encoding, key is null ? CompressionLevel.Fastest : CompressionLevel.Optimal) };
            if (key is not null)
                await store.SetAsync(key, entry.Write(), [CacheTags.Api], Lifetime, context.RequestAborted);
            await ServeAsync(context, entry);
            return;
        }
        // An empty error answer stays unstarted, so ApiStatusProblems can still write its problem.
        if (buffer.Length > 0) await original.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static byte[] Compress(ReadOnlyMemory<byte> body, string encoding, CompressionLevel level)
    {
        using var compressed = new MemoryStream(body.Length / 4);
        using (Stream stream = encoding == "br" ? new BrotliStream(compressed, level, leaveOpen: true) : new GZipStream(compressed, level, leaveOpen: true))
            stream.Write(body.Span);
        return compressed.ToArray();
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
        if (entry.Encoding != "identity") response.Headers.ContentEncoding = entry.Encoding;
        response.ContentLength = entry.Body.Length;
        await response.Body.WriteAsync(entry.Body, context.RequestAborted);
    }

    // The body is served from the stored array itself: an API list is about 170 KB, and a copy per
    // hit was a large-object allocation per request (700 MB/s at the list's 4,000 requests/s).
    private sealed record Entry(string ContentType, string ETag, string Encoding, ReadOnlyMemory<byte> Body)
    {
        public byte[] Write()
        {
            using var stream = new MemoryStream(Body.Length + 128);
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(ContentType);
                writer.Write(ETag);
                writer.Write(Encoding);
                writer.Write(Body.Length);
                writer.Write(Body.Span);
            }
            return stream.ToArray();
        }

        public static Entry Read(byte[] bytes)
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), System.Text.Encoding.UTF8);
            var contentType = reader.ReadString();
            var etag = reader.ReadString();
            var encoding = reader.ReadString();
            var length = reader.ReadInt32();
            return new Entry(contentType, etag, encoding, bytes.AsMemory((int)reader.BaseStream.Position, length));
        }
    }
}
