namespace NewsCms.Common;

// Bound from "NewsCms:Site". Defaults serve a fresh install; an Admin can change them later.
public sealed class SiteOptions
{
    public string Name { get; set; } = "NewsCms Daily";
    public string Description { get; set; } = "News and explainers.";

    // The public address, used for canonical links, feeds and sitemaps. Empty: taken from the request.
    public string? BaseUrl { get; set; }

    // Dates in URLs and on pages are the newsroom's calendar date, not UTC's.
    public string TimeZone { get; set; } = "UTC";

    // Absolute or site-relative addresses; an Admin can set them in the site settings instead.
    public string? LogoUrl { get; set; }
    public string? DefaultSocialImageUrl { get; set; }

    // ISO 639 language of the publication (html lang, news sitemap).
    public string Language { get; set; } = "en";

    public TimeZoneInfo TimeZoneInfo =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
