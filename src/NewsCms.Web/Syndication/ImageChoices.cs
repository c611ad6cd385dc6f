using NewsCms.Media;

namespace NewsCms.Web.Syndication;

public sealed record ImageFile(string Url, int Width, int Height, string? ContentType);

// Which file of a photo goes where. Renditions are used when the media library has made them;
// until then (or for a photo whose file is still awaited) the original stands in, or nothing.
public static class ImageChoices
{
    // Social cards show about 1200 pixels wide; bigger files only cost the reader.
    private const int SocialWidth = 1600;

    // Google asks for images of at least 50,000 pixels in structured data.
    private const int MinStructuredDataPixels = 50_000;

    public static ImageFile? ForSocialCard(MediaView media)
    {
        var renditions = Shareable(media).ToList();
        var pick = renditions.Where(r => r.Width <= SocialWidth).MaxBy(r => r.Width) ?? renditions.MinBy(r => r.Width);
        return pick is not null ? ToFile(pick) : Original(media);
    }

    // One file per aspect ratio (16:9, 4:3, 1:1 where the library made them), the largest of each.
    public static IReadOnlyList<ImageFile> ForStructuredData(MediaView media)
    {
        var picks = Shareable(media)
            .Where(r => (long)r.Width * r.Height >= MinStructuredDataPixels)
            .GroupBy(r => Math.Round((double)r.Width / Math.Max(1, r.Height), 2))
            .Select(g => g.MaxBy(r => r.Width)!)
            .OrderByDescending(r => (double)r.Width / Math.Max(1, r.Height))
            .Select(ToFile)
            .ToList();
        if (picks.Count > 0) return picks;
        return Original(media) is { } original ? [original] : [];
    }

    // For feeds: the largest JPEG (every reader shows it), else the original.
    public static ImageFile? ForFeed(MediaView media) =>
        Shareable(media).MaxBy(r => r.Width) is { } r ? ToFile(r) : Original(media);

    // WebP still trips some social crawlers and feed readers; JPEG and PNG go everywhere.
    private static IEnumerable<RenditionView> Shareable(MediaView media) =>
        media.HasFile ? media.Renditions.Where(r => r.Format is "jpeg" or "jpg" or "png") : [];

    private static ImageFile ToFile(RenditionView r) =>
        new(r.Url, r.Width, r.Height, r.Format == "png" ? "image/png" : "image/jpeg");

    private static ImageFile? Original(MediaView media) =>
        media is { HasFile: true, Url: { } url } ? new ImageFile(url, media.Width, media.Height, media.ContentType) : null;
}
