using System.Security.Cryptography;
using NewsCms.Common;
using SkiaSharp;

namespace NewsCms.Media;

public enum ImageKind { Jpeg, Png, WebP, Gif }

// One re-encoded image ready to store: the bytes that are written and what names them.
public sealed record EncodedImage(byte[] Bytes, string ContentType, string Extension, int Width, int Height)
{
    public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
}

public sealed record EncodedRendition(byte[] Bytes, int Width, int Height, string Format, string Extension);

// Uploaded bytes in, safe bytes out (SECURITY.md "Uploads"): the type comes from the magic bytes,
// the pixel size from the header before any decoding, and what is stored is re-encoded from the
// decoded pixels, which drops polyglot payloads and anything after the image data.
public static class ImageProcessing
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;
    public static readonly IReadOnlyList<int> RenditionWidths = [320, 640, 1024, 1600];

    private const int JpegQuality = 88;
    private const int WebpQuality = 82;

    public static ImageKind? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return ImageKind.Jpeg;
        if (b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return ImageKind.Png;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return ImageKind.WebP;
        if (b.Length >= 6 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8))) return ImageKind.Gif;
        return null;
    }

    // Reads at most MaxBytes + 1 bytes, so an oversize upload costs no more memory than the limit.
    public static async Task<byte[]> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                throw ValidationFailedException.For("File", $"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        }
        if (buffer.Length == 0) throw ValidationFailedException.For("File", "The file is empty.");
        return buffer.ToArray();
    }

    // Checks the type and size, decodes fully, and re-encodes (GIF becomes PNG: Skia has no GIF
    // encoder, and the first frame is what a news photo needs).
    public static (EncodedImage Original, SKBitmap Pixels) Decode(byte[] bytes)
    {
        if (bytes.LongLength > MaxBytes)
            throw ValidationFailedException.For("File", $"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        var kind = Sniff(bytes) ?? throw ValidationFailedException.For("File",
            "The file is not a JPEG, PNG, WebP or GIF image. Other types (SVG, HTML, PDF and so on) are not accepted.");

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw ValidationFailedException.For("File", $"The file starts like a {kind} image but its header cannot be read.");
        if (!Matches(codec.EncodedFormat, kind))
            throw ValidationFailedException.For("File", $"The file starts like a {kind} image but is not one.");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w <= 0 || h <= 0)
            throw ValidationFailedException.For("File", "The image has no pixels.");
        if ((long)w * h > MaxPixels)
            throw ValidationFailedException.For("File",
                $"The image is {w:N0} x {h:N0} pixels; at most {MaxPixels / 1_000_000} megapixels are accepted.");

        // Wide-gamut photos (Display P3, Adobe RGB) are converted to sRGB, which every browser assumes.
        using var srgb = SKColorSpace.CreateSrgb();
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, srgb);
        var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            decoded.Dispose();
            throw ValidationFailedException.For("File", result == SKCodecResult.IncompleteInput
                ? "The image is truncated: the file ends before the picture does."
                : $"The image cannot be decoded ({result}).");
        }

        var upright = Orient(decoded, codec.EncodedOrigin);
        var (contentType, extension, bytesOut) = kind switch
        {
            ImageKind.Jpeg => ("image/jpeg", ".jpg", Encode(upright, "jpeg")),
            ImageKind.WebP => ("image/webp", ".webp", Encode(upright, "webp")),
            _ => ("image/png", ".png", EncodePng(upright)),
        };
        return (new EncodedImage(bytesOut, contentType, extension, upright.Width, upright.Height), upright);
    }

    // Renditions no wider than the original, in WebP and JPEG, named by the original's hash,
    // carrying the credit as XMP when there is one.
    public static IReadOnlyList<EncodedRendition> Renditions(SKBitmap source, string? xmpPacket = null)
    {
        var list = new List<EncodedRendition>();
        foreach (var width in RenditionWidths.Where(w => w <= source.Width))
        {
            var height = Math.Max(1, (int)Math.Round((double)source.Height * width / source.Width));
            using var scaled = source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            var webp = Encode(scaled, "webp");
            var jpeg = Encode(scaled, "jpeg");
            if (xmpPacket is not null)
            {
                webp = XmpCredit.EmbedInWebp(webp, xmpPacket, width, height);
                jpeg = XmpCredit.EmbedInJpeg(jpeg, xmpPacket);
            }
            list.Add(new EncodedRendition(webp, width, height, "webp", "webp"));
            list.Add(new EncodedRendition(jpeg, width, height, "jpeg", "jpg"));
        }
        return list;
    }

    public static string RenditionFileName(string hash, EncodedRendition r) => $"{hash}-{r.Width}.{r.Extension}";

    private static bool Matches(SKEncodedImageFormat format, ImageKind kind) => (format, kind) switch
    {
        (SKEncodedImageFormat.Jpeg, ImageKind.Jpeg) => true,
        (SKEncodedImageFormat.Png, ImageKind.Png) => true,
        (SKEncodedImageFormat.Webp, ImageKind.WebP) => true,
        (SKEncodedImageFormat.Gif, ImageKind.Gif) => true,
        _ => false,
    };

    private static byte[] Encode(SKBitmap bitmap, string format)
    {
        if (format == "jpeg" && bitmap.AlphaType != SKAlphaType.Opaque)
        {
            // JPEG has no alpha: transparent areas go white rather than black.
            using var flat = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (var canvas = new SKCanvas(flat))
            {
                canvas.Clear(SKColors.White);
                canvas.DrawBitmap(bitmap, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
            }
            return Encode(flat, format);
        }
        using var pixmap = bitmap.PeekPixels();
        using var encoded = format == "jpeg"
            ? pixmap.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            : pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebpQuality));
        return encoded?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode a {format} image.");
    }

    private static byte[] EncodePng(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var encoded = pixmap.Encode(SKPngEncoderOptions.Default);
        return encoded?.ToArray() ?? throw new InvalidOperationException("Skia could not encode a PNG image.");
    }

    // Phone photos are often stored sideways with an EXIF orientation; re-encoding drops EXIF, so
    // the pixels are turned upright here.
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return bitmap;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var rotated = new SKBitmap(new SKImageInfo(w, h, bitmap.ColorType, bitmap.AlphaType));
        using (var canvas = new SKCanvas(rotated))
        {
            canvas.SetMatrix(OriginMatrix(origin, bitmap.Width, bitmap.Height));
            canvas.DrawBitmap(bitmap, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        bitmap.Dispose();
        return rotated;
    }

    // Maps the stored pixels (sw x sh) to upright ones, per the EXIF orientation values.
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int sw, int sh) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, sw, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, sw, 0, -1, sh, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, sh, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, sh, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, sh, -1, 0, sw, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, sw, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
