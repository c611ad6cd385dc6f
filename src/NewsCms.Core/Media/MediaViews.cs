namespace NewsCms.Media;

public sealed record CreditView(
    string? CreditLine, string? Photographer, string? Source, string? CopyrightNotice, string? LicenseUrl, string? LicensorUrl)
{
    public static CreditView From(ImageCredit c) =>
        new(c.CreditLine, c.Photographer, c.Source, c.CopyrightNotice, c.LicenseUrl, c.LicensorUrl);

    public bool IsEmpty => CreditLine is null && Photographer is null && Source is null && CopyrightNotice is null;

    // What readers see under the caption: the credit line, or what it would have said.
    public string? Display => CreditLine
        ?? string.Join(" / ", new[] { Photographer, Source }.Where(s => !string.IsNullOrWhiteSpace(s))) switch
        {
            "" => null,
            var s => s,
        };
}

public sealed record RenditionView(int Width, int Height, string Format, string Url);

public sealed record MediaView(
    int Id,
    bool HasFile,
    string? Url,
    string? ContentType,
    int Width,
    int Height,
    string? AltText,
    string? DefaultCaption,
    CreditView Credit,
    string? OriginalFileName,
    long ByteSize,
    DateTimeOffset UploadedAt,
    IReadOnlyList<RenditionView> Renditions);

// An article showing a photo, and how: the media library lists these, and refuses to delete while any remain.
public sealed record MediaUse(int ArticleId, string Headline, NewsCms.Articles.ArticleStatus Status, bool AsLeadImage, bool InBody);

public static class MediaPaths
{
    public static string? Original(string? contentHash, string? contentType) =>
        contentHash is null ? null : $"/media/{contentHash}{Extension(contentType)}";

    public static string Rendition(string fileName) => $"/media/{fileName}";

    public static string Extension(string? contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => ".bin",
    };
}

public static class MediaMappings
{
    public static MediaView ToView(this MediaAsset m) => new(
        m.Id,
        m.HasFile,
        MediaPaths.Original(m.ContentHash, m.ContentType),
        m.ContentType,
        m.Width,
        m.Height,
        m.AltText,
        m.DefaultCaption,
        CreditView.From(m.Credit),
        m.OriginalFileName,
        m.ByteSize,
        m.UploadedAt,
        m.Renditions.OrderBy(r => r.Format).ThenBy(r => r.Width)
            .Select(r => new RenditionView(r.Width, r.Height, r.Format, MediaPaths.Rendition(r.FileName))).ToList());
}
