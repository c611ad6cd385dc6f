using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsCms.Common;

// Text kept as UTF-8 bytes, for the long fields of a page read from its snapshot (the body, the
// answers and their plain text): they go from the snapshot's JSON to the response, which is UTF-8
// too, without becoming .NET strings. As strings they were a quarter of what an uncached article
// page allocated, and decoding them a tenth of its time. ToString() decodes, for the few callers
// that need a string (feeds, previews). A text may live in a request's Utf8TextArena: then it can
// be read only until that request ends.
[JsonConverter(typeof(Utf8TextJsonConverter))]
public sealed class Utf8Text : IEquatable<Utf8Text>
{
    private readonly byte[] bytes;
    private readonly int offset;
    private readonly int length;
    private readonly Utf8TextArena? arena;

    private Utf8Text(byte[] bytes, int offset, int length, Utf8TextArena? arena)
    {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.arena = arena;
    }

    public static Utf8Text Empty { get; } = new([], 0, 0, null);

    public ReadOnlySpan<byte> Span
    {
        get
        {
            // The arena's arrays are back in the pool, maybe holding another request's text.
            if (arena is { IsDisposed: true })
                throw new ObjectDisposedException(nameof(Utf8TextArena), "This text belonged to a request that has ended.");
            return bytes.AsSpan(offset, length);
        }
    }

    public bool IsEmpty => length == 0;

    public static Utf8Text From(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return Own(utf8, utf8.Length);
    }

    // Takes ownership of the first `length` bytes of `buffer`, which must be valid UTF-8.
    internal static Utf8Text Own(byte[] buffer, int length) => length == 0 ? Empty : new Utf8Text(buffer, 0, length, null);

    // Valid UTF-8 bytes inside a larger array; when it is an arena's, valid while the arena is.
    internal static Utf8Text Slice(byte[] array, int offset, int length, Utf8TextArena? arena) =>
        length == 0 ? Empty : new Utf8Text(array, offset, length, arena);

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

// A JSON string, read into UTF-8 bytes directly: one copy, unescaped on the way when it has escapes;
// into the ambient Utf8TextArena when a request set one (Utf8TextArena.Use). Inside JsonWithTexts
// a text is [offset, length] in the block of texts that follows the JSON.
public sealed class Utf8TextJsonConverter : JsonConverter<Utf8Text>
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? textsOut;
    [ThreadStatic] private static TextsIn? textsIn;

    internal sealed record TextsIn(ArraySegment<byte> Block, Utf8TextArena? Arena);

    internal static Scope WriteTextsTo(ArrayBufferWriter<byte> texts)
    {
        var scope = new Scope(textsOut, textsIn);
        (textsOut, textsIn) = (texts, null);
        return scope;
    }

    internal static Scope ReadTextsFrom(ArraySegment<byte> block, Utf8TextArena? arena)
    {
        var scope = new Scope(textsOut, textsIn);
        (textsOut, textsIn) = (null, new TextsIn(block, arena));
        return scope;
    }

    internal readonly struct Scope(ArrayBufferWriter<byte>? previousOut, TextsIn? previousIn) : IDisposable
    {
        public void Dispose() => (textsOut, textsIn) = (previousOut, previousIn);
    }

    public override Utf8Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray && textsIn is { } source)
            return ReadSlice(ref reader, source);
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a string for {nameof(Utf8Text)}, found {reader.TokenType}.");
        var arena = Utf8TextArena.Ambient;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            return arena?.Copy(reader.ValueSpan) ?? Utf8Text.Own(reader.ValueSpan.ToArray(), reader.ValueSpan.Length);
        // Unescaping only shortens: the raw length is enough room.
        var room = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (arena is not null)
        {
            arena.Advance(reader.CopyString(arena.GetSpan(room)));
            return arena.Complete();
        }
        var buffer = new byte[room];
        return Utf8Text.Own(buffer, reader.CopyString(buffer));
    }

    private static Utf8Text ReadSlice(ref Utf8JsonReader reader, TextsIn source)
    {
        if (!reader.Read() || !reader.TryGetInt32(out var offset)
            || !reader.Read() || !reader.TryGetInt32(out var length)
            || !reader.Read() || reader.TokenType != JsonTokenType.EndArray
            || offset < 0 || length < 0 || length > source.Block.Count - offset)
            throw new JsonException($"A {nameof(Utf8Text)} reference is not [offset, length] inside the texts.");
        // Whole characters: a slice that cuts one in two would not be valid UTF-8 on its own.
        var bytes = source.Block.AsSpan(offset, length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new JsonException($"A {nameof(Utf8Text)} reference cuts a character.");
        return Utf8Text.Slice(source.Block.Array!, source.Block.Offset + offset, length, source.Arena);
    }

    public override void Write(Utf8JsonWriter writer, Utf8Text value, JsonSerializerOptions options)
    {
        if (textsOut is not { } texts)
        {
            writer.WriteStringValue(value.Span);
            return;
        }
        writer.WriteStartArray();
        writer.WriteNumberValue(texts.WrittenCount);
        writer.WriteNumberValue(value.Span.Length);
        writer.WriteEndArray();
        texts.Write(value.Span);
    }
}
