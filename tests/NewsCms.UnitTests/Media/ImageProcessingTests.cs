using System.Text;
using NewsCms.Common;
using NewsCms.Media;

namespace NewsCms.Tests.Media;

public sealed class ImageProcessingTests
{
    [Fact]
    public void Type_comes_from_the_magic_bytes()
    {
        Assert.Equal(ImageKind.Jpeg, ImageProcessing.Sniff(TestImages.Jpeg(8, 8)));
        Assert.Equal(ImageKind.Png, ImageProcessing.Sniff(TestImages.Png(8, 8)));
        Assert.Equal(ImageKind.Gif, ImageProcessing.Sniff("GIF89a\x01\x00\x01\x00"u8));
        Assert.Equal(ImageKind.WebP, ImageProcessing.Sniff("RIFF\x10\x00\x00\x00WEBPVP8 "u8));
        Assert.Null(ImageProcessing.Sniff("RIFF\x10\x00\x00\x00WAVEfmt "u8));
        Assert.Null(ImageProcessing.Sniff([0xFF, 0xD8]));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>")]
    [InlineData("just some text that is not an image at all")]
    public void Svg_html_and_other_text_are_refused_with_a_file_error(string content)
    {
        var e = Assert.Throws<ValidationFailedException>(() => ImageProcessing.Decode(Encoding.UTF8.GetBytes(content)));
        Assert.Contains("not a JPEG, PNG, WebP or GIF", Assert.Single(e.Errors["File"]));
    }

    [Fact]
    public void Random_bytes_behind_a_jpeg_signature_are_refused_not_thrown()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;

        var e = Assert.Throws<ValidationFailedException>(() => ImageProcessing.Decode(bytes));
        Assert.True(e.Errors.ContainsKey("File"));
    }

    [Fact]
    public void A_png_header_claiming_100000_by_100000_pixels_is_refused_before_decoding()
    {
        var bomb = TestImages.PngClaiming(100_000, 100_000);
        Assert.True(bomb.Length < 100);

        var e = Assert.Throws<ValidationFailedException>(() => ImageProcessing.Decode(bomb));
        Assert.Contains("100,000 x 100,000 pixels", Assert.Single(e.Errors["File"]));
    }

    [Fact]
    public void A_truncated_image_is_refused()
    {
        var png = TestImages.Png(400, 300);
        var truncated = png.AsSpan(0, png.Length / 2).ToArray();

        var e = Assert.Throws<ValidationFailedException>(() => ImageProcessing.Decode(truncated));
        Assert.True(e.Errors.ContainsKey("File"));
    }

    [Fact]
    public void Bytes_after_the_image_are_dropped_by_re_encoding()
    {
        var png = TestImages.Png(64, 48);
        var polyglot = png.Concat(Encoding.ASCII.GetBytes("<script>alert(1)</script>")).ToArray();

        var (original, pixels) = ImageProcessing.Decode(polyglot);
        using (pixels)
        {
            Assert.Equal(("image/png", 64, 48), (original.ContentType, original.Width, original.Height));
            Assert.DoesNotContain("<script>", Encoding.ASCII.GetString(original.Bytes));
            Assert.Matches("^[0-9a-f]{64}$", original.Hash);
        }
    }

    [Fact]
    public void Renditions_are_webp_and_jpeg_and_never_wider_than_the_original()
    {
        var (_, pixels) = ImageProcessing.Decode(TestImages.Jpeg(700, 350));
        using (pixels)
        {
            var renditions = ImageProcessing.Renditions(pixels);

            Assert.Equal([(320, 160, "webp"), (320, 160, "jpeg"), (640, 320, "webp"), (640, 320, "jpeg")],
                renditions.Select(r => (r.Width, r.Height, r.Format)));
            Assert.All(renditions.Where(r => r.Format == "webp"), r => Assert.Equal(ImageKind.WebP, ImageProcessing.Sniff(r.Bytes)));
            Assert.All(renditions.Where(r => r.Format == "jpeg"), r => Assert.Equal(ImageKind.Jpeg, ImageProcessing.Sniff(r.Bytes)));
        }
    }

    [Fact]
    public void Iptc_caption_and_credit_are_read_from_the_file()
    {
        var jpeg = TestImages.JpegWithIptc(TestImages.Jpeg(32, 32),
            (80, "Ana Ruiz"), (110, "Ana Ruiz / Wire"), (115, "Wire"), (116, "© 2026 Wire"), (120, "Boats on the river at dawn."));

        var credit = EmbeddedCredit.Read(jpeg);

        Assert.Equal(new EmbeddedCredit("Ana Ruiz", "Ana Ruiz / Wire", "Wire", "© 2026 Wire", "Boats on the river at dawn.", null, null), credit);
    }
}

public sealed class XmpCreditTests
{
    [Fact]
    public void Renditions_carry_the_credit_as_xmp_that_readers_of_iptc_find()
    {
        var credit = new ImageCredit
        {
            Photographer = "Ana <Ruiz>", CreditLine = "Ana Ruiz / Wire & Co", Source = "Wire", CopyrightNotice = "© 2026 Wire",
            LicenseUrl = "https://example.org/licence", LicensorUrl = "https://example.org/buy",
        };
        var (_, pixels) = ImageProcessing.Decode(TestImages.Png(400, 200));
        using (pixels)
        {
            var renditions = ImageProcessing.Renditions(pixels, XmpCredit.Packet(credit));

            Assert.All(renditions, r =>
            {
                Assert.Equal(
                    new EmbeddedCredit("Ana <Ruiz>", "Ana Ruiz / Wire & Co", "Wire", "© 2026 Wire", null, "https://example.org/licence", "https://example.org/buy"),
                    EmbeddedCredit.Read(r.Bytes));
                var (decoded, again) = ImageProcessing.Decode(r.Bytes);
                again.Dispose();
                Assert.Equal((r.Width, r.Height), (decoded.Width, decoded.Height));
            });
        }
    }

    [Fact]
    public void No_credit_means_no_packet()
    {
        Assert.Null(XmpCredit.Packet(new ImageCredit()));
    }
}
