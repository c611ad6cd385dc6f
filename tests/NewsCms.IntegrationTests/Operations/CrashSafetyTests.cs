using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsCms.IntegrationTests.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Tests.Media;
using SkiaSharp;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Operations;

// The server dies at the worst moment (SIGKILL, mid-write, several times) and comes back: every
// save it acknowledged is there, intact; the database passes SQLite's own check; media files and
// rows agree.
public sealed class CrashSafetyTests
{
    private const int Rounds = 3;
    private const int Workers = 4;

    // What a worker last saw acknowledged for one of its articles, and a save it sent that was never
    // answered (the process died): that one may or may not have been committed.
    private sealed record Saved(int Version, string Headline, string Dek, string Body, string Question, string Answer);

    private sealed class Tracked(int id, Saved acknowledged)
    {
        public int Id { get; } = id;
        public Saved Acknowledged { get; set; } = acknowledged;
        public Saved? Unanswered { get; set; }
    }

    private sealed record Photo(int Id, IReadOnlyList<string> Files);

    private readonly ConcurrentBag<string> unexpected = [];
    private readonly ConcurrentBag<Photo> photos = [];
    private readonly List<Tracked>[] owned = Enumerable.Range(0, Workers).Select(_ => new List<Tracked>()).ToArray();
    private int saves;

    [Fact]
    public async Task Acknowledged_writes_survive_repeated_sigkills_and_the_database_stays_sound()
    {
        var random = new Random(20261125);
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            string[] settings =
            [
                $"--NewsCms:DataDirectory={data}",
                "--NewsCms:SeedDemoContent=false",
                "--NewsCms:Api:RateLimit:KeyPermits=1000000",
                // Orphans a kill leaves are swept at the next start, however young.
                "--NewsCms:Media:OrphanMinimumAge=00:00:00",
            ];
            var created = await AppProcess.RunVerbAsync(["api-keys", "create", "--name", "Crash test", "--scope", "write", .. settings], Ct);
            Assert.True(created.Exit == 0, created.Output + created.Errors);
            var key = created.Output.Trim().Split('\n')[^1].Trim();

            for (var round = 0; round < Rounds; round++)
            {
                await using var app = await AppProcess.StartAsync(settings, Ct);
                using var client = Client(app, key);
                await VerifyAsync(client, data);
                using var stop = new CancellationTokenSource();
                var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(client, w, new Random(random.Next()), stop.Token), Ct)).ToArray();
                // A random moment once the load is running: after some saves were answered, mid-way through others.
                var target = Volatile.Read(ref saves) + random.Next(8, 30);
                for (var waited = 0; Volatile.Read(ref saves) < target && waited < 600 && unexpected.IsEmpty; waited++) await Task.Delay(50, Ct);
                await Task.Delay(random.Next(0, 150), Ct);
                await app.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(load);
                Assert.True(unexpected.IsEmpty, string.Join('\n', unexpected) + "\n" + app.RecentLog);
            }

            await using (var last = await AppProcess.StartAsync(settings, Ct))
            {
                using var client = Client(last, key);
                await VerifyAsync(client, data);
                await WaitForMediaToAgreeAsync(data);
                await last.KillAsync();
            }
            Assert.True(saves >= 40, $"Only {saves} saves were acknowledged: the load did not exercise the kills.");
            // PostgreSQL has no one-statement check of a whole database; its durability is the server's.
            if (!TestDatabase.IsPostgres) Assert.Equal("ok", IntegrityCheck(data));
        });
    }

    private static HttpClient Client(AppProcess app, string key)
    {
        var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    // Writes until the server goes away: new drafts, edits to this worker's own drafts at the
    // version it holds, and now and then a photo.
    private async Task WorkAsync(HttpClient client, int worker, Random random, CancellationToken stop)
    {
        var mine = owned[worker];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var roll = random.NextDouble();
                if (roll < 0.06) await UploadAsync(client, random);
                else if (mine.Count == 0 || roll < 0.35) await CreateAsync(client, mine, worker, random);
                else await UpdateAsync(client, mine[random.Next(mine.Count)], random);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // The server was killed under this request: what it was sending stays unanswered.
        }
    }

    private static Saved Fields(Random random, int version)
    {
        var n = random.Next(1_000_000);
        return new Saved(version, $"Harbour report {n}", $"What changed at berth {n % 97}", $"The **port** said {n} containers moved.\n\nMore at [the site](https://example.com/{n}).",
            $"Who decided on {n}?", $"The board, by a vote of {n % 9} to {n % 7}.");
    }

    private static object Body(Saved s) => new
    {
        headline = s.Headline,
        dek = s.Dek,
        kind = "news",
        bodyMarkdown = s.Body,
        sections = new[] { new { question = s.Question, answerMarkdown = s.Answer } },
    };

    private async Task CreateAsync(HttpClient client, List<Tracked> mine, int worker, Random random)
    {
        var wanted = Fields(random, 1);
        wanted = wanted with { Headline = $"Worker {worker}: {wanted.Headline}" };
        using var response = await client.PostAsync("/api/v1/articles", Json(Body(wanted)), CancellationToken.None);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            unexpected.Add($"POST /api/v1/articles answered {(int)response.StatusCode}");
            return;
        }
        var article = await ReadAsync(response);
        var saved = Read(article);
        if (saved with { Version = wanted.Version } != wanted) unexpected.Add($"POST answered other fields than sent: {saved} for {wanted}");
        mine.Add(new Tracked(article.GetProperty("id").GetInt32(), saved));
        Interlocked.Increment(ref saves);
    }

    private async Task UpdateAsync(HttpClient client, Tracked article, Random random)
    {
        var wanted = Fields(random, article.Acknowledged.Version + 1);
        article.Unanswered = wanted;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/articles/{article.Id}") { Content = Json(Body(wanted)) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{article.Acknowledged.Version}\"", isWeak: true));
        using var response = await client.SendAsync(request, CancellationToken.None);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            unexpected.Add($"PUT /api/v1/articles/{article.Id} at version {article.Acknowledged.Version} answered {(int)response.StatusCode}");
            return;
        }
        var saved = Read(await ReadAsync(response));
        if (saved != wanted) unexpected.Add($"PUT answered other fields than sent: {saved} for {wanted}");
        article.Acknowledged = saved;
        article.Unanswered = null;
        Interlocked.Increment(ref saves);
    }

    private async Task UploadAsync(HttpClient client, Random random)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(TestImages.Png(320, 200, new SKColor((uint)random.Next() | 0xFF000000)));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "berth.png");
        form.Add(new StringContent("Cranes at the berth"), "altText");
        using var response = await client.PostAsync("/api/v1/media", form, CancellationToken.None);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            unexpected.Add($"POST /api/v1/media answered {(int)response.StatusCode}");
            return;
        }
        var media = await ReadAsync(response);
        var files = media.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)
            .Append(media.GetProperty("url").GetString()!).Select(u => new Uri(u).Segments[^1]).ToList();
        photos.Add(new Photo(media.GetProperty("id").GetInt32(), files));
        Interlocked.Increment(ref saves);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
        return document.RootElement.Clone();
    }

    private static Saved Read(JsonElement a)
    {
        var section = a.GetProperty("sections")[0];
        return new Saved(a.GetProperty("version").GetInt32(), a.GetProperty("headline").GetString()!, a.GetProperty("dek").GetString()!,
            a.GetProperty("bodyMarkdown").GetString()!, section.GetProperty("question").GetString()!, section.GetProperty("answerMarkdown").GetString()!);
    }

    // Every acknowledged article is there as acknowledged, or as the one unanswered save that followed
    // it (committed just before the kill); every acknowledged photo answers with all its files.
    private async Task VerifyAsync(HttpClient client, string data)
    {
        foreach (var article in owned.SelectMany(o => o))
        {
            using var response = await client.GetAsync($"/api/v1/articles/{article.Id}", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Acknowledged article {article.Id} answers {(int)response.StatusCode}");
            var stored = Read(await ReadAsync(response));
            if (stored != article.Acknowledged)
                Assert.True(stored == article.Unanswered, $"Article {article.Id} is {stored}; acknowledged {article.Acknowledged}");
            article.Acknowledged = stored;
            article.Unanswered = null;
        }
        foreach (var photo in photos)
        {
            using var response = await client.GetAsync($"/api/v1/media/{photo.Id}", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Acknowledged photo {photo.Id} answers {(int)response.StatusCode}");
            foreach (var file in photo.Files)
                Assert.True(File.Exists(Path.Combine(data, "media", file)), $"Photo {photo.Id} lost its file {file}");
        }
    }

    // Every file a row names exists, and (once the start-up sweep has run) every file is named by a row.
    private static async Task WaitForMediaToAgreeAsync(string data)
    {
        var folder = Path.Combine(data, "media");
        List<string> named = [], present = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            named = MediaFilesInDatabase(data);
            present = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
            if (named.SequenceEqual(present)) return;
            Assert.Empty(named.Except(present));
            await Task.Delay(50, Ct);
        }
        Assert.Equal(named, present);
    }

    private static List<string> MediaFilesInDatabase(string data)
    {
        using var connection = TestDatabase.Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "FileName" FROM "MediaRenditions"
            UNION SELECT "ContentHash" || CASE "ContentType" WHEN 'image/png' THEN '.png' WHEN 'image/jpeg' THEN '.jpg'
                WHEN 'image/webp' THEN '.webp' ELSE '.gif' END FROM "MediaAssets" WHERE "ContentHash" IS NOT NULL
            """;
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names.Order(StringComparer.Ordinal).ToList();
    }

    private static string IntegrityCheck(string data)
    {
        using var connection = TestDatabase.Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
