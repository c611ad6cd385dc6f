using System.Text;
using System.Xml;

namespace NewsCms.Web.Syndication;

public static class XmlText
{
    // Text fields may hold characters XML 1.0 cannot carry (control characters pasted from other
    // tools): they are dropped, so one stray character never breaks a feed for every reader.
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) sb.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                sb.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }
        return sb.ToString();
    }

    // A whole UTF-8 document (no byte-order mark) from what the body writes.
    public static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartDocument();
            body(w);
            w.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
