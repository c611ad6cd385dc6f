using System.Text.Json;
using NewsCms.Common;

namespace NewsCms.Tests;

public sealed class Utf8TextTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Texts => new()
    {
        "",
        "plain ASCII",
        "<p class=\"lead\">Quotes, a back\\slash,\nnew lines\tand tabs</p>",
        "Zürich, Ålesund, Kraków, Ελλάδα, 東京, and an emoji: \U0001F30A",
        new string('é', 5000) + "\U0001F30A" + new string('x', 3),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_survives_json_with_either_escaping(string text)
    {
        var original = Utf8Text.From(text);
        foreach (var options in new[] { JsonSerializerOptions.Default, Relaxed })
        {
            var json = JsonSerializer.Serialize(original, options);
            var read = JsonSerializer.Deserialize<Utf8Text>(json, options)!;
            Assert.Equal(text, read.ToString());
            Assert.Equal(original, read);
            Assert.Equal(original.GetHashCode(), read.GetHashCode());
            // The same JSON as the string's: snapshots written before Utf8Text still read.
            Assert.Equal(JsonSerializer.Serialize(text, options), json);
        }
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_a_json_error_not_a_crash()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Utf8Text>("42"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Utf8Text>("{}"));
    }

    [Fact]
    public void Texts_with_different_bytes_differ()
    {
        Assert.NotEqual(Utf8Text.From("a"), Utf8Text.From("b"));
        Assert.True(Utf8Text.From("").IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_read_into_an_arena_is_the_same_text(string text)
    {
        using var arena = new Utf8TextArena();
        foreach (var options in new[] { JsonSerializerOptions.Default, Relaxed })
        {
            var json = JsonSerializer.Serialize(text, options);
            Utf8Text read;
            using (arena.Use()) read = JsonSerializer.Deserialize<Utf8Text>(json, options)!;
            Assert.Equal(text, read.ToString());
            Assert.Equal(Utf8Text.From(text), read);
        }
    }

    [Fact]
    public void Texts_in_an_arena_stay_whole_across_its_chunks()
    {
        using var arena = new Utf8TextArena();
        var written = new List<(string Text, Utf8Text Kept)>();
        // Lengths that cross the 32 KB chunks at different points, some texts larger than a chunk,
        // and a text written in pieces (as the JSON-LD writer writes) that moves to the next chunk.
        for (var i = 0; i < 40; i++)
        {
            var text = new string((char)('a' + i % 26), 1 + i * 997 % 40_000);
            written.Add((text, arena.Copy(System.Text.Encoding.UTF8.GetBytes(text))));
        }
        foreach (var piece in new[] { "<p>", new string('z', 30_000), "</p>" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(piece);
            bytes.CopyTo(arena.GetSpan(bytes.Length));
            arena.Advance(bytes.Length);
        }
        written.Add(("<p>" + new string('z', 30_000) + "</p>", arena.Complete()));

        foreach (var (text, kept) in written) Assert.Equal(text, kept.ToString());
        Assert.True(arena.Complete().IsEmpty);
    }

    [Fact]
    public void A_text_cannot_be_read_after_its_request_ends()
    {
        var arena = new Utf8TextArena();
        var text = arena.Copy("kept for one request"u8);
        arena.Dispose();
        // Its bytes are back in the pool, perhaps under another request's page.
        Assert.Throws<ObjectDisposedException>(() => text.ToString());
        Assert.Throws<ObjectDisposedException>(() => arena.Copy("more"u8));
        // A text that never lived there is not affected.
        Assert.Equal("own", Utf8Text.From("own").ToString());
    }

    [Fact]
    public void The_arena_is_ambient_only_inside_its_scope()
    {
        using var arena = new Utf8TextArena();
        Assert.Null(Utf8TextArena.Ambient);
        using (arena.Use())
        {
            Assert.Same(arena, Utf8TextArena.Ambient);
            using var inner = new Utf8TextArena();
            using (inner.Use()) Assert.Same(inner, Utf8TextArena.Ambient);
            Assert.Same(arena, Utf8TextArena.Ambient);
        }
        Assert.Null(Utf8TextArena.Ambient);
    }
}
