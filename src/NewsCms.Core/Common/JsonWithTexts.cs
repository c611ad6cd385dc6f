using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NewsCms.Common;

// A value as JSON with its long texts (every Utf8Text) stored after the JSON, not inside it: the
// JSON holds [offset, length] where a text was. Reading a page's snapshot, System.Text.Json
// scanned and validated each text character by character as a JSON string (7% of an uncached
// article page in a profile, after the texts stopped being copied); now each text is checked as
// UTF-8 in one vectorised pass (Utf8TextJsonConverter) and sliced, and only the small fields are
// parsed.
//
// Layout: the byte 0x01, the JSON's length (4 bytes, little-endian), the JSON, the texts. Plain
// JSON (a snapshot stored before this layout) starts with '{' and still reads.
public static class JsonWithTexts
{
    private const byte Marker = 0x01;
    private const int HeaderLength = 5;

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var texts = new ArrayBufferWriter<byte>(8 * 1024);
        byte[] json;
        using (Utf8TextJsonConverter.WriteTextsTo(texts))
            json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var packed = new byte[HeaderLength + json.Length + texts.WrittenCount];
        packed[0] = Marker;
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(1), json.Length);
        json.CopyTo(packed.AsSpan(HeaderLength));
        texts.WrittenSpan.CopyTo(packed.AsSpan(HeaderLength + json.Length));
        return packed;
    }

    // The texts are copied once, as one block, into the arena when there is one (the request's),
    // otherwise into an array of their own. Bytes that are not this layout, or a text that is not
    // valid UTF-8, are a JsonException, as malformed JSON is.
    public static T? Deserialize<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo, Utf8TextArena? arena)
    {
        if (data.IsEmpty || data[0] != Marker)
        {
            if (arena is null) return JsonSerializer.Deserialize(data, typeInfo);
            using (arena.Use()) return JsonSerializer.Deserialize(data, typeInfo);
        }
        if (data.Length < HeaderLength) throw new JsonException("The packed JSON is cut short.");
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
        if (jsonLength < 0 || jsonLength > data.Length - HeaderLength) throw new JsonException("The packed JSON's length is out of range.");
        var json = data.Slice(HeaderLength, jsonLength);
        var texts = data[(HeaderLength + jsonLength)..];
        var block = arena is null ? new ArraySegment<byte>(texts.ToArray()) : arena.CopyBlock(texts);
        using (Utf8TextJsonConverter.ReadTextsFrom(block, arena))
            return JsonSerializer.Deserialize(json, typeInfo);
    }
}
