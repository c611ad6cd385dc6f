using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Importing;
using NewsCms.Media;
using NewsCms.Revisions;

namespace NewsCms.Portability;

public sealed record JsonImportReport(int Imported, int Skipped, int Media, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> SkippedSlugs);

// Reads an export folder (ArticleExporter) into a site, empty or not. Media first (file, then row),
// then each article in its own transaction with its status and dates, then related articles once
// they all exist. An article whose slug the site already has is skipped, so a second run adds nothing.
public sealed class ArticleJsonImporter(
    NewsCmsDbContext db,
    ArticleService articles,
    AuthorService authors,
    IOptions<DataOptions> data)
{
    public async Task<JsonImportReport> ImportAsync(string folder, Actor actor, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (!ExportFormat.IsExportFolder(folder))
            throw new IOException($"{folder} holds no {ExportFormat.ArticlesFile}.");
        var errors = new List<ImportError>();
        var media = await ImportMediaAsync(folder, errors, ct);

        var imported = new List<(int Id, ExportedArticle Article)>();
        var skipped = new List<string>();
        await foreach (var (line, article) in ReadAsync<ExportedArticle>(Path.Combine(folder, ExportFormat.ArticlesFile), errors, ct))
        {
            if (await db.Articles.AnyAsync(a => a.Slug == article.Slug, ct))
            {
                skipped.Add(article.Slug);
                continue;
            }
            if (await ImportArticleAsync(article, media, line, actor, errors, ct) is { } id) imported.Add((id, article));
        }

        // Second pass: every article named as related now exists (or was never in the export).
        foreach (var (id, article) in imported.Where(x => x.Article.RelatedArticles.Count > 0))
        {
            var slugs = article.RelatedArticles.ToList();
            var found = await db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug)).Select(a => new { a.Id, a.Slug }).ToListAsync(ct);
            var ids = slugs.SelectMany(s => found.Where(f => f.Slug == s).Select(f => f.Id)).ToList();
            foreach (var missing in slugs.Except(found.Select(f => f.Slug)))
                errors.Add(new ImportError(ExportFormat.ArticlesFile, null, $"{article.Slug}: the related article \"{missing}\" is not in the export or the site"));
            await articles.SetImportedRelatedAsync(id, ids, actor, ct);
        }
        return new JsonImportReport(imported.Count, skipped.Count, media.Count, errors, skipped);
    }

    private async Task<int?> ImportArticleAsync(ExportedArticle a, IReadOnlyDictionary<int, int> media, int line, Actor actor,
        List<ImportError> errors, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var authorIds = new List<int>();
            foreach (var author in a.Authors)
            {
                var existing = await authors.FindBySlugAsync(author.Slug, ct)
                               ?? await authors.CreateAsync(new AuthorInput(author.Name, author.Slug, author.JobTitle, author.Bio), actor, ct);
                authorIds.Add(existing.Id);
            }
            int? leadId = null;
            if (a.LeadImage is { } lead)
            {
                if (!media.TryGetValue(lead.MediaId, out var id))
                    throw ValidationFailedException.For("LeadImage.MediaId", $"The lead image {lead.MediaId} is not in {ExportFormat.MediaFile}.");
                leadId = id;
            }
            var input = new ArticleInput
            {
                Headline = a.Headline,
                Slug = a.Slug,
                Dek = a.Dek,
                Kind = a.Kind,
                BodyMarkdown = a.BodyMarkdown,
                Sections = a.Sections.Select(s => new QaSectionInput(s.Question, s.AnswerMarkdown, s.Anchor)).ToList(),
                LeadImage = leadId is { } mediaId ? new LeadImageInput(mediaId, a.LeadImage!.Caption) : null,
                Attributions = a.Attributions.Select(x => new AttributionInput(x.Text, x.Organization)).ToList(),
                AuthorIds = authorIds,
                Tags = a.Tags.Select(t => t.Name).ToList(),
                OriginalUrl = a.OriginalUrl,
                Corrections = a.Corrections.Select(c => new CorrectionInput(c.Kind, c.Text, PublishedAt: c.PublishedAt)).ToList(),
            };
            var history = new ArticleHistory(a.Status, a.CreatedAt, a.UpdatedAt, a.PublishedAt, a.RevisedAt, a.ScheduledFor, a.UnpublishedAt);
            var detail = await articles.CreateWithHistoryAsync(input, history, actor, ct);
            await DescribeNewTagsAsync(a.Tags, ct);
            if (a.Revisions is { Count: > 0 } revisions) await ReplaceRevisionsAsync(detail.Id, revisions, ct);
            await transaction.CommitAsync(ct);
            return detail.Id;
        }
        catch (DomainException e)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var messages = e is ValidationFailedException invalid
                ? invalid.Errors.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))
                : [e.Message];
            errors.AddRange(messages.Select(m => new ImportError(ExportFormat.ArticlesFile, line, $"{a.Slug}: {m}")));
            return null;
        }
    }

    // A tag the import created has only its name: it takes the description it had at the source.
    private async Task DescribeNewTagsAsync(IReadOnlyList<ExportedTag> tags, CancellationToken ct)
    {
        foreach (var exported in tags.Where(t => t.Description is not null))
        {
            var tag = await db.Tags.FirstOrDefaultAsync(t => t.Slug == exported.Slug, ct);
            if (tag is { Description: null }) tag.Description = exported.Description;
        }
        await db.SaveChangesAsync(ct);
    }

    // The history travels with the article: its revisions replace the one the import wrote.
    private async Task ReplaceRevisionsAsync(int articleId, IReadOnlyList<ExportedRevision> revisions, CancellationToken ct)
    {
        await db.ArticleRevisions.Where(r => r.ArticleId == articleId).ExecuteDeleteAsync(ct);
        db.ArticleRevisions.AddRange(revisions.Select(r => new ArticleRevision
        {
            ArticleId = articleId,
            Version = r.Version,
            CreatedAt = r.CreatedAt,
            CreatedBy = r.CreatedBy,
            Action = r.Action,
            SnapshotJson = r.Snapshot.GetRawText(),
        }));
        await db.SaveChangesAsync(ct);
        var version = revisions.Max(r => r.Version);
        await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, version), ct);
    }

    // Exported media id -> this site's id. A photo the site already has (same content hash) is reused.
    private async Task<Dictionary<int, int>> ImportMediaAsync(string folder, List<ImportError> errors, CancellationToken ct)
    {
        var map = new Dictionary<int, int>();
        var path = Path.Combine(folder, ExportFormat.MediaFile);
        if (!File.Exists(path)) return map;
        Directory.CreateDirectory(data.Value.MediaDirectory);
        await foreach (var (line, m) in ReadAsync<ExportedMedia>(path, errors, ct))
        {
            if (m.ContentHash is { } hash && await db.MediaAssets.AsNoTracking().FirstOrDefaultAsync(x => x.ContentHash == hash, ct) is { } same)
            {
                map[m.Id] = same.Id;
                continue;
            }
            try
            {
                // Files first: a row never names a file that is not there.
                if (m.File is { } file) CopyIn(folder, file, m.ContentHash! + MediaPaths.Extension(m.ContentType));
                foreach (var r in m.Renditions) CopyIn(folder, $"{ExportFormat.MediaFolder}/{r.FileName}", r.FileName);
            }
            catch (IOException e)
            {
                errors.Add(new ImportError(ExportFormat.MediaFile, line, $"media {m.Id}: {e.Message}"));
                continue;
            }
            var asset = new MediaAsset
            {
                OriginalFileName = m.OriginalFileName,
                ContentHash = m.File is null ? null : m.ContentHash,
                ContentType = m.ContentType,
                ByteSize = m.ByteSize,
                Width = m.Width,
                Height = m.Height,
                AltText = m.AltText,
                DefaultCaption = m.DefaultCaption,
                Credit = new ImageCredit
                {
                    CreditLine = m.Credit.CreditLine,
                    Photographer = m.Credit.Photographer,
                    Source = m.Credit.Source,
                    CopyrightNotice = m.Credit.CopyrightNotice,
                    LicenseUrl = m.Credit.LicenseUrl,
                    LicensorUrl = m.Credit.LicensorUrl,
                },
                UploadedAt = m.UploadedAt,
                UpdatedAt = m.UpdatedAt,
                UploadedBy = m.UploadedBy,
                Renditions = m.Renditions.Select(r => new MediaRendition
                {
                    Width = r.Width, Height = r.Height, Format = r.Format, FileName = r.FileName, ByteSize = r.ByteSize,
                }).ToList(),
            };
            db.MediaAssets.Add(asset);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            map[m.Id] = asset.Id;
        }
        return map;
    }

    // Only a plain file name inside media/ is read: an export cannot point outside its folder.
    private void CopyIn(string folder, string relative, string expectedName)
    {
        var name = Path.GetFileName(relative);
        if (name != expectedName || relative != $"{ExportFormat.MediaFolder}/{name}")
            throw new IOException($"the file \"{relative}\" is not {ExportFormat.MediaFolder}/{expectedName}");
        var source = Path.Combine(folder, ExportFormat.MediaFolder, name);
        if (!File.Exists(source)) throw new IOException($"{ExportFormat.MediaFolder}/{name} is missing from the export");
        var target = Path.Combine(data.Value.MediaDirectory, name);
        if (!File.Exists(target)) File.Copy(source, target);
    }

    private static async IAsyncEnumerable<(int Line, T Record)> ReadAsync<T>(string path, List<ImportError> errors,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var file = Path.GetFileName(path);
        var number = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (text.Trim().Length == 0) continue;
            T? record;
            try
            {
                record = JsonSerializer.Deserialize<T>(text, ExportFormat.Json);
            }
            catch (JsonException e)
            {
                errors.Add(new ImportError(file, number, $"not a valid record: {e.Message}"));
                continue;
            }
            if (record is null) errors.Add(new ImportError(file, number, "an empty record"));
            else yield return (number, record);
        }
    }
}
