using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Rendering;
using NewsCms.Webhooks;

namespace NewsCms.Media;

// What a person types about a photo. Empty credit and caption fields are filled from the file's
// IPTC/XMP block on upload; alt text never is.
public sealed record MediaInput(
    string? AltText = null,
    string? DefaultCaption = null,
    string? CreditLine = null,
    string? Photographer = null,
    string? Source = null,
    string? CopyrightNotice = null,
    string? LicenseUrl = null,
    string? LicensorUrl = null);

// The media library: every write to photos and their files goes through here. Files are written
// before the row that names them and deleted after the row that named them, so a row never
// points at a missing file (BackupService relies on that order).
public sealed class MediaService(NewsCmsDbContext db, TimeProvider clock, IOptions<DataOptions> data, WebhookOutbox webhooks)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 100;

    private string MediaDirectory => data.Value.MediaDirectory;

    public async Task<MediaView> UploadAsync(Stream content, string? originalFileName, MediaInput metadata, Actor actor, CancellationToken ct)
    {
        var input = Validate(metadata);
        var bytes = await ImageProcessing.ReadLimitedAsync(content, ct);
        return await WithDecodedAsync(bytes, async (original, pixels) =>
        {
            var existing = await LoadByHashAsync(original.Hash, ct);
            if (existing is not null) return existing.ToView();

            var asset = new MediaAsset
            {
                OriginalFileName = CleanFileName(originalFileName),
                UploadedAt = clock.GetUtcNow(),
                UploadedBy = Limit(actor.Name, FieldLimits.Actor),
            };
            Apply(asset, input);
            Prefill(asset, EmbeddedCredit.Read(bytes));
            await StoreFilesAsync(asset, original, pixels, ct);
            db.MediaAssets.Add(asset);
            // The media.created delivery commits with the row, or neither does (in the importer's
            // transaction when there is one).
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same photo arrived twice at once: the other upload won, and its files are these.
                db.ChangeTracker.Clear();
                if (await LoadByHashAsync(original.Hash, ct) is { } raced) return raced.ToView();
                throw;
            }
            await webhooks.EnqueueAsync(WebhookEvents.MediaCreated, new { media = new { id = asset.Id } }, ct);
            await db.SaveChangesAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            return asset.ToView();
        }, ct);
    }

    // A photo known by its caption and credit only (an import); its file follows with AttachFileAsync.
    public async Task<MediaView> CreateAwaitingFileAsync(string? originalFileName, MediaInput metadata, Actor actor, CancellationToken ct)
    {
        var input = Validate(metadata);
        var now = clock.GetUtcNow();
        var asset = new MediaAsset
        {
            OriginalFileName = CleanFileName(originalFileName),
            UploadedAt = now,
            UpdatedAt = now,
            UploadedBy = Limit(actor.Name, FieldLimits.Actor),
        };
        Apply(asset, input);
        db.MediaAssets.Add(asset);
        await db.SaveChangesAsync(ct);
        return asset.ToView();
    }

    public async Task<MediaView> AttachFileAsync(int id, Stream content, string? originalFileName, Actor actor, CancellationToken ct)
    {
        var asset = await db.MediaAssets.Include(m => m.Renditions).FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException($"Image {id}");
        if (asset.HasFile)
            throw new ConflictException($"Image {id} already has its file; upload a new photo instead of replacing it.");
        var bytes = await ImageProcessing.ReadLimitedAsync(content, ct);
        return await WithDecodedAsync(bytes, async (original, pixels) =>
        {
            if (await db.MediaAssets.AsNoTracking().Where(m => m.ContentHash == original.Hash).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct) is { } other)
                throw new ConflictException($"This photo is already in the library as image {other}.");
            asset.OriginalFileName = CleanFileName(originalFileName) ?? asset.OriginalFileName;
            asset.UploadedBy ??= Limit(actor.Name, FieldLimits.Actor);
            Prefill(asset, EmbeddedCredit.Read(bytes));
            await StoreFilesAsync(asset, original, pixels, ct);
            await db.SaveChangesAsync(ct);
            return asset.ToView();
        }, ct);
    }

    public async Task<MediaView?> GetAsync(int id, CancellationToken ct) =>
        (await db.MediaAssets.AsNoTracking().Include(m => m.Renditions).FirstOrDefaultAsync(m => m.Id == id, ct))?.ToView();

    // Newest first; q matches alt text, caption, credit and the original file name.
    public async Task<PagedList<MediaView>> ListAsync(string? q, string? after, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = db.MediaAssets.AsNoTracking();
        if (Clean(q) is { } text)
        {
            var pattern = ContainsPattern.For(text);
            query = query.Where(m =>
                EF.Functions.Like(m.AltText!.ToLower(), pattern, ContainsPattern.Escape)
                || EF.Functions.Like(m.DefaultCaption!.ToLower(), pattern, ContainsPattern.Escape)
                || EF.Functions.Like(m.Credit.CreditLine!.ToLower(), pattern, ContainsPattern.Escape)
                || EF.Functions.Like(m.Credit.Photographer!.ToLower(), pattern, ContainsPattern.Escape)
                || EF.Functions.Like(m.Credit.Source!.ToLower(), pattern, ContainsPattern.Escape)
                || EF.Functions.Like(m.OriginalFileName!.ToLower(), pattern, ContainsPattern.Escape));
        }
        if (Cursor.TryDecode(after, out var c))
            query = query.Where(m => m.UploadedAt < c.At || (m.UploadedAt == c.At && m.Id < c.Id));
        var rows = await query.Include(m => m.Renditions)
            .OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(m => m.ToView()).ToList();
        var next = rows.Count > limit ? new Cursor(items[^1].UploadedAt, items[^1].Id).Encode() : null;
        return new PagedList<MediaView>(items, next, limit);
    }

    // Replaces the typed fields: an empty field clears it (the file's metadata was offered once, at upload).
    public async Task<MediaView> UpdateAsync(int id, MediaInput metadata, Actor actor, CancellationToken ct)
    {
        var input = Validate(metadata);
        var asset = await db.MediaAssets.Include(m => m.Renditions).FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException($"Image {id}");
        Apply(asset, input);
        await db.SaveChangesAsync(ct);
        return asset.ToView();
    }

    public async Task DeleteAsync(int id, Actor actor, CancellationToken ct)
    {
        if (!actor.IsEditor)
            throw new ForbiddenException("Only an editor can delete images from the media library.");
        var asset = await db.MediaAssets.Include(m => m.Renditions).FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException($"Image {id}");
        var uses = await WhereUsedAsync(id, ct);
        if (uses.Count > 0)
            throw new ConflictException(
                $"Image {id} is used by {Articles(uses.Select(u => u.Headline).ToList())}; remove it there before deleting it.");

        var files = asset.Renditions.Select(r => r.FileName).ToList();
        if (asset.ContentHash is { } hash) files.Add(hash + MediaPaths.Extension(asset.ContentType));
        db.MediaAssets.Remove(asset);
        await db.SaveChangesAsync(ct);
        foreach (var file in files)
        {
            try { File.Delete(Path.Combine(MediaDirectory, file)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* Left behind: unreferenced files are skipped by backups and harmless. */ }
        }
    }

    // The articles showing the photo: as their lead image, or inline in the body or an answer,
    // written as ![alt](media:N) (stored as a marker, see InlineImages) or as a pasted address of
    // one of its files (which all start with the content hash).
    public async Task<IReadOnlyList<MediaUse>> WhereUsedAsync(int id, CancellationToken ct)
    {
        var hash = await db.MediaAssets.AsNoTracking().Where(m => m.Id == id).Select(m => m.ContentHash).FirstOrDefaultAsync(ct);
        var inline = hash is null ? null : "/media/" + hash;
        var marker = InlineImages.MarkerPrefix(id);
        return await db.Articles.AsNoTracking()
            .Select(a => new
            {
                a.Id,
                a.Headline,
                a.Status,
                Lead = a.LeadImageId == id,
                Inline = a.BodyHtml.Contains(marker) || a.Sections.Any(s => s.AnswerHtml.Contains(marker))
                    || (inline != null && (a.BodyMarkdown.Contains(inline) || a.Sections.Any(s => s.AnswerMarkdown.Contains(inline)))),
            })
            .Where(a => a.Lead || a.Inline)
            .OrderByDescending(a => a.Id)
            .Select(a => new MediaUse(a.Id, a.Headline, a.Status, a.Lead, a.Inline))
            .ToListAsync(ct);
    }

    private static string Articles(List<string> headlines) =>
        headlines.Count == 1
            ? $"the article \"{headlines[0]}\""
            : $"{headlines.Count} articles: " + string.Join("; ", headlines.Take(10).Select(h => $"\"{h}\"")) + (headlines.Count > 10 ? "; ..." : "");

    // A decoded photo can take 160 MB (40 megapixels x 4 bytes): a few at a time, whatever the traffic.
    private static readonly SemaphoreSlim Decoding = new(Math.Max(1, Environment.ProcessorCount / 2));

    private static async Task<T> WithDecodedAsync<T>(byte[] bytes, Func<EncodedImage, SkiaSharp.SKBitmap, Task<T>> work, CancellationToken ct)
    {
        await Decoding.WaitAsync(ct);
        try
        {
            var (original, pixels) = ImageProcessing.Decode(bytes);
            using (pixels) return await work(original, pixels);
        }
        finally
        {
            Decoding.Release();
        }
    }

    private Task<MediaAsset?> LoadByHashAsync(string hash, CancellationToken ct) =>
        db.MediaAssets.AsNoTracking().Include(m => m.Renditions).FirstOrDefaultAsync(m => m.ContentHash == hash, ct);

    private async Task StoreFilesAsync(MediaAsset asset, EncodedImage original, SkiaSharp.SKBitmap pixels, CancellationToken ct)
    {
        Directory.CreateDirectory(MediaDirectory);
        var renditions = ImageProcessing.Renditions(pixels, XmpCredit.Packet(asset.Credit));
        await WriteAsync(original.Hash + original.Extension, original.Bytes, ct);
        asset.Renditions.Clear();
        foreach (var r in renditions)
        {
            var name = ImageProcessing.RenditionFileName(original.Hash, r);
            await WriteAsync(name, r.Bytes, ct);
            asset.Renditions.Add(new MediaRendition { Width = r.Width, Height = r.Height, Format = r.Format, FileName = name, ByteSize = r.Bytes.LongLength });
        }
        asset.ContentHash = original.Hash;
        asset.ContentType = original.ContentType;
        asset.ByteSize = original.Bytes.LongLength;
        asset.Width = original.Width;
        asset.Height = original.Height;
        asset.UpdatedAt = clock.GetUtcNow();
    }

    // A reader never sees a half-written file: the bytes go to a temporary name, then are renamed.
    private async Task WriteAsync(string name, byte[] bytes, CancellationToken ct)
    {
        var target = Path.Combine(MediaDirectory, name);
        var temp = Path.Combine(MediaDirectory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static MediaInput Validate(MediaInput m)
    {
        var input = new MediaInput(Clean(m.AltText), Clean(m.DefaultCaption), Clean(m.CreditLine), Clean(m.Photographer),
            Clean(m.Source), Clean(m.CopyrightNotice), Clean(m.LicenseUrl), Clean(m.LicensorUrl));
        var errors = new ValidationErrors();
        errors.MaxLength("AltText", input.AltText, FieldLimits.AltText, "Alt text");
        errors.MaxLength("DefaultCaption", input.DefaultCaption, FieldLimits.Caption, "Caption");
        errors.MaxLength("CreditLine", input.CreditLine, FieldLimits.CreditLine, "Credit line");
        errors.MaxLength("Photographer", input.Photographer, FieldLimits.PersonName, "Photographer");
        errors.MaxLength("Source", input.Source, FieldLimits.Organization, "Source");
        errors.MaxLength("CopyrightNotice", input.CopyrightNotice, FieldLimits.CopyrightNotice, "Copyright notice");
        errors.MaxLength("LicenseUrl", input.LicenseUrl, FieldLimits.Url, "Licence URL");
        errors.MaxLength("LicensorUrl", input.LicensorUrl, FieldLimits.Url, "Licensor URL");
        errors.AbsoluteHttpUrl("LicenseUrl", input.LicenseUrl, "Licence URL");
        errors.AbsoluteHttpUrl("LicensorUrl", input.LicensorUrl, "Licensor URL");
        errors.ThrowIfAny();
        return input;
    }

    private void Apply(MediaAsset asset, MediaInput input)
    {
        asset.AltText = input.AltText;
        asset.DefaultCaption = input.DefaultCaption;
        asset.Credit.CreditLine = input.CreditLine;
        asset.Credit.Photographer = input.Photographer;
        asset.Credit.Source = input.Source;
        asset.Credit.CopyrightNotice = input.CopyrightNotice;
        asset.Credit.LicenseUrl = input.LicenseUrl;
        asset.Credit.LicensorUrl = input.LicensorUrl;
        asset.UpdatedAt = clock.GetUtcNow();
    }

    // What the file says fills only what the person left empty, cut to the schema's limits.
    private static void Prefill(MediaAsset asset, EmbeddedCredit file)
    {
        asset.DefaultCaption ??= Limit(file.Caption, FieldLimits.Caption);
        var c = asset.Credit;
        c.Photographer ??= Limit(file.Photographer, FieldLimits.PersonName);
        c.CreditLine ??= Limit(file.CreditLine, FieldLimits.CreditLine);
        c.Source ??= Limit(file.Source, FieldLimits.Organization);
        c.CopyrightNotice ??= Limit(file.CopyrightNotice, FieldLimits.CopyrightNotice);
        c.LicenseUrl ??= HttpUrl(file.LicenseUrl);
        c.LicensorUrl ??= HttpUrl(file.LicensorUrl);
    }

    private static string? HttpUrl(string? value) =>
        value is { Length: <= FieldLimits.Url } && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value
            : null;

    // The uploaded name is kept as data only: its last segment, without control characters.
    private static string? CleanFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var last = name.Replace('\\', '/').Split('/').Last();
        var printable = new string(last.Where(ch => !char.IsControl(ch)).ToArray()).Trim();
        return Limit(printable, FieldLimits.FileName);
    }

    private static string? Limit(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= max ? value : value[..max];

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
