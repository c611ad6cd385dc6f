using NewsCms.Settings;

namespace NewsCms.Web.Infrastructure;

// Absolute URLs for canonical links, feeds and the API: the configured base URL when there is
// one (behind a proxy the request's own host may be internal), else the request's.
public sealed class SiteUrls(SiteSettingsService settings, IHttpContextAccessor http)
{
    public string BaseUrl
    {
        get
        {
            if (settings.Current.BaseUrl is { Length: > 0 } configured) return configured;
            var request = http.HttpContext?.Request;
            return request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Absolute(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? path
            : BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    public string? AbsoluteOrNull(string? path) => path is null ? null : Absolute(path);
}
