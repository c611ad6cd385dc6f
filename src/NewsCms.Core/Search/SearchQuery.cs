using System.Text;

namespace NewsCms.Search;

public enum SearchProblem
{
    None,
    Empty,
    TooLong,
    NoWords,
}

// What a reader typed, reduced to plain words. Readers do not write query syntax: quotes,
// stars, minus signs and operators are taken as text, so no query can be malformed.
public sealed record SearchQuery(string Text, IReadOnlyList<string> Terms, SearchProblem Problem)
{
    public const int MaxLength = 200;
    public const int MaxTerms = 16;

    public bool IsValid => Problem == SearchProblem.None;

    public static SearchQuery Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return new(trimmed, [], SearchProblem.Empty);
        if (trimmed.Length > MaxLength) return new(trimmed[..MaxLength], [], SearchProblem.TooLong);
        var terms = new List<string>();
        foreach (var raw in trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var term = Clean(raw);
            if (term.Any(char.IsLetterOrDigit) && !terms.Contains(term, StringComparer.OrdinalIgnoreCase))
                terms.Add(term);
            if (terms.Count == MaxTerms) break;
        }
        return new(trimmed, terms, terms.Count == 0 ? SearchProblem.NoWords : SearchProblem.None);
    }

    // Double quotes end a phrase token and control characters have no place in a query.
    private static string Clean(string term)
    {
        var sb = new StringBuilder(term.Length);
        foreach (var ch in term)
        {
            if (ch == '"' || char.IsControl(ch) || ch is SearchMarkup.Start or SearchMarkup.End) continue;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
