using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;

namespace NewsCms.Importing;

public enum ImportStatus
{
    Imported,
    Skipped,
    Failed,
}

public sealed record ImportOutcome(string File, ImportStatus Status, IReadOnlyList<ImportError> Errors)
{
    public int? ArticleId { get; init; }

    // The article's public path: where it now is, or where the earlier import of it is.
    public string? PublicPath { get; init; }

    // The lead photo's library entry, awaiting its file, and the file found beside the text (same
    // base name) for the media service to attach to it.
    public int? LeadMediaId { get; init; }
    public string? LeadImageFile { get; init; }

    public static ImportOutcome Failed(string file, string message) =>
        new(file, ImportStatus.Failed, [new ImportError(file, null, message)]);
}

// Stores articles read by ArticleTextParser, published at the date they carry. One file is one
// transaction: it is imported whole or not at all, and importing it again changes nothing.
public sealed class ArticleImporter(
    NewsCmsDbContext db,
    ArticleService articles,
    AuthorService authors,
    TimeProvider clock,
    IOptions<SiteOptions> site)
{
    // Far above any article (the body alone is limited to 200,000 characters), far below trouble.
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif"];

    // displayName: how the file is named in messages (the path as the user typed it).
    public async Task<ImportOutcome> ImportFileAsync(string path, string displayName, Actor actor, CancellationToken ct)
    {
        string text;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
                return ImportOutcome.Failed(displayName, Directory.Exists(path) ? "is a folder, not a text file" : "no such file");
            if (file.Length > MaxFileBytes)
                return ImportOutcome.Failed(displayName, $"is {file.Length:N0} bytes; an article file is at most {MaxFileBytes:N0}");
            text = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ImportOutcome.Failed(displayName, $"cannot be read: {e.Message}");
        }
        return await ImportTextAsync(text, displayName, actor, ct, FindLeadImageFile(path));
    }

    public async Task<ImportOutcome> ImportTextAsync(string text, string fileName, Actor actor, CancellationToken ct,
        string? leadImageFile = null)
    {
        var parsed = ArticleTextParser.Parse(text, fileName);
        if (!parsed.Succeeded) return new ImportOutcome(fileName, ImportStatus.Failed, parsed.Errors);
        var article = parsed.Article!;
        var zone = site.Value.TimeZoneInfo;
        var publishedAt = article.PublishedOn.ToPublishedAt(zone);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (await FindEarlierImportAsync(article, publishedAt, zone, ct) is { } earlier)
                return new ImportOutcome(fileName, ImportStatus.Skipped, []) { ArticleId = earlier.Id, PublicPath = earlier.Path };

            var authorIds = await BylinesAsync(article.Bylines, actor, ct);
            var mediaId = article.LeadPhoto is not null || leadImageFile is not null
                ? await AddAwaitingPhotoAsync(article.LeadPhoto, leadImageFile, actor, ct)
                : (int?)null;
            var related = await db.Articles.AsNoTracking()
                .Where(a => article.RelatedSlugs.Contains(a.Slug))
                .Select(a => new { a.Id, a.Slug })
                .ToListAsync(ct);

            var detail = await articles.CreatePublishedAsync(new ArticleInput
            {
                Headline = article.Headline,
                Dek = article.Dek,
                Kind = article.Sections.Count > 0 ? ArticleKind.Explainer : ArticleKind.News,
                BodyMarkdown = article.BodyMarkdown,
                Sections = article.Sections,
                LeadImage = mediaId is { } id ? new LeadImageInput(id, article.LeadPhoto?.Caption) : null,
                Attributions = article.Attributions,
                RelatedArticleIds = article.RelatedSlugs.SelectMany(slug => related.Where(r => r.Slug == slug).Select(r => r.Id)).ToList(),
                AuthorIds = authorIds,
                OriginalUrl = article.OriginalUrl,
            }, publishedAt, actor, ct);
            await transaction.CommitAsync(ct);
            return new ImportOutcome(fileName, ImportStatus.Imported, [])
            {
                ArticleId = detail.Id,
                PublicPath = detail.Path,
                LeadMediaId = mediaId,
                LeadImageFile = leadImageFile,
            };
        }
        catch (DomainException e)
        {
            await transaction.RollbackAsync(ct);
            // Nothing of this file stays behind, not even in the change tracker.
            db.ChangeTracker.Clear();
            return new ImportOutcome(fileName, ImportStatus.Failed, Describe(e, article, fileName));
        }
    }

    // A photo with the text file's name ("story.txt" -> "story.jpg") is that article's lead photo.
    public static string? FindLeadImageFile(string textPath)
    {
        var full = Path.GetFullPath(textPath);
        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) return null;
        var stem = Path.GetFileNameWithoutExtension(full);
        return Directory.EnumerateFiles(folder, stem + ".*")
            .Where(f => Path.GetFileNameWithoutExtension(f) == stem
                        && ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    // The same original URL, or the same headline on the same day, is the same article.
    private async Task<(int Id, string? Path)?> FindEarlierImportAsync(ImportedArticle article, DateTimeOffset publishedAt,
        TimeZoneInfo zone, CancellationToken ct)
    {
        var candidates = db.Articles.AsNoTracking();
        var slug = Slugs.From(article.Headline);
        candidates = article.OriginalUrl is { } url
            ? candidates.Where(a => a.OriginalUrl == url || a.Slug == slug)
            : candidates.Where(a => a.Slug == slug);
        var day = DayOf(publishedAt, zone);
        foreach (var a in await candidates.ToListAsync(ct))
        {
            if ((article.OriginalUrl is not null && a.OriginalUrl == article.OriginalUrl)
                || (a.PublishedAt is { } at && DayOf(at, zone) == day))
                return (a.Id, ArticleMappings.PublicPath(a, zone));
        }
        return null;
    }

    private static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private async Task<List<int>> BylinesAsync(IReadOnlyList<string> names, Actor actor, CancellationToken ct)
    {
        var ids = new List<int>();
        try
        {
            foreach (var name in names)
                ids.Add((await authors.FindOrCreateAsync(name, actor, ct)).Id);
        }
        catch (ValidationFailedException e)
        {
            // The author's own field names mean nothing in a text file: point at the byline.
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["Bylines"] = e.Errors.Values.SelectMany(m => m).Select(m => $"byline: {m}").ToArray(),
            });
        }
        return ids;
    }

    // The caption and credit arrive before the photo: the library entry waits for its file.
    private async Task<int> AddAwaitingPhotoAsync(ImportedPhoto? photo, string? imageFile, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var fileName = imageFile is null ? null : Path.GetFileName(imageFile);
        var asset = new MediaAsset
        {
            DefaultCaption = photo?.Caption,
            Credit = new ImageCredit
            {
                CreditLine = photo?.CreditLine,
                Photographer = photo?.Photographer,
                Source = photo?.Source,
            },
            OriginalFileName = fileName is { Length: > FieldLimits.FileName } ? fileName[..FieldLimits.FileName] : fileName,
            UploadedAt = now,
            UpdatedAt = now,
            UploadedBy = actor.Name.Length > FieldLimits.Actor ? actor.Name[..FieldLimits.Actor] : actor.Name,
        };
        db.MediaAssets.Add(asset);
        await db.SaveChangesAsync(ct);
        return asset.Id;
    }

    private static List<ImportError> Describe(DomainException e, ImportedArticle article, string fileName) =>
        e is ValidationFailedException invalid
            ? invalid.Errors
                .SelectMany(field => field.Value.Select(message => new ImportError(fileName, article.LineOf(field.Key), message)))
                .OrderBy(error => error.Line)
                .ToList()
            : [new ImportError(fileName, null, e.Message)];
}
