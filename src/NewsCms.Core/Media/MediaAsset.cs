namespace NewsCms.Media;

// A photo in the library, reusable across articles. Its credit travels with it everywhere.
public sealed class MediaAsset
{
    public int Id { get; set; }

    // The name it was uploaded under: kept as data only, never as a path.
    public string? OriginalFileName { get; set; }

    // SHA-256 of the stored (re-encoded) original, in hex; it names the files on disk.
    // Null while the photo itself is awaited (an import that carried only the caption and credit).
    public string? ContentHash { get; set; }

    public string? ContentType { get; set; }
    public long ByteSize { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    // Required before the image appears in a published article; never guessed from the file name.
    public string? AltText { get; set; }
    public string? DefaultCaption { get; set; }
    public ImageCredit Credit { get; set; } = new();

    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UploadedBy { get; set; }

    public List<MediaRendition> Renditions { get; set; } = [];

    public bool HasFile => ContentHash is not null;
}

// Field names follow IPTC Photo Metadata; STANDARDS.md maps them to schema.org and Media RSS.
public sealed class ImageCredit
{
    // "Name / AP / TASS": what readers see under the caption.
    public string? CreditLine { get; set; }
    public string? Photographer { get; set; }

    // The agency or other supplier (IPTC Source).
    public string? Source { get; set; }
    public string? CopyrightNotice { get; set; }
    public string? LicenseUrl { get; set; }
    public string? LicensorUrl { get; set; }
}

public sealed class MediaRendition
{
    public int Id { get; set; }
    public int MediaAssetId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string Format { get; set; } = "";
    public string FileName { get; set; } = "";
    public long ByteSize { get; set; }
}
