using System.Globalization;
using NewsCms.Media;

namespace NewsCms.Web.Infrastructure;

// srcset lists built from an image's renditions: WebP for browsers that take it, JPEG for the rest.
public sealed record ResponsiveImage(string Src, string? WebpSrcset, string? FallbackSrcset, int Width, int Height)
{
    // src (for browsers without srcset) is the largest JPEG rendition, or with srcWidth the
    // smallest one at least that wide: a teaser needs no 1600-pixel fallback.
    public static ResponsiveImage? From(string? originalUrl, int width, int height, IReadOnlyList<RenditionView> renditions, int? srcWidth = null)
    {
        if (originalUrl is null) return null;
        string? Srcset(string format) => renditions.Where(r => r.Format == format).OrderBy(r => r.Width).ToList() switch
        {
            { Count: 0 } => null,
            var list => string.Join(", ", list.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Url} {r.Width}w"))),
        };
        var jpegs = renditions.Where(r => r.Format == "jpeg").OrderBy(r => r.Width).ToList();
        var fallback = jpegs.FirstOrDefault(r => r.Width >= srcWidth) ?? jpegs.LastOrDefault();
        return new ResponsiveImage(fallback?.Url ?? originalUrl, Srcset("webp"), Srcset("jpeg"), width, height);
    }

    public static ResponsiveImage? From(MediaView media) => From(media.Url, media.Width, media.Height, media.Renditions);
}
