using NewsCms.Settings;

namespace NewsCms.Web.Infrastructure;

// Absolute URLs for canonical links, feeds and the API: the configured base URL when there is
// one (behind a proxy the request's own host may be internal), else the request's.
// Scoped: the request's base URL is worked out once per request, however many links a page has.
public sealed class SiteUrls(SiteSettingsService settings, IHttpContextAccessor http)
{
    private string? requestBase;

    public string BaseUrl
    {
        get
        {
            if (settings.Current.BaseUrl is { Length: > 0 } configured) return configured;
            var request = http.HttpContext?.Request;
            return request is null ? "http://localhost" : requestBase ??= $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    // A site path ("/2026/...") is the common case and needs no URL parsing.
    public string Absolute(string path) =>
        path.StartsWith('/') ? BaseUrl + path
        : Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? path
        : BaseUrl + "/" + path;

    public string? AbsoluteOrNull(string? path) => path is null ? null : Absolute(path);
}
