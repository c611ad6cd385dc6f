using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsCms.Importing;

// The date line under a headline, in the forms newsrooms write it: "September 28, 2020",
// "Sept. 28, 2020", "Monday, 28 September 2020", "2020-09-28", "2020-09-28T14:30:00+03:00",
// "Sep 28, 2020, 2:30 pm", optionally after "Published:" and wrapped in emphasis.
internal static partial class DateLines
{
    private static readonly string[] DateFormats =
    [
        "MMMM d yyyy", "MMM d yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy MMMM d", "yyyy/M/d", "yyyy.M.d", "d.M.yyyy",
    ];

    private static readonly string[] TimeFormats = ["H:mm", "H:mm:ss", "h:mm tt", "h:mm:ss tt", "h:mmtt", "h tt", "htt"];

    // A line made only of date words and numbers, so a dek such as "3 things to know" is not one.
    public static bool LooksLikeDate(string shape)
    {
        var text = Normalize(shape);
        if (text.Length is 0 or > 60 || !text.Any(char.IsAsciiDigit)) return false;
        return text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).All(t => DateToken().IsMatch(t));
    }

    public static bool TryParse(string shape, out ImportedDate date, out string problem)
    {
        date = default;
        problem = "write it like \"September 28, 2020\" or \"2020-09-28\"";
        var text = Normalize(shape);

        if (IsoDate().Match(text) is { Success: true } iso)
        {
            if (!DateOnly.TryParseExact(iso.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return false;
            if (!TryTime(iso.Groups["time"].Value, out var time) || !TryOffset(iso.Groups["zone"].Value, out var offset))
                return false;
            date = new ImportedDate(day, time, offset);
            return true;
        }

        var parts = WithTime().Match(text);
        var datePart = parts.Groups["date"].Value.Replace(",", " ", StringComparison.Ordinal);
        datePart = Spaces().Replace(datePart, " ").Trim();
        if (!TryTime(parts.Groups["time"].Value, out var clock) || !TryOffset(parts.Groups["zone"].Value, out var zone))
            return false;
        if (SlashDate().Match(datePart) is { Success: true } slash)
            return TrySlashDate(slash, clock, zone, out date, ref problem);
        if (!DateOnly.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return false;
        date = new ImportedDate(parsed, clock, zone);
        return true;
    }

    // 09/28/2020 can only be month first; 05/06/2020 could be either, so it is refused.
    private static bool TrySlashDate(Match slash, TimeOnly? clock, TimeSpan? zone, out ImportedDate date, ref string problem)
    {
        date = default;
        var a = int.Parse(slash.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(slash.Groups["b"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(slash.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 100) year += 2000;
        DateOnly? monthFirst = a <= 12 && b <= DateTime.DaysInMonth(year, a) ? new DateOnly(year, a, b) : null;
        DateOnly? dayFirst = b <= 12 && a <= DateTime.DaysInMonth(year, b) ? new DateOnly(year, b, a) : null;
        if (monthFirst is { } m && dayFirst is { } d && m != d)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"it could be {m:MMMM d} or {d:MMMM d}; write it like \"{m:yyyy-MM-dd}\"");
            return false;
        }
        if ((monthFirst ?? dayFirst) is not { } day) return false;
        date = new ImportedDate(day, clock, zone);
        return true;
    }

    private static bool TryTime(string value, out TimeOnly? time)
    {
        time = null;
        if (value.Length == 0) return true;
        if (!TimeOnly.TryParseExact(value.Replace('.', ':').ToUpperInvariant(), TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces, out var parsed)) return false;
        time = parsed;
        return true;
    }

    private static bool TryOffset(string value, out TimeSpan? offset)
    {
        offset = null;
        if (value.Length == 0) return true;
        if (value.ToUpperInvariant() is "Z" or "UTC" or "GMT")
        {
            offset = TimeSpan.Zero;
            return true;
        }
        var m = OffsetPattern().Match(value);
        if (!m.Success) return false;
        var span = new TimeSpan(int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), 0);
        if (span > TimeSpan.FromHours(14)) return false;
        offset = m.Groups["sign"].Value == "-" ? -span : span;
        return true;
    }

    private static string Normalize(string shape)
    {
        var text = ArticleTextParser.Unwrap(shape);
        text = Prefix().Replace(text, "");
        text = Weekday().Replace(text, "");
        text = Ordinal().Replace(text, "$1");
        text = Sept().Replace(text, "Sep");
        text = MonthAbbreviation().Replace(text, "$1");
        text = Meridiem().Replace(text, m => m.Groups["x"].Value.ToUpperInvariant() + "M");
        text = At().Replace(text, " ");
        return Spaces().Replace(text, " ").Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^(?:published|posted|date|dated)\s*(?::|on\b)?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\bsept\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sept();

    [GeneratedRegex(@"\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.", RegexOptions.IgnoreCase)]
    private static partial Regex MonthAbbreviation();

    [GeneratedRegex(@"\b(?<x>[ap])\.?m\.?(?=\s|$|,)", RegexOptions.IgnoreCase)]
    private static partial Regex Meridiem();

    [GeneratedRegex(@"\s+at\s+", RegexOptions.IgnoreCase)]
    private static partial Regex At();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[T ](?<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(?<zone>Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<date>.+?)(?:,?\s+(?<time>\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AP]M)?|\d{1,2}\s*[AP]M)(?:\s*(?<zone>UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex WithTime();

    [GeneratedRegex(@"^(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{2}|\d{4})$")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^(?:\d{1,4}[./-]?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[:.]\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?|[AP]M|UTC|GMT|Z|[+-]\d{2}:?\d{2}|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateToken();
}
