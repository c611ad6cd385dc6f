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
}
