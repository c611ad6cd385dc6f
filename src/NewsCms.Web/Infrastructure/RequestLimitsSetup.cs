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
            // A body without a declared length (chunked) is found too large only while the form is
            // read, inside antiforgery or model binding, which answer any unreadable form with 400:
            // the body says when it was the limit, and the answer becomes the same 413 page.
            LimitedBody? limited = null;
            if (context.Request.ContentLength is null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                context.Request.Body = limited = new LimitedBody(context.Request.Body, max);
            await next(context);
            if (limited is { Exceeded: true } && !context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
        }));
        return app;
    }

    // Counts what is read and refuses past the limit, as Kestrel does for a declared length.
    private sealed class LimitedBody(Stream inner, long max) : Stream
    {
        private long read;

        public bool Exceeded { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            read += n;
            if (read <= max) return n;
            Exceeded = true;
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
