using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;
using NewsCms.Articles;
using NewsCms.Caching;
using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

// Bound from "NewsCms:OutputCache". Off, every page is built per request (the benchmark measures both).
public sealed class OutputCacheSettings
{
    public bool Enabled { get; set; } = true;

    // A Redis connection string ("host:6379,password=..."): several instances then share one cache,
    // and an eviction by any of them reaches all. Empty: each instance keeps its own in memory.
    public string? Redis { get; set; }
}

// Public pages served from the output cache, evicted by tag when what they show changes;
// validators (ETag, Last-Modified, 304) and compression computed once per cached entry.
public static class CachingSetup
{
    public static WebApplicationBuilder AddNewsCmsCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("NewsCms:OutputCache");
        services.Configure<OutputCacheSettings>(section);
        if (section.Get<OutputCacheSettings>()?.Redis is { Length: > 0 } redis)
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "newscms:";
            });
        services.AddOutputCache(o =>
        {
            // Eviction is exact, so entries may live long. Any article change may change any list or
            // search result; search keeps a short life too, as every reader's query is its own entry.
            o.AddPolicy(PublicPagePolicy.Pages, new PublicPagePolicy(TimeSpan.FromMinutes(10), CacheTags.Articles));
            o.AddPolicy(PublicPagePolicy.Article, new PublicPagePolicy(TimeSpan.FromMinutes(10)));
            o.AddPolicy(PublicPagePolicy.Search, new PublicPagePolicy(TimeSpan.FromMinutes(1), CacheTags.Articles));
        });
        services.AddSingleton<ICacheEvictor, OutputCacheEvictor>();
        services.AddScoped<ArticlePageSnapshots>();
        services.AddScoped<IArticleChangeHandler, CachedPageEviction>();
        services.ConfigureDbContext<NewsCmsDbContext>((s, o) => o.AddInterceptors(new ShownContentEviction(s.GetRequiredService<ICacheEvictor>())));
        NewsroomCookie.Configure(services);

        services.AddResponseCompression(o =>
        {
            // Only public pages reach this (see UseNewsCmsCaching): they hold no secret a
            // compression side channel (BREACH) could reveal.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/rss+xml", "application/atom+xml", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

        services.Configure<StaticFileOptions>(o => o.OnPrepareResponse = file =>
        {
            // asp-append-version adds ?v=<hash>: that URL's content never changes.
            file.Context.Response.Headers.CacheControl = file.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=3600";
        });
        return builder;
    }

    // After routing (policies come from endpoint metadata). The cache sits outside compression and
    // the validators, so it stores compressed bytes with their ETag, one entry per encoding.
    public static WebApplication UseNewsCmsCaching(this WebApplication app)
    {
        app.UseOutputCache();
        // Only public pages and feeds (endpoints with a cache policy): static files are fingerprinted
        // and cached by browsers and CDNs, and nothing private is ever compressed.
        app.UseWhen(c => c.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null, branch =>
        {
            branch.UseMiddleware<PageValidators>();
            branch.UseResponseCompression();
        });
        return app;
    }

    // Last before the endpoints: after the API key, the rate limiter and authorisation.
    public static WebApplication UseNewsCmsApiReadCache(this WebApplication app)
    {
        app.UseMiddleware<ApiReadCache>();
        return app;
    }

    // Files the page being built under the given tags (a no-op when it is not being cached).
    public static void TagCachedPage(this HttpContext context, IEnumerable<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is not { } cache) return;
        foreach (var tag in tags) cache.Tags.Add(tag);
    }

    // The encoding ResponseCompression will choose for this request: the cache keeps one entry each.
    internal static string ChosenEncoding(HttpRequest request)
    {
        var best = "identity";
        var bestQuality = 0.0;
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            var name = value.Value.Value;
            var quality = value.Quality ?? 1.0;
            if (name is not ("br" or "gzip" or "*") || quality <= 0) continue;
            var candidate = name == "*" ? "br" : name!;
            // Equal quality: Brotli first, as ResponseCompression orders its providers.
            if (quality > bestQuality || (quality == bestQuality && candidate == "br"))
                (best, bestQuality) = (candidate, quality);
        }
        return best;
    }
}

// Drops output cache entries by tag; on a store shared by several instances it reaches them all.
public sealed class OutputCacheEvictor(IOutputCacheStore store) : ICacheEvictor
{
    public async Task EvictAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        foreach (var tag in tags)
            await store.EvictByTagAsync(tag, ct);
    }
}

// Anonymous GET/HEAD of a public page: cached under the site tag (and any base tag), keyed by the
// query keys that change the page and by the encoding. Journalists and cookie-setting responses
// are never cached.
public sealed class PublicPagePolicy(TimeSpan duration, params string[] baseTags) : IOutputCachePolicy
{
    public const string Pages = "public-pages";
    public const string Article = "article-page";
    public const string Search = "search-page";

    private static readonly string[] QueryKeys = ["after", "page", "q"];

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var enabled = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OutputCacheSettings>>().CurrentValue.Enabled;
        var cacheable = enabled
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && !NewsroomCookie.IsPresent(http.Request);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // A burst of readers on a just-evicted page waits for one render instead of running many.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = QueryKeys;
        context.CacheVaryByRules.VaryByValues["encoding"] = CachingSetup.ChosenEncoding(http.Request);
        context.Tags.Add(CacheTags.Site);
        foreach (var tag in baseTags) context.Tags.Add(tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A response that sets a cookie belongs to one reader; only complete 200s are shared.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
