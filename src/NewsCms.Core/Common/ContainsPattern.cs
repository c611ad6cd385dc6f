namespace NewsCms.Common;

// "Contains this text, whatever its case" as a LIKE pattern with \ as the escape character.
// SQLite's LIKE ignores ASCII case and PostgreSQL's ignores none, so callers lower the column in
// SQL (`EF.Functions.Like(x.Headline.ToLower(), pattern, "\\")`) and the pattern comes lowered
// from here: the same matches on both. (SQLite's lower() folds ASCII only, as its LIKE did.)
public static class ContainsPattern
{
    public const string Escape = "\\";

    public static string For(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
