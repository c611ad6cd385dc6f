using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.IntegrationTests.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Media;
using NewsCms.Tests.Media;
using SkiaSharp;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Media;

// Files and rows agree: files no image names are cleared (a crash between the file and its row
// leaves them), and an image whose file is gone is reported.
public sealed class MediaSweepTests
{
    private static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(5);

    // The background sweeper never removes anything here, so only the test's own sweep acts.
    private static NewsroomApp QuietApp() => new NewsroomApp().With("NewsCms:Media:OrphanMinimumAge", "3650.00:00:00");

    private static async Task<JsonElement> UploadAsync(NewsroomApp app)
    {
        using var writer = await app.WriterAsync();
        return await writer.UploadPngAsync(1400, 800, SKColors.Teal);
    }

    private static string MediaFolder(NewsroomApp app) => Path.Combine(app.DataDirectory, "media");

    private static string Orphan(NewsroomApp app, string name, TimeSpan age)
    {
        var path = Path.Combine(MediaFolder(app), name);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, (NewsroomApp.Start - age).UtcDateTime);
        return name;
    }

    private static Task<MediaSweepReport> SweepAsync(NewsroomApp app, TimeSpan minimumAge) =>
        app.WithScopeAsync(s => s.GetRequiredService<MediaSweep>().SweepAsync(minimumAge, Ct));

    [Fact]
    public async Task Files_no_image_names_are_removed_once_old_and_the_library_keeps_its_own()
    {
        await using var app = QuietApp();
        await UploadAsync(app);
        var named = Directory.GetFiles(MediaFolder(app)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // Old enough to be swept if nothing named them.
        foreach (var file in named) File.SetLastWriteTimeUtc(Path.Combine(MediaFolder(app), file!), (NewsroomApp.Start - TimeSpan.FromDays(1)).UtcDateTime);
        var oldOriginal = Orphan(app, new string('a', 64) + ".png", TimeSpan.FromHours(2));
        var oldRendition = Orphan(app, new string('b', 64) + "-800.webp", TimeSpan.FromMinutes(6));
        var halfWritten = Orphan(app, ".0123456789abcdef.tmp", TimeSpan.FromDays(3));
        var young = Orphan(app, new string('c', 64) + ".jpg", TimeSpan.FromMinutes(1));

        var report = await SweepAsync(app, MinimumAge);

        Assert.Equal(new[] { halfWritten, oldOriginal, oldRendition }, report.RemovedFiles.Order(StringComparer.Ordinal));
        Assert.Empty(report.ImagesMissingFiles);
        Assert.Equal(named.Append(young).Order(StringComparer.Ordinal),
            Directory.GetFiles(MediaFolder(app)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_image_whose_file_is_gone_is_reported_and_its_row_kept()
    {
        await using var app = QuietApp();
        var kept = await UploadAsync(app);
        var media = await UploadAsync(app);
        var id = media.GetProperty("id").GetInt32();
        var rendition = new Uri(media.GetProperty("renditions")[0].GetProperty("url").GetString()!).Segments[^1];
        File.Delete(Path.Combine(MediaFolder(app), rendition));

        var report = await SweepAsync(app, TimeSpan.Zero);

        Assert.Equal([id], report.ImagesMissingFiles);
        Assert.Empty(report.RemovedFiles);
        using var reader = app.ApiClient();
        Assert.Equal(id, (await reader.GetJsonAsync($"/api/v1/media/{id}")).GetProperty("id").GetInt32());
        Assert.Equal(kept.GetProperty("id").GetInt32(), (await reader.GetJsonAsync($"/api/v1/media/{kept.GetProperty("id").GetInt32()}")).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task The_site_sweeps_the_media_folder_when_it_starts()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            var media = Directory.CreateDirectory(Path.Combine(data, "media")).FullName;
            var orphan = Path.Combine(media, new string('d', 64) + ".png");
            await File.WriteAllBytesAsync(orphan, [1, 2, 3], Ct);
            File.SetLastWriteTimeUtc(orphan, (NewsroomApp.Start - TimeSpan.FromHours(1)).UtcDateTime);

            await using var app = new NewsroomApp().With("NewsCms:DataDirectory", data);
            using var client = app.CreateClient();
            using var _ = await client.GetAsync("/healthz", Ct);
            for (var i = 0; i < 100 && File.Exists(orphan); i++) await Task.Delay(50, Ct);

            Assert.False(File.Exists(orphan));
        });
    }
}
