using System.IO.Hashing;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace NewsCms.Web.Infrastructure;

// For public pages and feeds (endpoints with an output cache policy): buffers the finished,
// compressed body, gives it a strong ETag from its hash, Last-Modified and a Cache-Control a CDN
// can honour, and answers a matching If-None-Match with 304. Sitting inside the output cache, it
// runs once per cache entry; the cache answers later conditional requests from the stored headers.
public sealed class PageValidators(RequestDelegate next, TimeProvider clock)
{
    // Short: a CDN cannot be reached by eviction, so it may lag a publish by this much at most.
    public const string PublicCacheControl = "public, max-age=60, stale-while-revalidate=30";
    public const string PrivateCacheControl = "private, no-cache";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is null)
        {
            await next(context);
            return;
        }

        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new PooledBuffer();
        var buffered = new BufferedBody(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context);
            await buffered.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            // XXH128: an ETag only has to change with the bytes, and this one is hashed on every
            // page the cache does not hold; SHA-256 took several percent of such a page's time.
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(XxHash128.Hash(buffer.WrittenSpan))}\"");
            var headers = response.GetTypedHeaders();
            headers.ETag = etag;
            headers.LastModified ??= clock.GetUtcNow();
            response.Headers.CacheControl = NewsroomCookie.IsPresent(request) ? PrivateCacheControl : PublicCacheControl;
            if (request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Equals(EntityTagHeaderValue.Any) || m.Compare(etag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentLength);
                return;
            }
        }
        // An empty error answer stays without a length, so the status code pages can fill it.
        if (buffer.Length == 0 && response.StatusCode != StatusCodes.Status200OK) return;
        response.ContentLength = buffer.Length;
        if (HttpMethods.IsHead(request.Method)) return;
        if (buffer.Length > 0) await original.Writer.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    // Holds the whole body so its hash can go into the headers before they are sent.
    private sealed class BufferedBody(PooledBuffer buffer) : IHttpResponseBodyFeature
    {
        private PipeWriter? writer;

        public Stream Stream => buffer;
        public PipeWriter Writer => writer ??= PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));

        public void DisableBuffering() { }
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            SendFileFallback.SendFileAsync(buffer, path, offset, count, cancellationToken);
        public async Task CompleteAsync()
        {
            if (writer is not null) await writer.FlushAsync();
        }
    }
}
