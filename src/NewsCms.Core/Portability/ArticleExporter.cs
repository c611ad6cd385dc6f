using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;

namespace NewsCms.Portability;

public sealed record ExportReport(string Folder, int Articles, int Media, int MediaFiles);

// Writes every article, in every status, and every media asset to a folder another system (or
// ArticleJsonImporter on another site) can read: JSON Lines for the whole truth, the original
// media files, and one Markdown file per article in the shape of the published explainers.
public sealed class ArticleExporter(NewsCmsDbContext db, IOptions<DataOptions> data, IOptions<SiteOptions> site)
{
    public async Task<ExportReport> ExportAsync(string folder, bool includeRevisions, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new IOException($"The export folder {folder} is not empty.");
        Directory.CreateDirectory(folder);

        var (media, files) = await ExportMediaAsync(folder, ct);

        var slugs = await db.Articles.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var markdownFolder = Directory.CreateDirectory(Path.Combine(folder, ExportFormat.MarkdownFolder)).FullName;
        var headlines = await db.Articles.AsNoTracking().ToDictionaryAsync(a => a.Slug, a => a.Headline, ct);
        var count = 0;
        await using (var writer = new StreamWriter(Path.Combine(folder, ExportFormat.ArticlesFile)))
        {
            // One article at a time: a large archive never sits in memory whole.
            foreach (var id in slugs.Keys.Order())
            {
                var article = await db.Articles.AsNoTracking().WithChildren()
                    .FirstAsync(a => a.Id == id, ct);
                var revisions = includeRevisions
                    ? await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Version).ToListAsync(ct)
                    : null;
                var exported = ToExported(article, slugs, revisions);
                await writer.WriteLineAsync(JsonSerializer.Serialize(exported, ExportFormat.Json).AsMemory(), ct);
                var date = ArticleMarkdownWriter.DateOf(exported, site.Value.TimeZoneInfo);
                var name = $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{exported.Slug}.md";
                await File.WriteAllTextAsync(Path.Combine(markdownFolder, name),
                    ArticleMarkdownWriter.Write(exported, media, headlines, site.Value.TimeZoneInfo), ct);
                count++;
                db.ChangeTracker.Clear();
            }
        }
        return new ExportReport(folder, count, media.Count, files);
    }

    private async Task<(Dictionary<int, ExportedMedia> Media, int Files)> ExportMediaAsync(string folder, CancellationToken ct)
    {
        var assets = await db.MediaAssets.AsNoTracking().Include(m => m.Renditions).OrderBy(m => m.Id).ToListAsync(ct);
        var mediaFolder = Directory.CreateDirectory(Path.Combine(folder, ExportFormat.MediaFolder)).FullName;
        var exported = new Dictionary<int, ExportedMedia>();
        var files = 0;
        await using var writer = new StreamWriter(Path.Combine(folder, ExportFormat.MediaFile));
        foreach (var m in assets)
        {
            string? file = null;
            if (m.ContentHash is not null)
            {
                var name = m.ContentHash + MediaPaths.Extension(m.ContentType);
                var source = Path.Combine(data.Value.MediaDirectory, name);
                if (!File.Exists(source))
                    throw new IOException($"Media asset {m.Id} names the file {name}, which is not in {data.Value.MediaDirectory}.");
                File.Copy(source, Path.Combine(mediaFolder, name));
                file = $"{ExportFormat.MediaFolder}/{name}";
                files++;
            }
            foreach (var r in m.Renditions)
            {
                var source = Path.Combine(data.Value.MediaDirectory, r.FileName);
                if (!File.Exists(source)) continue;
                File.Copy(source, Path.Combine(mediaFolder, r.FileName));
                files++;
            }
            var record = new ExportedMedia
            {
                Id = m.Id,
                OriginalFileName = m.OriginalFileName,
                ContentHash = m.ContentHash,
                ContentType = m.ContentType,
                ByteSize = m.ByteSize,
                Width = m.Width,
                Height = m.Height,
                AltText = m.AltText,
                DefaultCaption = m.DefaultCaption,
                Credit = new ExportedCredit(m.Credit.CreditLine, m.Credit.Photographer, m.Credit.Source,
                    m.Credit.CopyrightNotice, m.Credit.LicenseUrl, m.Credit.LicensorUrl),
                UploadedAt = m.UploadedAt,
                UpdatedAt = m.UpdatedAt,
                UploadedBy = m.UploadedBy,
                File = file,
                Renditions = m.Renditions.OrderBy(r => r.Format).ThenBy(r => r.Width)
                    .Select(r => new ExportedRendition(r.Width, r.Height, r.Format, r.FileName, r.ByteSize)).ToList(),
            };
            exported[m.Id] = record;
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, ExportFormat.Json).AsMemory(), ct);
        }
        return (exported, files);
    }

    private static ExportedArticle ToExported(Article a, Dictionary<int, string> slugs, List<Revisions.ArticleRevision>? revisions) => new()
    {
        Id = a.Id,
        Slug = a.Slug,
        Headline = a.Headline,
        Dek = a.Dek,
        Kind = a.Kind,
        Status = a.Status,
        BodyMarkdown = CalloutsBySlug(a.BodyMarkdown, slugs),
        Sections = a.Sections.OrderBy(s => s.Position)
            .Select(s => new ExportedSection(s.Question, CalloutsBySlug(s.AnswerMarkdown, slugs), s.Anchor)).ToList(),
        LeadImage = a.LeadImageId is { } mediaId ? new ExportedLeadImage(mediaId, a.LeadImageCaption) : null,
        Attributions = a.Attributions.OrderBy(x => x.Position).Select(x => new ExportedAttribution(x.Text, x.Organization)).ToList(),
        RelatedArticles = a.RelatedArticles.OrderBy(r => r.Position)
            .Where(r => slugs.ContainsKey(r.RelatedArticleId)).Select(r => slugs[r.RelatedArticleId]).ToList(),
        Authors = a.Bylines.OrderBy(b => b.Position).Where(b => b.Author is not null)
            .Select(b => new ExportedAuthor(b.Author!.Name, b.Author.Slug, b.Author.JobTitle, b.Author.Bio)).ToList(),
        Tags = a.Tags.OrderBy(t => t.Position).Where(t => t.Tag is not null)
            .Select(t => new ExportedTag(t.Tag!.Name, t.Tag.Slug, t.Tag.Description)).ToList(),
        OriginalUrl = a.OriginalUrl,
        Corrections = a.Corrections.OrderBy(c => c.PublishedAt).ThenBy(c => c.Id)
            .Select(c => new ExportedCorrection(c.Kind, c.Text, c.PublishedAt)).ToList(),
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
        PublishedAt = a.PublishedAt,
        RevisedAt = a.RevisedAt,
        ScheduledFor = a.ScheduledFor,
        UnpublishedAt = a.UnpublishedAt,
        Version = a.Version,
        Revisions = revisions?.Select(r => new ExportedRevision(r.Version, r.CreatedAt, r.CreatedBy, r.Action,
            JsonDocument.Parse(r.SnapshotJson).RootElement.Clone())).ToList(),
    };

    // `[[related: 42]]` names an id that means nothing on another site: it becomes the slug.
    internal static string CalloutsBySlug(string markdown, IReadOnlyDictionary<int, string> slugs) =>
        ExportFormat.RewriteCallouts(markdown, reference =>
            int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && slugs.TryGetValue(id, out var slug)
                ? $"[[related: {slug}]]"
                : null);
}
