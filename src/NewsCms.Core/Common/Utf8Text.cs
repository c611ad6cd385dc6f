using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsCms.Common;

// Text kept as UTF-8 bytes, for the long fields of a page read from its snapshot (the body, the
// answers and their plain text): they go from the snapshot's JSON to the response, which is UTF-8
// too, without becoming .NET strings. As strings they were a quarter of what an uncached article
// page allocated, and decoding them a tenth of its time. ToString() decodes, for the few callers
// that need a string (feeds, previews).
[JsonConverter(typeof(Utf8TextJsonConverter))]
public sealed class Utf8Text : IEquatable<Utf8Text>
{
    private readonly byte[] bytes;
    private readonly int length;

    private Utf8Text(byte[] bytes, int length)
    {
        this.bytes = bytes;
        this.length = length;
    }

    public static Utf8Text Empty { get; } = new([], 0);

    public ReadOnlySpan<byte> Span => bytes.AsSpan(0, length);

    public bool IsEmpty => length == 0;

    public static Utf8Text From(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return Own(utf8, utf8.Length);
    }

    // A copy of bytes that are valid UTF-8 (as a Utf8JsonWriter writes them).
    public static Utf8Text CopyOf(ReadOnlySpan<byte> utf8) => Own(utf8.ToArray(), utf8.Length);

    // Takes ownership of the first `length` bytes of `buffer`, which must be valid UTF-8.
    internal static Utf8Text Own(byte[] buffer, int length) => length == 0 ? Empty : new Utf8Text(buffer, length);

    public override string ToString() => Encoding.UTF8.GetString(Span);

    public bool Equals(Utf8Text? other) => other is not null && Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => Equals(obj as Utf8Text);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }
}

// A JSON string, read into UTF-8 bytes directly: one copy, unescaped on the way when it has escapes.
public sealed class Utf8TextJsonConverter : JsonConverter<Utf8Text>
{
    public override Utf8Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a string for {nameof(Utf8Text)}, found {reader.TokenType}.");
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            return Utf8Text.Own(reader.ValueSpan.ToArray(), reader.ValueSpan.Length);
        // Unescaping only shortens: the raw length is enough room.
        var buffer = new byte[reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length];
        return Utf8Text.Own(buffer, reader.CopyString(buffer));
    }

    public override void Write(Utf8JsonWriter writer, Utf8Text value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Span);
}
