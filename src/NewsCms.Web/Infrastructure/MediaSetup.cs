using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

// Serves the media folder, and only names NewsCms itself gives files (content hash, optional
// rendition width, a known image extension): no path built from a request can leave the folder.
// A name is its content, so a response can be cached for a year.
public static partial class MediaSetup
{
    [GeneratedRegex(@"^[0-9a-f]{64}(-\d{2,4})?\.(jpg|png|webp|gif)$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaFileName();

    public static WebApplication MapNewsCmsMedia(this WebApplication app)
    {
        // HEAD too: CDNs and link checkers ask before they fetch.
        app.MapMethods("/media/{fileName}", [HttpMethods.Get, HttpMethods.Head], (string fileName, HttpContext context, IOptions<DataOptions> data) =>
        {
            if (!MediaFileName().IsMatch(fileName)) return Results.NotFound();
            var path = Path.Combine(data.Value.MediaDirectory, fileName);
            var file = new FileInfo(path);
            if (!file.Exists) return Results.NotFound();
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "public, max-age=31536000, immutable";
            var dot = fileName.LastIndexOf('.');
            return Results.File(path, ContentType(fileName[(dot + 1)..]),
                lastModified: file.LastWriteTimeUtc, entityTag: new EntityTagHeaderValue($"\"{fileName[..dot]}\""));
        }).ExcludeFromDescription();
        return app;
    }

    private static string ContentType(string extension) => extension switch
    {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        _ => "image/gif",
    };
}
