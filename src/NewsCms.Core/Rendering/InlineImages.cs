using System.Globalization;
using System.Net;
using System.Text;
using NewsCms.Media;

namespace NewsCms.Rendering;

public sealed record InlineImageReference(int MediaId, string? Alt, string? Caption);

// A library image in Markdown is written `![alt](media:42 "caption")`. The renderer stores it as
// `<!--media:42|alt|caption-->` (alt and caption URL-escaped, so no "-->" can hide inside) and the
// page builds the figure from the library, so a credit edit or a new rendition shows without
// re-rendering the articles that use the image.
public static class InlineImages
{
    private const string Kind = "media";
    public const string Scheme = "media:";

    // What the public article column is wide: the same for the lead image and images in the body.
    public const string Sizes = "(min-width: 50rem) 46rem, 100vw";

    public static bool TryParseSource(string? src, out int id)
    {
        id = 0;
        return src is not null && src.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && src.Length - Scheme.Length is > 0 and < 10
            && src.AsSpan(Scheme.Length).IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(src.AsSpan(Scheme.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }

    public static string MarkerText(int id, string? alt, string? caption) => CommentMarkers.Text(Kind,
        string.Join('|', id.ToString(CultureInfo.InvariantCulture), Uri.EscapeDataString(alt ?? ""), Uri.EscapeDataString(caption ?? "")));

    // What stored HTML that shows image id contains: for finding where an image is used.
    public static string MarkerPrefix(int id) => "<!--" + CommentMarkers.Text(Kind, id.ToString(CultureInfo.InvariantCulture)) + "|";

    public static IReadOnlyList<InlineImageReference> References(string? html) =>
        CommentMarkers.Payloads(html, Kind).Select(Parse).OfType<InlineImageReference>().ToList();

    // Replaces every marker with a credited figure; an image no longer in the library (or not yet
    // given its file) renders nothing rather than a broken picture.
    public static string Resolve(string? html, IReadOnlyDictionary<int, MediaView> library) =>
        CommentMarkers.Replace(html, Kind, payload =>
            Parse(payload) is { } reference && library.TryGetValue(reference.MediaId, out var media)
                ? Figure(reference, media)
                : "");

    private static InlineImageReference? Parse(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        static string? Text(string escaped) => Uri.UnescapeDataString(escaped) is var s && !string.IsNullOrWhiteSpace(s) ? s : null;
        return new InlineImageReference(id, Text(parts[1]), Text(parts[2]));
    }

    private static string Figure(InlineImageReference reference, MediaView media)
    {
        if (ResponsiveImage.From(media) is not { } image) return "";
        var alt = reference.Alt ?? media.AltText ?? "";
        var caption = reference.Caption ?? media.DefaultCaption;
        var credit = media.Credit.Display;
        var sb = new StringBuilder("<figure class=\"inline-figure\"><picture>");
        if (image.WebpSrcset is { } webp)
            sb.Append("<source type=\"image/webp\" srcset=\"").Append(Encode(webp)).Append("\" sizes=\"").Append(Sizes).Append("\">");
        sb.Append("<img src=\"").Append(Encode(image.Src)).Append('"');
        if (image.FallbackSrcset is { } jpeg)
            sb.Append(" srcset=\"").Append(Encode(jpeg)).Append("\" sizes=\"").Append(Sizes).Append('"');
        sb.Append(CultureInfo.InvariantCulture, $" width=\"{image.Width}\" height=\"{image.Height}\"")
          .Append(" alt=\"").Append(Encode(alt)).Append("\" loading=\"lazy\"></picture>");
        if (caption is not null || credit is not null)
        {
            sb.Append("<figcaption>");
            if (caption is not null) sb.Append("<span class=\"caption\">").Append(Encode(caption)).Append("</span>");
            if (credit is not null)
                sb.Append("<span class=\"credit\"><span class=\"visually-hidden\">Photo: </span>").Append(Encode(credit)).Append("</span>");
            sb.Append("</figcaption>");
        }
        return sb.Append("</figure>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
