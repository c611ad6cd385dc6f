using System.Globalization;

namespace NewsCms.Web.Infrastructure;

// Dates as readers read them, in the newsroom's time zone: "September 28, 2020".
public static class DisplayFormats
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Date(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("MMMM d, yyyy", English);

    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var name = zone == TimeZoneInfo.Utc ? "UTC" : local.ToString("zzz", English);
        return local.ToString("MMMM d, yyyy, HH:mm", English) + " " + name;
    }

    // The machine-readable form for <time datetime>: ISO 8601 with offset.
    public static string Iso(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
