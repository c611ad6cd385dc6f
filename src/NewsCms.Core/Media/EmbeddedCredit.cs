using MetadataExtractor;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;

namespace NewsCms.Media;

// The caption and credit a photo carries in its IPTC (IIM) or XMP block (STANDARDS.md table).
// Alt text is never read from the file: it describes the picture for this site's readers.
public sealed record EmbeddedCredit(
    string? Photographer, string? CreditLine, string? Source, string? CopyrightNotice, string? Caption,
    string? LicenseUrl, string? LicensorUrl)
{
    public static EmbeddedCredit None { get; } = new(null, null, null, null, null, null, null);

    public static EmbeddedCredit Read(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or InvalidOperationException)
        {
            // Broken metadata is not a reason to refuse a photo that decodes.
            return None;
        }

        var iptc = directories.OfType<IptcDirectory>().FirstOrDefault();
        var xmp = directories.OfType<XmpDirectory>().FirstOrDefault()?.GetXmpProperties()
            ?? new Dictionary<string, string>();
        string? Iim(int tag) => Clean(iptc?.GetString(tag));
        string? Xmp(params string[] paths) =>
            paths.Select(p => xmp.TryGetValue(p, out var v) ? Clean(v) : null).FirstOrDefault(v => v is not null);

        return new EmbeddedCredit(
            Iim(IptcDirectory.TagByLine) ?? Xmp("dc:creator[1]"),
            Iim(IptcDirectory.TagCredit) ?? Xmp("photoshop:Credit", "Iptc4xmpCore:CreditLine"),
            Iim(IptcDirectory.TagSource) ?? Xmp("photoshop:Source"),
            Iim(IptcDirectory.TagCopyrightNotice) ?? Xmp("dc:rights[1]"),
            Iim(IptcDirectory.TagCaption) ?? Xmp("dc:description[1]"),
            Xmp("xmpRights:WebStatement"),
            Xmp("plus:Licensor[1]/plus:LicensorURL"));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
