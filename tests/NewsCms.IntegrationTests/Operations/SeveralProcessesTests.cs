using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCms.IntegrationTests.Admin;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.IntegrationTests.Webhooks;
using NewsCms.Webhooks;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Operations;

// docker-compose's scale profile as real processes: two `dotnet NewsCms.Web.dll` started together
// on one empty PostgreSQL database and one data directory, sharing a Redis output cache, each with
// its own scheduler and webhook sender. SeveralInstancesTests covers the same ground with two hosts
// in the test's process; here nothing is shared but what the operator shares.
public sealed class SeveralProcessesTests(SeveralProcessesTests.ScaledSite site) : IClassFixture<SeveralProcessesTests.ScaledSite>
{
    private const string OnPostgres = "two processes share a database server; NEWSCMS_TEST_DATABASE=Postgres runs it";

    // What a reader may wait, after the journalist's save is answered, for either instance to show it.
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_publish_and_an_edit_through_one_process_are_on_the_others_pages_within_a_second()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnPostgres);
        var (first, second, key) = await site.StartedAsync();
        using var writer = ApiClient(first, key);
        using var reader = Reader(second);
        // The second process's home page is in the shared cache before the publish.
        await CachedAsync(reader, "/");
        var draft = await writer.CreateArticleAsync(News("Ferry crews vote to end strike"));
        var id = draft.GetProperty("id").GetInt32();

        var published = await writer.PostAsync($"/api/v1/articles/{id}/publish");
        var answered = Stopwatch.StartNew();
        var path = new Uri(published.GetProperty("url").GetString()!).AbsolutePath;
        await SeenWithinAsync(answered, reader, path, page => Headline(page) == "Ferry crews vote to end strike");
        await SeenWithinAsync(answered, reader, "/", page => Teasers(page).Contains("Ferry crews vote to end strike"));

        await CachedAsync(reader, path);
        using var edit = await writer.PatchAsync($"/api/v1/articles/{id}",
            Json("""{ "headline": "Ferry crews vote to end strike at midnight" }""", "application/merge-patch+json"), Ct);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = Stopwatch.StartNew();
        await SeenWithinAsync(edited, reader, path, page => Headline(page) == "Ferry crews vote to end strike at midnight");
        await SeenWithinAsync(edited, reader, "/", page => Teasers(page).Contains("Ferry crews vote to end strike at midnight"));
    }

    [Fact]
    public async Task A_scheduled_article_is_published_once_with_two_schedulers_running()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnPostgres);
        var (first, second, key) = await site.StartedAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var admin = await site.SignInAsync(first))
        using (var registered = await WebhooksAdminTests.RegisterAsync(admin, receiver.Url, WebhookEvents.ArticlePublished))
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        using var writer = ApiClient(second, key);
        var draft = await writer.CreateArticleAsync(News("Night trains return to the coast line"));
        var id = draft.GetProperty("id").GetInt32();

        // Due within two scheduler ticks of both processes (each looks every five seconds), and far
        // enough ahead that a slow CI box cannot deliver the request after the time has passed.
        var due = DateTimeOffset.UtcNow.AddSeconds(6);
        using (var scheduled = await writer.PostAsync($"/api/v1/articles/{id}/schedule", Json(new { at = due }), Ct))
            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var deadline = Stopwatch.StartNew();
        while (PublishedDeliveries(receiver, id) == 0 && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100, Ct);
        Assert.Equal(1, PublishedDeliveries(receiver, id));

        // Both schedulers and both webhook senders have had at least one more turn since.
        await Task.Delay(ScheduledPublisherInterval + WebhookSenderInterval + TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(1, PublishedDeliveries(receiver, id));
        Assert.Equal(["published on schedule"], Revisions(site.Data, id).Where(a => a.StartsWith("published", StringComparison.Ordinal)));
        var article = await writer.GetJsonAsync($"/api/v1/articles/{id}");
        Assert.Equal("published", article.GetProperty("status").GetString());
        Assert.Equal(due.ToUnixTimeMilliseconds(), article.GetProperty("publishedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_sign_in_on_one_process_is_valid_on_the_other()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnPostgres);
        var (first, second, _) = await site.StartedAsync();
        using var session = await site.SignInAsync(first);

        using var elsewhere = new HttpClient(new BehindTlsProxy()) { BaseAddress = second.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/articles");
        request.Headers.Add("Cookie", session.AuthCookie);
        using var response = await elsewhere.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AdminSession.ReadAsync(response);
        Assert.NotNull(page.QuerySelector("form[action='/admin/logout']"));
    }

    [Fact]
    public async Task Behind_a_round_robin_proxy_a_journalist_signs_in_and_stays_signed_in_whichever_process_answers()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnPostgres);
        var (first, second, _) = await site.StartedAsync();
        // As Caddy sends them: the sign-in form comes from one process and is posted to the other,
        // so its antiforgery token, and then the session, are read with keys the other one wrote.
        using var admin = new AdminSession(new HttpClient(new BehindTlsProxy(first.Address, second.Address)) { BaseAddress = first.Address });

        using var signedIn = await admin.LoginAsync(ScaledSite.AdminEmail, ScaledSite.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        for (var request = 0; request < 4; request++)
        {
            var page = await admin.GetDocumentAsync("/admin/articles");
            Assert.NotNull(page.QuerySelector("form[action='/admin/logout']"));
        }
    }

    private static readonly TimeSpan ScheduledPublisherInterval = NewsCms.Web.Infrastructure.ScheduledPublisher.Interval;
    private static readonly TimeSpan WebhookSenderInterval = NewsCms.Web.Infrastructure.WebhookSender.Interval;

    private static object News(string headline) => new
    {
        headline,
        dek = "Services resume on Monday.",
        kind = "news",
        bodyMarkdown = "The union said its members **accepted** the offer.",
    };

    private static HttpClient ApiClient(AppProcess app, string key)
    {
        var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    // An anonymous reader with no cookies: the one whose pages come from the output cache.
    private static HttpClient Reader(AppProcess app) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) };

    // Asks for the page until it comes from the shared cache (Age is set): the entry is stored as the
    // response completes, so the reader may be a moment ahead of it.
    private static async Task CachedAsync(HttpClient reader, string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await reader.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.Age is not null) return;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"GET {path} was never served from the output cache.");
            await Task.Delay(50, Ct);
        }
    }

    // Asks for the page until it shows what it should, and fails once the allowance since the save is spent.
    private static async Task SeenWithinAsync(Stopwatch sinceSave, HttpClient reader, string path, Func<IDocument, bool> shows)
    {
        var last = "";
        while (true)
        {
            using var response = await reader.GetAsync(path, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode == HttpStatusCode.OK && shows(await NewsCmsFactory.ParseAsync(html))) return;
            last = $"{(int)response.StatusCode}, Age {response.Headers.Age?.ToString() ?? "none"}";
            Assert.True(sinceSave.Elapsed < Propagation, $"GET {path} on the other process still did not show the change {sinceSave.ElapsedMilliseconds} ms after the save was answered (last: {last}).");
            await Task.Delay(50, Ct);
        }
    }

    private static string? Headline(IDocument page) => page.QuerySelector("main article h1")?.TextContent.Trim();

    private static List<string> Teasers(IDocument page) =>
        page.QuerySelectorAll("main article.teaser h2 a").Select(a => a.TextContent.Trim()).ToList();

    private static int PublishedDeliveries(WebhookReceiver receiver, int articleId) => receiver.Received.Count(r =>
    {
        using var payload = JsonDocument.Parse(r.Body);
        return r.Event == WebhookEvents.ArticlePublished
            && payload.RootElement.GetProperty("data").GetProperty("article").GetProperty("id").GetInt32() == articleId;
    });

    // What each save of the article did, oldest first, as the revision history records it.
    private static List<string> Revisions(string data, int articleId)
    {
        using var connection = TestDatabase.Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Action" FROM "ArticleRevisions" WHERE "ArticleId" = @id ORDER BY "Version" """;
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = articleId;
        command.Parameters.Add(id);
        using var rows = command.ExecuteReader();
        var actions = new List<string>();
        while (rows.Read()) actions.Add(rows.GetString(0));
        return actions;
    }

    // What Caddy does in front of the scale profile: tells the app the browser came over HTTPS, so
    // the admin's Secure cookies are set, and, given several processes, sends each request to the
    // next one in turn. Like a browser, it keeps the cookies it is given and sends them back.
    private sealed class BehindTlsProxy(params Uri[] upstreams) : DelegatingHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        private readonly Dictionary<string, string> jar = new(StringComparer.Ordinal);
        private int sent;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (upstreams.Length > 0)
                request.RequestUri = new Uri(upstreams[sent++ % upstreams.Length], request.RequestUri!.PathAndQuery);
            request.Headers.Add("X-Forwarded-Proto", "https");
            if (jar.Count > 0 && !request.Headers.Contains("Cookie"))
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                foreach (var pair in cookies.Select(c => c.Split(';')[0]))
                    jar[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            }
            return response;
        }
    }

    // The two processes, started once for the class: starting them is most of its time. Each test
    // writes only articles of its own and looks only at those.
    public sealed class ScaledSite : IAsyncDisposable
    {
        public const string AdminEmail = "desk@newscms.test";
        public const string AdminPassword = "harbour-lights-at-dawn-42";

        private readonly Lock starting = new();
        private Task<(AppProcess First, AppProcess Second, string Key)>? started;
        private RedisServer? redis;
        private readonly List<AppProcess> processes = [];

        public string Data { get; } = Path.Combine(Path.GetTempPath(), "newscms-tests", Guid.NewGuid().ToString("N"));

        // Started by the first test that asks, inside that test, so a missing redis-server skips it
        // (and each test after it) with the reason.
        public Task<(AppProcess First, AppProcess Second, string Key)> StartedAsync()
        {
            lock (starting) return started ??= StartAsync();
        }

        private async Task<(AppProcess, AppProcess, string)> StartAsync()
        {
            redis = await RedisServer.StartAsync();
            string[] settings =
            [
                $"--NewsCms:DataDirectory={Data}",
                $"--NewsCms:OutputCache:Redis={redis.Configuration}",
                "--NewsCms:SeedDemoContent=false",
                "--NewsCms:TrustForwardedHeaders=true",
                $"--NewsCms:Admin:Email={AdminEmail}",
                $"--NewsCms:Admin:Password={AdminPassword}",
            ];
            // Together, as `docker compose up` starts them: both migrate and prepare the same empty database.
            var both = await Task.WhenAll(StartProcessAsync(settings), StartProcessAsync(settings));
            using var admin = await SignInAsync(both[0]);
            var form = (await admin.GetDocumentAsync("/admin/api-keys/new")).QuerySelector<IHtmlFormElement>("main form[action='/admin/api-keys/new']")!;
            using var created = await admin.SubmitAsync(form, new() { ["Name"] = "Wire desk", ["Scope"] = "write" });
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var key = (await AdminSession.ReadAsync(created)).QuerySelector<IHtmlInputElement>("#new_api_key")!.Value;
            return (both[0], both[1], key);
        }

        // Kept as soon as it answers: when the other one fails to start, this one is still stopped at the end.
        private async Task<AppProcess> StartProcessAsync(string[] settings)
        {
            var process = await AppProcess.StartAsync(settings, Ct);
            lock (processes) processes.Add(process);
            return process;
        }

        public async Task<AdminSession> SignInAsync(AppProcess app)
        {
            var session = new AdminSession(new HttpClient(new BehindTlsProxy()) { BaseAddress = app.Address });
            using var response = await session.LoginAsync(AdminEmail, AdminPassword);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}:\n{app.RecentLog}");
            return session;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in processes) await process.DisposeAsync();
            if (redis is not null) await redis.DisposeAsync();
            if (started is null) return;
            TestDatabase.Release(Data);
            try { Directory.Delete(Data, recursive: true); }
            catch (IOException) { }
        }
    }
}
