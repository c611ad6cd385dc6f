using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsCms.Data;

namespace NewsCms.Media;

// What one sweep of the media folder found and did.
public sealed record MediaSweepReport(IReadOnlyList<string> RemovedFiles, IReadOnlyList<int> ImagesMissingFiles);

// Keeps the media folder and the library's rows in agreement. MediaService writes files before
// the row that names them and deletes them after the row, so a crash (or a failed delete) can
// leave files no row names: those are removed here. A row whose file is gone cannot be repaired
// (the bytes are lost), so it is reported for an operator to re-upload or restore from a backup.
public sealed class MediaSweep(NewsCmsDbContext db, TimeProvider clock, IOptions<DataOptions> data, ILogger<MediaSweep> log)
{
    // Files younger than this are spared: an upload (this process's or an import verb's) may sit
    // between writing its files and committing its row.
    public static readonly TimeSpan DefaultMinimumAge = TimeSpan.FromMinutes(5);

    public async Task<MediaSweepReport> SweepAsync(TimeSpan minimumAge, CancellationToken ct)
    {
        var folder = data.Value.MediaDirectory;
        if (!Directory.Exists(folder)) return new MediaSweepReport([], []);

        var rows = await db.MediaAssets.AsNoTracking().Where(m => m.ContentHash != null)
            .Select(m => new { m.Id, m.ContentHash, m.ContentType, Renditions = m.Renditions.Select(r => r.FileName).ToList() })
            .ToListAsync(ct);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<int>();
        foreach (var row in rows)
        {
            var files = row.Renditions.Append(row.ContentHash + MediaPaths.Extension(row.ContentType)).ToList();
            named.UnionWith(files);
            if (!files.All(f => File.Exists(Path.Combine(folder, f)))) missing.Add(row.Id);
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - minimumAge;
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (named.Contains(name) || File.GetLastWriteTimeUtc(path) > cutoff) continue;
            try
            {
                File.Delete(path);
                removed.Add(name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Could not remove the orphaned media file {File}; the next sweep tries again.", name);
            }
        }

        if (removed.Count > 0)
            log.LogInformation("Removed {Count} media file(s) no image names: {Files}", removed.Count, string.Join(", ", removed));
        if (missing.Count > 0)
            log.LogWarning("Image(s) {Ids} have lost their files in {Folder}: upload them again or restore the media folder from a backup.",
                string.Join(", ", missing), folder);
        return new MediaSweepReport(removed, missing);
    }
}
