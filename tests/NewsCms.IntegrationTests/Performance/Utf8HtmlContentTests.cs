using System.Text.Encodings.Web;
using NewsCms.Common;
using NewsCms.Web.Infrastructure;

namespace NewsCms.IntegrationTests.Performance;

public sealed class Utf8HtmlContentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2047)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(10_000)]
    public void Writes_the_html_as_it_is_whatever_falls_on_a_chunk_boundary(int asciiBefore)
    {
        // Two-, three- and four-byte characters (a surrogate pair in UTF-16) at every offset
        // around the writer's chunk size, and markup that must not be encoded.
        var html = new string('a', asciiBefore) + "<p class=\"x\">é東\U0001F30A&amp;</p>" + string.Concat(Enumerable.Repeat("ñ\U0001F30A", 1500));
        var writer = new StringWriter();

        new Utf8HtmlContent(Utf8Text.From(html)).WriteTo(writer, HtmlEncoder.Default);

        Assert.Equal(html, writer.ToString());
    }
}
