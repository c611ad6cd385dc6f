using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NewsCms.Common;

namespace NewsCms.Tests;

public sealed class JsonWithTextsTests
{
    public sealed record Page(string Headline, Utf8Text Body, IReadOnlyList<Utf8Text> Answers);

    private static readonly JsonTypeInfo<Page> Info = (JsonTypeInfo<Page>)JsonSerializerOptions.Default.GetTypeInfo(typeof(Page));

    private static Page Sample() => new(
        "Who pays for the \"new\" bridge?",
        Utf8Text.From("<p>The council's plan, in Zürich francs: 4\u00a0000 \U0001F309</p>\n<p>Second paragraph.</p>"),
        [Utf8Text.From("Yes."), Utf8Text.Empty, Utf8Text.From(new string('é', 3000))]);

    [Fact]
    public void A_value_reads_back_with_its_texts_outside_the_json()
    {
        var page = Sample();
        var packed = JsonWithTexts.Serialize(page, Info);

        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(1));
        var json = Encoding.UTF8.GetString(packed, 5, jsonLength);
        Assert.Contains("bridge", json);
        Assert.DoesNotContain("Zürich", json);
        Assert.DoesNotContain("Yes.", json);

        using var arena = new Utf8TextArena();
        foreach (var into in new[] { arena, null })
        {
            var read = JsonWithTexts.Deserialize(packed, Info, into)!;
            Assert.Equal(page.Headline, read.Headline);
            Assert.Equal(page.Body.ToString(), read.Body.ToString());
            Assert.Equal(page.Answers.Select(a => a.ToString()), read.Answers.Select(a => a.ToString()));
        }
    }

    [Fact]
    public void Plain_json_written_before_this_layout_still_reads()
    {
        var page = Sample();
        var plain = JsonSerializer.SerializeToUtf8Bytes(page, Info);
        using var arena = new Utf8TextArena();
        var read = JsonWithTexts.Deserialize(plain, Info, arena)!;
        Assert.Equal(page.Body, read.Body);
        Assert.Equal(page.Answers, read.Answers);
    }

    [Fact]
    public void Outside_a_packed_value_a_text_is_an_ordinary_json_string()
    {
        JsonWithTexts.Serialize(Sample(), Info);
        Assert.Equal("\"plain\"", JsonSerializer.Serialize(Utf8Text.From("plain")));
    }

    public static TheoryData<string> Damaged => new()
    {
        "length beyond the data",
        "reference beyond the texts",
        "reference that cuts a character",
        "cut short",
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Damaged_bytes_are_a_json_error_not_a_crash_or_wrong_text(string damage)
    {
        var page = new Page("h", Utf8Text.From("ab"), [Utf8Text.From("é")]);
        var packed = JsonWithTexts.Serialize(page, Info);
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(1));
        var json = Encoding.UTF8.GetString(packed, 5, jsonLength);
        byte[] Repack(string newJson)
        {
            var bytes = Encoding.UTF8.GetBytes(newJson);
            var texts = packed.AsSpan(5 + jsonLength).ToArray();
            var result = new byte[5 + bytes.Length + texts.Length];
            result[0] = packed[0];
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(1), bytes.Length);
            bytes.CopyTo(result, 5);
            texts.CopyTo(result, 5 + bytes.Length);
            return result;
        }
        var damaged = damage switch
        {
            "length beyond the data" => Set(packed, p => BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(1), 1 << 20)),
            "reference beyond the texts" => Repack(json.Replace("[0,2]", "[1,9]")),
            // The answer's "é" is two bytes at offset 2: one of them alone is not a character.
            "reference that cuts a character" => Repack(json.Replace("[2,2]", "[2,1]")),
            _ => packed[..3],
        };
        Assert.Throws<JsonException>(() => JsonWithTexts.Deserialize(damaged, Info, null));
    }

    private static byte[] Set(byte[] bytes, Action<byte[]> change)
    {
        var copy = bytes.ToArray();
        change(copy);
        return copy;
    }
}
