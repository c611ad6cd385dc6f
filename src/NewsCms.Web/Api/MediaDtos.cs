using Microsoft.AspNetCore.Mvc;
using NewsCms.Media;
using NewsCms.Previews;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Api;

/// <summary>A photo in the media library, with its credit and the sizes it is served in.</summary>
public sealed record MediaDto : MediaWriteDto
{
    public MediaDto()
    {
    }

    public MediaDto(MediaWriteDto fields) : base(fields)
    {
    }

    /// <summary>The photo's id (a lead image's <c>mediaId</c>).</summary>
    public int Id { get; init; }

    /// <summary>The original file's absolute URL; null while an imported photo waits for its file.</summary>
    public string? Url { get; init; }

    /// <summary>The original's type, as read from its bytes: image/jpeg, image/png, image/webp or image/gif.</summary>
    public string? ContentType { get; init; }

    /// <summary>The original's width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>The original's height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>The original's size in bytes.</summary>
    public long ByteSize { get; init; }

    /// <summary>The file name it was uploaded with (data only).</summary>
    public string? OriginalFileName { get; init; }

    /// <summary>The resized copies pages use, by format then width.</summary>
    public IReadOnlyList<RenditionDto> Renditions { get; init; } = [];

    /// <summary>When the photo was uploaded.</summary>
    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>One resized copy of a photo.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Format">"webp" or "jpeg".</param>
/// <param name="Url">Its absolute URL.</param>
public sealed record RenditionDto(int Width, int Height, string Format, string Url);

/// <summary>The fields a person writes about a photo. Each replaces the stored one; empty or absent clears it.</summary>
/// <remarks>The same names serve as JSON members and as upload form fields.</remarks>
public record MediaWriteDto
{
    /// <summary>Describes the picture for readers who cannot see it.</summary>
    [FromForm(Name = "altText")]
    public string? AltText { get; init; }

    /// <summary>The caption an article gets unless it writes its own.</summary>
    [FromForm(Name = "defaultCaption")]
    public string? DefaultCaption { get; init; }

    /// <summary>The credit readers see, as written.</summary>
    [FromForm(Name = "creditLine")]
    public string? CreditLine { get; init; }

    /// <summary>Who took the photo.</summary>
    [FromForm(Name = "photographer")]
    public string? Photographer { get; init; }

    /// <summary>The agency or organisation it came from.</summary>
    [FromForm(Name = "source")]
    public string? Source { get; init; }

    /// <summary>The copyright notice.</summary>
    [FromForm(Name = "copyrightNotice")]
    public string? CopyrightNotice { get; init; }

    /// <summary>The licence's absolute http(s) address.</summary>
    [FromForm(Name = "licenseUrl")]
    public string? LicenseUrl { get; init; }

    /// <summary>Where to license the photo: an absolute http(s) address.</summary>
    [FromForm(Name = "licensorUrl")]
    public string? LicensorUrl { get; init; }
}

/// <summary>An upload: the image file and what a person says about it. Empty credit fields are
/// filled from the file's IPTC/XMP metadata; alt text never is.</summary>
public sealed record MediaUploadDto : MediaWriteDto
{
    /// <summary>The image: JPEG, PNG, WebP or GIF, checked by its content (required).</summary>
    [FromForm(Name = "file")]
    public IFormFile? File { get; init; }
}

/// <summary>A shareable address that shows an article as readers will see it, without an account.</summary>
public sealed record PreviewLinkDto
{
    /// <summary>The link's id (to revoke it).</summary>
    public required int Id { get; init; }

    /// <summary>The article it shows.</summary>
    public required int ArticleId { get; init; }

    /// <summary>The absolute preview address. Only in the answer that creates the link: it cannot be read back.</summary>
    public string? Url { get; init; }

    /// <summary>When the link was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stops working.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Who made it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Neither expired nor revoked.</summary>
    public bool IsActive { get; init; }
}

/// <summary>How long a new preview link lasts.</summary>
public sealed record PreviewLinkCreateDto
{
    /// <summary>Hours until it expires: 1 to 720 (default 168, a week).</summary>
    public int? ExpiresInHours { get; init; }
}

public static class MediaApiMappings
{
    public static MediaDto ToDto(this MediaView m, SiteUrls urls) => new(m.ToWriteDto())
    {
        Id = m.Id,
        Url = urls.AbsoluteOrNull(m.Url),
        ContentType = m.ContentType,
        Width = m.Width,
        Height = m.Height,
        ByteSize = m.ByteSize,
        OriginalFileName = m.OriginalFileName,
        Renditions = m.Renditions.Select(r => new RenditionDto(r.Width, r.Height, r.Format, urls.Absolute(r.Url))).ToList(),
        UploadedAt = m.UploadedAt,
    };

    public static MediaWriteDto ToWriteDto(this MediaView m) => new()
    {
        AltText = m.AltText,
        DefaultCaption = m.DefaultCaption,
        CreditLine = m.Credit.CreditLine,
        Photographer = m.Credit.Photographer,
        Source = m.Credit.Source,
        CopyrightNotice = m.Credit.CopyrightNotice,
        LicenseUrl = m.Credit.LicenseUrl,
        LicensorUrl = m.Credit.LicensorUrl,
    };

    public static MediaInput ToInput(this MediaWriteDto d) =>
        new(d.AltText, d.DefaultCaption, d.CreditLine, d.Photographer, d.Source, d.CopyrightNotice, d.LicenseUrl, d.LicensorUrl);

    public static PreviewLinkDto ToDto(this PreviewLinkView l, string? url = null) => new()
    {
        Id = l.Id,
        ArticleId = l.ArticleId,
        Url = url,
        CreatedAt = l.CreatedAt,
        ExpiresAt = l.ExpiresAt,
        RevokedAt = l.RevokedAt,
        CreatedBy = l.CreatedBy,
        IsActive = l.IsActive,
    };
}
