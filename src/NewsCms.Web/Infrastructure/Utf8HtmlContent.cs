using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// Trusted HTML held as UTF-8 (a page's sanitised body, its JSON-LD), written to a view without
// being made a string first: decoded a piece at a time into the writer, which encodes it back to
// the response's UTF-8. Like Html.Raw, it writes the text as it is.
public sealed class Utf8HtmlContent(Utf8Text html) : IHtmlContent
{
    private const int ChunkChars = 2048;

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        var rest = html.Span;
        if (rest.IsEmpty) return;
        var chunk = ArrayPool<char>.Shared.Rent(Math.Min(ChunkChars, rest.Length));
        try
        {
            while (!rest.IsEmpty)
            {
                // With isFinalBlock, a full destination stops between whole characters, never
                // inside one; the text is valid UTF-8, so nothing is replaced.
                Utf8.ToUtf16(rest, chunk, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
                writer.Write(chunk.AsSpan(0, written));
                rest = rest[read..];
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chunk);
        }
    }
}
