using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace NewsCms.Tests.Media;

// Small images made in memory, and hand-built files for the cases a real encoder never writes.
public static class TestImages
{
    public static byte[] Jpeg(int width, int height, SKColor? color = null) => Encode(width, height, color, SKEncodedImageFormat.Jpeg);

    public static byte[] Png(int width, int height, SKColor? color = null) => Encode(width, height, color, SKEncodedImageFormat.Png);

    private static byte[] Encode(int width, int height, SKColor? color, SKEncodedImageFormat format)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(color ?? new SKColor(0x33, 0x66, 0x99));
        using var paint = new SKPaint { Color = SKColors.Orange };
        surface.Canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    // A PNG whose IHDR claims the given size, followed by a scrap of image data and IEND: a few
    // dozen bytes that would need width x height x 4 bytes of memory to decode.
    public static byte[] PngClaiming(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        Chunk(output, "IHDR", ihdr);
        Chunk(output, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    // A JPEG with an IPTC (IIM) block in a Photoshop APP13 segment, as newsroom tools write it.
    public static byte[] JpegWithIptc(byte[] jpeg, params (byte DataSet, string Value)[] fields)
    {
        using var iim = new MemoryStream();
        foreach (var (dataSet, value) in fields)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            iim.Write([0x1C, 2, dataSet, (byte)(bytes.Length >> 8), (byte)bytes.Length]);
            iim.Write(bytes);
        }
        if (iim.Length % 2 == 1) iim.WriteByte(0);

        using var segment = new MemoryStream();
        segment.Write("Photoshop 3.0\0"u8);
        segment.Write("8BIM"u8);
        segment.Write([0x04, 0x04, 0x00, 0x00]); // resource 0x0404 (IPTC), empty padded name
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, (int)iim.Length);
        segment.Write(size);
        segment.Write(iim.ToArray());

        using var output = new MemoryStream();
        output.Write(jpeg.AsSpan(0, 2)); // SOI
        output.Write([0xFF, 0xED, (byte)((segment.Length + 2) >> 8), (byte)(segment.Length + 2)]);
        output.Write(segment.ToArray());
        output.Write(jpeg.AsSpan(2));
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        output.Write(header);
        output.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4).ToArray(), .. data]));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
