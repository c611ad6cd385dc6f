using System.Globalization;

namespace NewsCms.Articles;

// An article's public path carries its first publication date in the newsroom's time zone and
// its slug: /2026/03/14/what-the-new-grid-rules-mean.
public static class ArticlePaths
{
    public static string For(DateTimeOffset publishedAt, string slug, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(publishedAt, zone);
        return string.Create(CultureInfo.InvariantCulture, $"/{local.Year:D4}/{local.Month:D2}/{local.Day:D2}/{slug}");
    }
}
