using NewsCms.Articles;

namespace NewsCms.Importing;

// An article as read from a text file written like the published explainers, before anything is
// stored: the importer turns it into an ArticleInput for ArticleService.
public sealed record ImportedArticle
{
    public string Headline { get; init; } = "";
    public string? Dek { get; init; }

    // Names as written on the byline ("By Ana Ruiz and Tom Berg" -> two names).
    public IReadOnlyList<string> Bylines { get; init; } = [];
    public ImportedDate PublishedOn { get; init; }
    public ImportedPhoto? LeadPhoto { get; init; }
    public string BodyMarkdown { get; init; } = "";
    public IReadOnlyList<QaSectionInput> Sections { get; init; } = [];
    public IReadOnlyList<AttributionInput> Attributions { get; init; } = [];

    // Slugs named by "Related article:" lines; each also stands as a callout in the Markdown.
    public IReadOnlyList<string> RelatedSlugs { get; init; } = [];
    public string? OriginalUrl { get; init; }

    // Where each part was read, keyed like ArticleService's validation fields ("Headline",
    // "Sections[2]", "Attributions[0]"), so a rule broken later still points at a line.
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    public int LineOf(string field)
    {
        if (Lines.TryGetValue(field, out var line)) return line;
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && Lines.TryGetValue(field[..dot], out line)) return line;
        return Lines.TryGetValue("Headline", out line) ? line : 1;
    }
}

// The date line: a calendar date, with a time and an offset only when the file gives them.
public readonly record struct ImportedDate(DateOnly Date, TimeOnly? Time = null, TimeSpan? Offset = null)
{
    // Without a time the article is placed at the start of its day in the newsroom's time zone,
    // so its URL carries the date the file shows.
    public DateTimeOffset ToPublishedAt(TimeZoneInfo zone)
    {
        var local = Date.ToDateTime(Time ?? TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Offset ?? zone.GetUtcOffset(local));
    }
}

// The photo line: "Caption text. **Photographer / Agency**".
public sealed record ImportedPhoto(string? Caption, string? CreditLine, string? Photographer, string? Source);

public sealed record ImportError(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } n ? $"{File}:{n}: {Message}" : $"{File}: {Message}";
}

public sealed record ParsedArticleFile(ImportedArticle? Article, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Article is not null && Errors.Count == 0;
}
