using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Data;
using NewsCms.IntegrationTests.Infrastructure;
using Npgsql;

namespace NewsCms.IntegrationTests.Performance;

// Every statement the hot pages and API lists send is run again under EXPLAIN QUERY PLAN (EXPLAIN
// on PostgreSQL): none may read the whole articles table (a plain SCAN, a Seq Scan) or sort all of
// it (a temporary B-tree for ORDER BY, a Sort, on the articles themselves). With 100,000 articles
// either costs tens of milliseconds per request.
public sealed partial class QueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> HotUrls => new(
        "/2026/03/14/dam-talks",
        "/",
        "/?after={cursor}",
        "/tags/water",
        "/authors/ada-berg",
        "/feed",
        "/search?q=dam",
        "/api/v1/articles?limit=20",
        "/api/v1/articles?limit=20&after={apiCursor}",
        "/api/v1/articles?limit=20&tag=water",
        "/api/v1/articles?limit=20&author=ada-berg",
        "/api/v1/articles?limit=20&updatedSince=2026-03-14T00:00:00Z",
        "/api/v1/articles?limit=20&status=published",
        "/api/v1/articles/{id}",
        "/api/v1/articles/by-slug/dam-talks");

    [Theory]
    [MemberData(nameof(HotUrls))]
    public async Task A_hot_query_never_scans_or_sorts_the_articles_table(string url)
    {
        var recorder = new StatementRecorder();
        await using var app = new NewsroomApp().With("NewsCms:OutputCache:Enabled", "false");
        var author = await app.AuthorAsync("Ada Berg");
        var first = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks").By(author).Tagged("Water")
            .Question("Who is talking?", "Both sides, with a mediator. [[related: harvest]]"));
        for (var i = 0; i < 3; i++)
            await app.PublishAsync(new ArticleBuilder().Headline($"Harvest report {i}", i == 0 ? "harvest" : null).By(author).Tagged("Water", "Farming"));
        await using var traced = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<NewsCmsDbContext>(o => o.AddInterceptors(recorder))));
        using var client = traced.CreateClient();
        var cursor = await NextCursorAsync(client, "/api/v1/articles?limit=1");
        url = url.Replace("{id}", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{apiCursor}", cursor)
            .Replace("{cursor}", cursor);

        recorder.Clear();
        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statements = recorder.Statements.Where(s => ArticlesAlias().IsMatch(s.Sql)).ToList();
        Assert.NotEmpty(statements);
        var problems = TestDatabase.IsPostgres
            ? await PostgresProblemsAsync(app.DataDirectory, statements)
            : await SqliteProblemsAsync(app.DataDirectory, statements);
        Assert.True(problems.Count == 0, $"{url} runs\n{string.Join("\n\n", problems)}");
    }

    private static async Task<List<string>> SqliteProblemsAsync(string data, List<Statement> statements)
    {
        var problems = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "newscms.db")};Mode=ReadOnly");
        await connection.OpenAsync(Ct);
        foreach (var statement in statements)
        {
            var plan = await PlanAsync(connection, statement);
            var aliases = ArticlesAlias().Matches(statement.Sql).Select(m => m.Groups[1].Value).ToHashSet();
            bool ReadsArticles(PlanStep step, bool plainScanOnly) =>
                (plainScanOnly ? PlainScan() : AnyRead()).Match(step.Detail) is { Success: true } read && aliases.Contains(read.Groups[1].Value);
            // A sort beside a read of the articles (same parent in the plan) sorts every row that read found.
            var bad = plan.Where(step => ReadsArticles(step, plainScanOnly: true)
                    || (step.Detail == "USE TEMP B-TREE FOR ORDER BY" && plan.Any(other => other.Parent == step.Parent && ReadsArticles(other, plainScanOnly: false))))
                .ToList();
            if (bad.Count > 0) problems.Add($"{statement.Sql}\nwith the plan\n  {string.Join("\n  ", plan.Select(p => p.Detail))}");
        }
        return problems;
    }

    // PostgreSQL's counterpart: no Seq Scan of "Articles", and no Sort straight over a read of it.
    // A test database holds a handful of rows, which the planner rightly reads whole; with
    // sequential scans priced out (enable_seqscan off) it still scans where no index can serve.
    private static async Task<List<string>> PostgresProblemsAsync(string data, List<Statement> statements)
    {
        var problems = new List<string>();
        await using var connection = (NpgsqlConnection)TestDatabase.Open(data);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(Ct);
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + statement.Sql, connection);
            foreach (var (name, value) in statement.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            using var plan = System.Text.Json.JsonDocument.Parse((string)(await command.ExecuteScalarAsync(Ct))!);
            var nodes = Nodes(plan.RootElement[0].GetProperty("Plan")).ToList();
            static bool ReadsArticles(System.Text.Json.JsonElement node) =>
                node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "Articles";
            var bad = nodes.Where(n => (n.GetProperty("Node Type").GetString() == "Seq Scan" && ReadsArticles(n))
                || (n.GetProperty("Node Type").GetString() == "Sort" && Children(n).Any(ReadsArticles))).ToList();
            if (bad.Count > 0) problems.Add($"{statement.Sql}\nwith the plan\n  {plan.RootElement}");
        }
        return problems;
    }

    private static IEnumerable<System.Text.Json.JsonElement> Children(System.Text.Json.JsonElement node) =>
        node.TryGetProperty("Plans", out var plans) ? plans.EnumerateArray() : [];

    private static IEnumerable<System.Text.Json.JsonElement> Nodes(System.Text.Json.JsonElement node) =>
        Children(node).SelectMany(Nodes).Prepend(node);

    private static async Task<string> NextCursorAsync(HttpClient client, string url)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(url, Ct));
        var next = new Uri(json.RootElement.GetProperty("next").GetString()!);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(next.Query)["after"].ToString();
    }

    private sealed record PlanStep(long Id, long Parent, string Detail);

    private static async Task<List<PlanStep>> PlanAsync(SqliteConnection connection, Statement statement)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement.Sql;
        foreach (var (name, value) in statement.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var plan = new List<PlanStep>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) plan.Add(new PlanStep(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3)));
        return plan;
    }

    // `"Articles" AS "a"` (SQLite) or `"Articles" AS a` (PostgreSQL): the aliases EF gives the
    // articles table in one statement.
    [GeneratedRegex("\"Articles\" AS \"?(\\w+)\"?")]
    private static partial Regex ArticlesAlias();

    [GeneratedRegex("^(?:SCAN|SEARCH) (\\w+)\\b")]
    private static partial Regex AnyRead();

    // "SCAN a" walks every row; "SCAN a USING INDEX ..." walks an index in order and stops at the limit.
    [GeneratedRegex("^SCAN (\\w+)$")]
    private static partial Regex PlainScan();
}
