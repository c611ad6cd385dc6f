using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsCms.Articles;
using NewsCms.Rendering;

namespace NewsCms.Portability;

// The records of an export folder, one JSON object a line (docs/export-format.md). Field names
// are camelCase and stable: other systems read these files, so a rename is a breaking change.
public static class ExportFormat
{
    public const string ArticlesFile = "articles.jsonl";
    public const string MediaFile = "media.jsonl";
    public const string MediaFolder = "media";
    public const string MarkdownFolder = "markdown";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        // Headlines keep their dashes and accents readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static bool IsExportFolder(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, ArticlesFile));

    // Rewrites each callout line (`[[related: REF]]`) that replace has a new line for.
    internal static string RewriteCallouts(string markdown, Func<string, string?> replace)
    {
        if (!markdown.Contains("[[", StringComparison.Ordinal)) return markdown;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = RelatedCalloutParser.Syntax().Match(lines[i].TrimEnd('\r'));
            if (m.Success && replace(m.Groups["ref"].Value.ToLowerInvariant()) is { } line) lines[i] = line;
        }
        return string.Join('\n', lines);
    }
}

public sealed record ExportedArticle
{
    public int Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string? Dek { get; init; }
    public ArticleKind Kind { get; init; }
    public ArticleStatus Status { get; init; }

    // Callouts name their target by slug (`[[related: some-slug]]`), so they survive new ids.
    public string BodyMarkdown { get; init; } = "";
    public IReadOnlyList<ExportedSection> Sections { get; init; } = [];
    public ExportedLeadImage? LeadImage { get; init; }
    public IReadOnlyList<ExportedAttribution> Attributions { get; init; } = [];
    public IReadOnlyList<string> RelatedArticles { get; init; } = [];
    public IReadOnlyList<ExportedAuthor> Authors { get; init; } = [];
    public IReadOnlyList<ExportedTag> Tags { get; init; } = [];
    public string? OriginalUrl { get; init; }
    public IReadOnlyList<ExportedCorrection> Corrections { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? RevisedAt { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset? UnpublishedAt { get; init; }
    public int Version { get; init; }

    // Only with `export --revisions`; null otherwise.
    public IReadOnlyList<ExportedRevision>? Revisions { get; init; }
}

public sealed record ExportedSection(string Question, string AnswerMarkdown, string Anchor);

// MediaId is the "id" of a line of media.jsonl in the same export.
public sealed record ExportedLeadImage(int MediaId, string? Caption);

public sealed record ExportedAttribution(string Text, string? Organization);

public sealed record ExportedAuthor(string Name, string Slug, string? JobTitle, string? Bio);

public sealed record ExportedTag(string Name, string Slug, string? Description);

public sealed record ExportedCorrection(CorrectionKind Kind, string Text, DateTimeOffset PublishedAt);

public sealed record ExportedRevision(int Version, DateTimeOffset CreatedAt, string CreatedBy, string Action, JsonElement Snapshot);

public sealed record ExportedMedia
{
    public int Id { get; init; }
    public string? OriginalFileName { get; init; }
    public string? ContentHash { get; init; }
    public string? ContentType { get; init; }
    public long ByteSize { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string? AltText { get; init; }
    public string? DefaultCaption { get; init; }
    public ExportedCredit Credit { get; init; } = new(null, null, null, null, null, null);
    public DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? UploadedBy { get; init; }

    // The original's path inside the export folder ("media/ab12....jpg"); null while it is awaited.
    public string? File { get; init; }
    public IReadOnlyList<ExportedRendition> Renditions { get; init; } = [];
}

public sealed record ExportedCredit(
    string? CreditLine, string? Photographer, string? Source, string? CopyrightNotice, string? LicenseUrl, string? LicensorUrl);

// FileName is under media/ in the export, as in the site's media directory.
public sealed record ExportedRendition(int Width, int Height, string Format, string FileName, long ByteSize);
