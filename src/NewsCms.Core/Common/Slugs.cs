using System.Globalization;
using System.Text;

namespace NewsCms.Common;

public static class Slugs
{
    public const string Pattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

    // "What Is Russia's Role?" -> "what-is-russias-role". Accents fold to their letters; other
    // scripts are transliterated where .NET knows how and dropped where it does not.
    public static string From(string? text, int maxLength = FieldLimits.Slug)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var ch in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            // Apostrophes join words ("Russia's" -> "russias") rather than splitting them.
            if (ch is '\'' or '\u2019' or '\u2018') continue;
            var lower = char.ToLowerInvariant(ch);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                pendingDash = false;
                sb.Append(lower);
            }
            else if (Transliterate(lower) is { } latin)
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                pendingDash = false;
                sb.Append(latin);
            }
            else
            {
                pendingDash = true;
            }
        }

        var slug = sb.ToString();
        if (slug.Length <= maxLength) return slug;
        var cut = slug[..maxLength];
        var lastDash = cut.LastIndexOf('-');
        return (lastDash > maxLength / 2 ? cut[..lastDash] : cut).Trim('-');
    }

    // The slug of a named thing (an author, a tag): the one asked for, else the one it has, else
    // one made from its name. Once given, a slug does not follow renames: links to it stay.
    public static string ForName(string? requested, string current, string name) =>
        string.IsNullOrWhiteSpace(requested) ? current.Length > 0 ? current : From(name) : requested.Trim().ToLowerInvariant();

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= FieldLimits.Slug
        && System.Text.RegularExpressions.Regex.IsMatch(slug, Pattern);

    private static string? Transliterate(char c) => c switch
    {
        'ß' => "ss", 'æ' => "ae", 'ø' => "o", 'œ' => "oe", 'ð' => "d", 'þ' => "th", 'ł' => "l", 'đ' => "d", 'ı' => "i",
        'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' => "e", 'ё' => "e", 'ж' => "zh",
        'з' => "z", 'и' => "i", 'й' => "y", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o",
        'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "kh", 'ц' => "ts",
        'ч' => "ch", 'ш' => "sh", 'щ' => "shch", 'ы' => "y", 'э' => "e", 'ю' => "yu", 'я' => "ya",
        'ъ' or 'ь' => "",
        _ => null,
    };
}
