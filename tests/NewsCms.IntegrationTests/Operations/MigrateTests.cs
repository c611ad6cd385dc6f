using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Api;
using NewsCms.IntegrationTests.Admin;
using NewsCms.IntegrationTests.Api;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Operations;

// `migrate --to CONNECTION`: a newsroom that outgrows SQLite moves its site onto PostgreSQL and
// must find everything where it was: the pages readers see, the search, the journalists' sign-ins,
// the integrators' API keys, the revisions. These run when the suite runs on PostgreSQL (the
// second run in .ci/run), with the SQLite site as the source and the data directory's own
// PostgreSQL database as the target.
public sealed class MigrateTests
{
    private const string NeedsPostgres = "copies a SQLite site into PostgreSQL; NEWSCMS_TEST_DATABASE=Postgres runs it";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The site as it ran before: SQLite in the data directory, demo content, a first admin.
    private static NewsroomApp SqliteSite(string data) => new NewsroomApp()
        .With("NewsCms:DataDirectory", data)
        .With("NewsCms:Database:Provider", "Sqlite")
        .With("NewsCms:SeedDemoContent", "true")
        .With("NewsCms:Admin:Email", AdminFactory.AdminEmail)
        .With("NewsCms:Admin:Password", AdminFactory.AdminPassword);

    // The same data directory on PostgreSQL, as the operator starts it after the copy.
    private static NewsroomApp PostgresSite(string data) => new NewsroomApp()
        .With("NewsCms:DataDirectory", data)
        .With("NewsCms:Admin:Email", AdminFactory.AdminEmail)
        .With("NewsCms:Admin:Password", AdminFactory.AdminPassword);

    private static Task<(int Exit, string Output, string Errors)> MigrateAsync(string data, params string[] options) =>
        AppProcess.RunVerbAsync(["migrate", .. options, $"--NewsCms:DataDirectory={data}", "--NewsCms:Database:Provider=Sqlite"], Ct);

    // The demo site on SQLite, copied into the data directory's PostgreSQL database; returns that database.
    private static async Task<string> MigrateDemoSiteAsync(string data)
    {
        await using (var before = SqliteSite(data)) Assert.NotEmpty(await ArticlePathsAsync(before));
        var target = TestDatabase.ConnectionString(data);
        var (exit, output, errors) = await MigrateAsync(data, "--to", target);
        Assert.True(exit == 0, $"migrate exited {exit}:\n{output}\n{errors}");
        return target;
    }

    private static async Task<string> MainOfAsync(NewsroomApp app, string path) =>
        (await app.GetDocumentAsync(path)).QuerySelector("main")!.OuterHtml;

    private static async Task<List<string>> ArticlePathsAsync(NewsroomApp app) =>
        [.. (await app.GetDocumentAsync("/")).QuerySelectorAll("main article.teaser h2 a").Select(a => a.GetAttribute("href")!)];

    private static async Task<List<string>> SearchAsync(NewsroomApp app, string words) =>
        [.. (await app.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(words))).QuerySelectorAll("main .search-result__headline a")
            .Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task A_migrated_site_shows_the_same_pages_and_keeps_its_search_sign_ins_api_keys_and_revisions()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, NeedsPostgres);
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            List<string> paths;
            Dictionary<string, string> pages = [];
            List<string> found;
            string cookie, readKey;
            int editedId, draftId, revisions;
            await using (var before = SqliteSite(data))
            {
                paths = await ArticlePathsAsync(before);
                Assert.NotEmpty(paths);
                var edited = await before.PublishAsync(new ArticleBuilder().Headline("Ferry fares explained", "ferry-fares")
                    .Question("Who sets the fares?", "The port authority, every spring.").Tagged("Transport"));
                await before.EditAsync(edited, i => i with { Dek = "Why a return ticket costs more this year." });
                var draft = await before.CreateDraftAsync(new ArticleBuilder().Headline("Harbour dredging, unfinished", "dredging"));
                (editedId, draftId) = (edited.Id, draft.Id);
                paths.Add(edited.Path!);
                foreach (var path in paths) pages[path] = await MainOfAsync(before, path);
                found = await SearchAsync(before, "fares");
                Assert.Contains("Ferry fares explained", found);
                readKey = (await before.CreateKeyAsync(ApiKeyScope.Read)).PlainKey;
                revisions = await RevisionCountAsync(before, editedId, readKey);
                Assert.True(revisions >= 2);
                using var session = await AdminSession.SignInAsync(before, AdminFactory.AdminEmail, AdminFactory.AdminPassword);
                cookie = session.AuthCookie!;
            }

            var (exit, output, errors) = await MigrateAsync(data, "--to", TestDatabase.ConnectionString(data));

            Assert.True(exit == 0, $"migrate exited {exit}:\n{output}\n{errors}");
            Assert.Contains("Copied and verified", output);
            Assert.DoesNotContain("DIFFERS", output);
            Assert.Contains("Search index: ", output);
            foreach (var table in new[] { "Articles", "ArticleRevisions", "AspNetUsers", "ApiKeys", "MediaAssets", "MediaRenditions" })
                Assert.Matches($@"(?m)^  {table} +[1-9][0-9,]* rows? +sha256 [0-9a-f]{{16}} +matches$", output);

            await using var after = PostgresSite(data);
            foreach (var path in paths) Assert.Equal(pages[path], await MainOfAsync(after, path));
            Assert.Equal(found, await SearchAsync(after, "fares"));

            // The sign-in cookie from before the move is still a sign-in: same user, same keys.
            using (var client = AdminSession.NewClient(after))
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/admin/articles"))
            {
                request.Headers.Add("Cookie", cookie);
                using var response = await client.SendAsync(request, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
                Assert.NotNull(page.QuerySelector("form[action='/admin/logout']"));
            }
            using (var reader = after.ApiClient(readKey))
            {
                var drafts = await reader.GetJsonAsync("/api/v1/articles?status=draft");
                Assert.Contains(draftId, drafts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
            }
            Assert.Equal(revisions, await RevisionCountAsync(after, editedId, readKey));

            // Copied rows kept their ids; the next article continues after them instead of colliding.
            var next = await after.PublishAsync(new ArticleBuilder().Headline("First story on PostgreSQL", "first-on-postgres"));
            Assert.Equal(draftId + 1, next.Id);
        });
    }

    [Fact]
    public async Task Times_finer_than_a_microsecond_verify_as_postgres_keeps_them_before_and_after_2000()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, NeedsPostgres);
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            // SQLite keeps 100 ns ticks; PostgreSQL keeps microseconds counted from 2000-01-01 and
            // drops the rest toward that epoch, so the last digit goes one way before 2000 and the
            // other after it. The checksums must agree with what PostgreSQL actually stored.
            var archived = new DateTimeOffset(1998, 7, 1, 6, 30, 0, TimeSpan.Zero).AddTicks(12_345_678);
            var recent = new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero).AddTicks(87_654_321);
            int id;
            await using (var before = SqliteSite(data))
            {
                id = (await before.PublishAsync(new ArticleBuilder().Headline("From the archive", "archive"))).Id;
                await before.WithScopeAsync(s => s.GetRequiredService<NewsCms.Data.NewsCmsDbContext>().Articles.Where(a => a.Id == id)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.PublishedAt, archived).SetProperty(a => a.UpdatedAt, recent), Ct));
            }

            var (exit, output, errors) = await MigrateAsync(data, "--to", TestDatabase.ConnectionString(data));

            Assert.True(exit == 0, $"migrate exited {exit}:\n{output}\n{errors}");
            Assert.DoesNotContain("DIFFERS", output);
            await using var after = PostgresSite(data);
            var copied = await after.WithScopeAsync(s => s.GetRequiredService<NewsCms.Data.NewsCmsDbContext>().Articles.AsNoTracking()
                .SingleAsync(a => a.Id == id, Ct));
            Assert.Equal(archived.AddTicks(-(archived.UtcTicks % 10) + 10), copied.PublishedAt);
            Assert.Equal(recent.AddTicks(-(recent.UtcTicks % 10)), copied.UpdatedAt);
        });
    }

    [Fact]
    public async Task A_second_migrate_into_the_same_database_is_refused_and_changes_nothing()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, NeedsPostgres);
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            var target = await MigrateDemoSiteAsync(data);
            var counted = Count(data, "Articles");

            var (exit, output, errors) = await MigrateAsync(data, "--to", target);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("the target database is not empty", errors);
            Assert.Contains("MediaAssets has 1 row.", errors);
            Assert.Equal(counted, Count(data, "Articles"));
        });
    }

    [Fact]
    public async Task Verify_names_the_table_and_the_row_that_differ_from_the_sqlite_site()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, NeedsPostgres);
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            var target = await MigrateDemoSiteAsync(data);
            var (matching, report, _) = await MigrateAsync(data, "--verify", "--to", target);
            Assert.Equal(0, matching);
            Assert.Contains("holds the same rows as the SQLite site", report);

            using (var db = TestDatabase.Open(data))
            using (var tamper = db.CreateCommand())
            {
                tamper.CommandText = "UPDATE \"Articles\" SET \"Headline\" = 'Changed behind the copy' WHERE \"Id\" = 2";
                Assert.Equal(1, tamper.ExecuteNonQuery());
            }
            var (exit, output, errors) = await MigrateAsync(data, "--verify", "--to", target);

            Assert.Equal(1, exit);
            Assert.Matches(@"(?m)^  Articles +\d+ rows +sha256 [0-9a-f]{16} +DIFFERS: \d+ rows in PostgreSQL, sha256 [0-9a-f]{16}; keys 2$", output);
            Assert.Single(output.Split('\n'), l => l.Contains("DIFFERS", StringComparison.Ordinal));
            Assert.Contains("Verification failed", errors);
        });
    }

    [Fact]
    public async Task A_target_that_is_not_a_postgres_connection_string_or_cannot_be_reached_gets_one_clear_line()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            var (exit, output, errors) = await MigrateAsync(data, "--to", "Hots=db;Databse=news");
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("migrate: --to is not a PostgreSQL connection string", errors);
            Assert.DoesNotContain("   at ", errors);

            (exit, output, errors) = await MigrateAsync(data, "--to", "Host=127.0.0.1;Port=1;Database=news;Username=news;Timeout=3");
            Assert.Equal(1, exit);
            Assert.Contains("migrate failed on PostgreSQL database \"news\" on 127.0.0.1:1", errors);
            Assert.Contains("Nothing was kept", errors);
            Assert.DoesNotContain("   at ", errors);

            // On PostgreSQL the test process carries ConnectionStrings:NewsCms, which migrate takes as its target.
            if (TestDatabase.IsPostgres) return;
            (exit, _, errors) = await MigrateAsync(data);
            Assert.Equal(1, exit);
            Assert.Contains("name the PostgreSQL database to copy into with --to", errors);
        });
    }

    private static async Task<int> RevisionCountAsync(NewsroomApp app, int articleId, string key)
    {
        using var client = app.ApiClient(key);
        return (await client.GetJsonAsync($"/api/v1/articles/{articleId}/revisions")).GetArrayLength();
    }

    private static long Count(string data, string table)
    {
        using var db = TestDatabase.Open(data);
        using var count = db.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

