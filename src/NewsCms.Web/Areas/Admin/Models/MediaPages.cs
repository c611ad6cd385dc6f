using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using NewsCms.Articles;
using NewsCms.Media;

namespace NewsCms.Web.Areas.Admin.Models;

// The library grid: a search and one page of photos, newest first.
public sealed record MediaLibraryPage(string? Q, string? After, PagedList<MediaView> Images)
{
    public Dictionary<string, string> RouteValues(string? after)
    {
        var values = new Dictionary<string, string?> { ["q"] = Q, ["after"] = after };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }
}

// Several photos at once, and credit fields that apply to each (the file's own metadata fills
// what is left empty). A browser cannot give back chosen files, so a refused form keeps the
// typed fields and lists which files made it.
public sealed class MediaUploadForm
{
    public List<IFormFile> Files { get; set; } = [];
    public string? CreditLine { get; set; }
    public string? Photographer { get; set; }
    public string? Source { get; set; }
    public string? CopyrightNotice { get; set; }

    public List<MediaView> Uploaded { get; } = [];

    public MediaInput ToInput() => new(CreditLine: CreditLine, Photographer: Photographer, Source: Source, CopyrightNotice: CopyrightNotice);
}

// The fields a journalist writes about a photo, named as MediaService names its errors.
public sealed class MediaEditForm
{
    public string? AltText { get; set; }
    public string? DefaultCaption { get; set; }
    public string? CreditLine { get; set; }
    public string? Photographer { get; set; }
    public string? Source { get; set; }
    public string? CopyrightNotice { get; set; }
    public string? LicenseUrl { get; set; }
    public string? LicensorUrl { get; set; }

    // What the page shows around the form: the photo itself and the articles using it.
    [BindNever, ValidateNever]
    public MediaEditContext Page { get; set; } = null!;

    public MediaInput ToInput() => new(AltText, DefaultCaption, CreditLine, Photographer, Source, CopyrightNotice, LicenseUrl, LicensorUrl);

    public static MediaEditForm From(MediaView m) => new()
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
}

public sealed record MediaEditContext(MediaView Media, IReadOnlyList<MediaUse> Uses, bool CanDelete);

// What the pickers' script needs about a photo to show it and fill the lead image field.
public sealed record MediaChoice(int Id, string? Thumbnail, string? AltText, string? Caption, string? Credit, string EditUrl, string? FileName)
{
    public static MediaChoice From(MediaView m) =>
        new(m.Id, MediaThumbnails.Url(m), m.AltText, m.DefaultCaption, m.Credit.Display, $"/admin/media/{m.Id}", m.OriginalFileName);
}

public static class MediaThumbnails
{
    // The smallest JPEG rendition (every browser shows JPEG), or the original when it is too small to have one.
    public static string? Url(MediaView m) =>
        m.Renditions.Where(r => r.Format == "jpeg").OrderBy(r => r.Width).FirstOrDefault()?.Url ?? m.Url;

    public static string Uses(MediaUse use) => (use.AsLeadImage, use.InBody) switch
    {
        (true, true) => "lead image and in the text",
        (true, false) => "lead image",
        _ => "in the text",
    };

    public static string Status(MediaUse use) => StatusLabels.Of(use.Status);
}
