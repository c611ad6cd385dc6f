using System.Buffers.Binary;
using System.Security;
using System.Text;

namespace NewsCms.Media;

// Writes the credit into generated renditions as XMP (STANDARDS.md: search engines read creator,
// credit line and copyright notice from the file itself). Renditions are immutable files, so they
// carry the credit as it was when the photo's file arrived; the original stays byte-for-byte what
// its hash names.
public static class XmpCredit
{
    private static readonly byte[] JpegXmpNamespace = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();

    public static string? Packet(ImageCredit credit)
    {
        var fields = new StringBuilder();
        void Add(string? value, string format)
        {
            if (!string.IsNullOrWhiteSpace(value)) fields.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, SecurityElement.Escape(value)));
        }
        Add(credit.Photographer, "<dc:creator><rdf:Seq><rdf:li>{0}</rdf:li></rdf:Seq></dc:creator>");
        Add(credit.CopyrightNotice, "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{0}</rdf:li></rdf:Alt></dc:rights>");
        Add(credit.CreditLine, "<photoshop:Credit>{0}</photoshop:Credit>");
        Add(credit.Source, "<photoshop:Source>{0}</photoshop:Source>");
        Add(credit.LicenseUrl, "<xmpRights:WebStatement>{0}</xmpRights:WebStatement>");
        Add(credit.LicensorUrl, "<plus:Licensor><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><plus:LicensorURL>{0}</plus:LicensorURL></rdf:li></rdf:Seq></plus:Licensor>");
        if (fields.Length == 0) return null;
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" xmlns:xmpRights=\"http://ns.adobe.com/xap/1.0/rights/\""
            + " xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\">"
            + fields
            + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>";
    }

    // An APP1 segment after SOI (and after the JFIF APP0, which must come first).
    public static byte[] EmbedInJpeg(byte[] jpeg, string packet)
    {
        var xmp = Encoding.UTF8.GetBytes(packet);
        var length = 2 + JpegXmpNamespace.Length + xmp.Length;
        if (length > ushort.MaxValue) return jpeg;
        var at = 2;
        if (jpeg.Length > 6 && jpeg[2] == 0xFF && jpeg[3] == 0xE0)
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        using var output = new MemoryStream(jpeg.Length + length + 2);
        output.Write(jpeg, 0, at);
        output.Write([0xFF, 0xE1, (byte)(length >> 8), (byte)length]);
        output.Write(JpegXmpNamespace);
        output.Write(xmp);
        output.Write(jpeg, at, jpeg.Length - at);
        return output.ToArray();
    }

    // WebP keeps XMP in an "XMP " chunk of the extended format: a simple file gains a VP8X header.
    public static byte[] EmbedInWebp(byte[] webp, string packet, int width, int height)
    {
        var xmp = Encoding.UTF8.GetBytes(packet);
        using var output = new MemoryStream(webp.Length + xmp.Length + 40);
        output.Write("RIFF\0\0\0\0WEBP"u8);
        var body = webp.AsSpan(12);
        if (body.Length >= 18 && body[..4].SequenceEqual("VP8X"u8))
        {
            var copy = body.ToArray();
            copy[8] |= 0x04; // the XMP flag
            output.Write(copy);
        }
        else
        {
            var vp8x = new byte[18];
            "VP8X"u8.CopyTo(vp8x);
            BinaryPrimitives.WriteInt32LittleEndian(vp8x.AsSpan(4), 10);
            vp8x[8] = 0x04;
            WriteUInt24(vp8x.AsSpan(12), width - 1);
            WriteUInt24(vp8x.AsSpan(15), height - 1);
            output.Write(vp8x);
            output.Write(body);
        }
        var header = new byte[8];
        "XMP "u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), xmp.Length);
        output.Write(header);
        output.Write(xmp);
        if (xmp.Length % 2 == 1) output.WriteByte(0);
        var bytes = output.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    private static void WriteUInt24(Span<byte> to, int value)
    {
        to[0] = (byte)value;
        to[1] = (byte)(value >> 8);
        to[2] = (byte)(value >> 16);
    }
}
