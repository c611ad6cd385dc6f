using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsCms.Api;
using NewsCms.IntegrationTests.Admin;
using NewsCms.IntegrationTests.Api;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Tests.Media;
using SkiaSharp;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Security;

// Thousands of malformed requests, generated from a fixed seed, to every API endpoint and admin
// form the app maps: never a 5xx; the API answers problem details, the admin a page; and a
// refused request leaves the database as it was.
public sealed class FuzzTests(FuzzTests.Site app) : IClassFixture<FuzzTests.Site>
{
    // The app with its errors kept, so a 500 in the report names its exception.
    public sealed class Site : AdminFactory, ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> errors = new();

        public string LastError() => errors.TryPeek(out _) ? errors.Last() : "(nothing logged)";

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(this));
        }

        ILogger ILoggerProvider.CreateLogger(string categoryName) => new ErrorLog(errors);

        void IDisposable.Dispose() { }

        private sealed class ErrorLog(System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error) errors.Enqueue(exception is null ? formatter(state, exception) : $"{exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("NewsCms", StringComparison.Ordinal))?.Trim()}");
            }
        }
    }

    private const int RequestsPerApiEndpoint = 120;
    private const int RequestsPerAdminForm = 90;

    // Columns that change on a refused request by design: a key's last use, a failed sign-in's count.
    private static readonly string[] VolatileColumns = ["LastUsedAt", "AccessFailedCount", "LockoutEnd", "ConcurrencyStamp"];

    private static readonly string Huge = new('x', 300_000);

    // Raw JSON values that no field expects.
    private static readonly string[] HostileJson =
    [
        "\"" + Huge + "\"", "-1", "0", "2147483648", "-9223372036854775809", "1e400", "1.5", "true", "false", "null", "[]", "{}",
        "\"tabloid\"", "\"\\ud800\"", "\"\\u0000\\u0007\"", "\"2026-13-45T99:00:00Z\"", "\"<script>alert(1)</script>\"",
        new string('[', 3000) + new string(']', 3000), "[" + string.Concat(Enumerable.Repeat("1,", 20_000)) + "1]",
        "\"" + string.Concat(Enumerable.Repeat("🦀", 5000)) + "\"", "\"   \"", "\"../../etc/passwd\"", "99999999999999999999999999",
        "{\"$ref\":\"#\"}", "\"javascript:alert(1)\"",
    ];

    private static readonly string[] HostileText =
    [
        Huge, "", " ", "-1", "0", "2147483648", "99999999999999999999", "abc", "1.5", "true", "tabloid", "2026-13-45T99:00",
        "<script>alert(1)</script>", "\0", "../../x", "%00", "😀", "\u202e", new string('a', 5000),
    ];

    private static readonly string[] HostileIfMatch =
        ["garbage", "W/\"-1\"", "W/\"99999999999999999999\"", "\"1\"", "*", "W/\"1\", W/\"2\"", "W/", "\"", "W/\"abc\""];

    private static readonly string[] HostileCursors = ["!!", "AAAA", "eyJ4IjoxfQ", new string('A', 5000), "%ff", "null", "-1"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private List<(string Method, RoutePattern Pattern)> Endpoints(string prefix)
    {
        using (app.CreateClient()) { }
        var found = new List<(string, RoutePattern)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!raw.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                found.Add((method, endpoint.RoutePattern));
        }
        Assert.NotEmpty(found);
        return found.DistinctBy(e => (e.Item1, e.Item2.RawText)).OrderBy(e => e.Item2.RawText, StringComparer.Ordinal).ThenBy(e => e.Item1, StringComparer.Ordinal).ToList();
    }

    private static string Fill(RoutePattern pattern, Func<RoutePatternParameterPart, string> value) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart p => value(p),
            RoutePatternSeparatorPart s => s.Content,
            _ => "x",
        }))));

    [Fact]
    public async Task Malformed_api_requests_get_problem_details_and_change_nothing()
    {
        var random = new Random(7001);
        using var writer = await app.WriterAsync();
        var article = await writer.CreateArticleAsync(Explainer("Fuzz target"));
        var articleId = article.GetProperty("id").GetInt32();
        var mediaId = (await writer.UploadPngAsync(400, 300, SKColors.Olive)).GetProperty("id").GetInt32();
        var ids = new[] { articleId.ToString(), mediaId.ToString(), "1", "0", "-1", "2147483647", "99999999999", "abc", "%20", "1e5", Uri.EscapeDataString(Huge[..3000]) };

        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, pattern) in Endpoints("/api/"))
        {
            for (var i = 0; i < RequestsPerApiEndpoint; i++)
            {
                var path = Fill(pattern, p => random.Next(3) == 0 ? Pick(random, ids) : p.Name is "slug" ? "fuzz-target" : articleId.ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method), path + HostileQuery(random));
                if (method is "POST" or "PUT" or "PATCH") request.Content = ApiBody(random, pattern.RawText!, method);
                if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("If-Match", Pick(random, HostileIfMatch));
                if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("If-None-Match", Pick(random, HostileIfMatch));
                var before = method == "GET" ? null : Checksum();
                using var response = await writer.SendAsync(request, Ct);
                sent++;
                var status = (int)response.StatusCode;
                var label = $"{method} {Cut(path, 80)} -> {status}";
                if (status >= 500) failures.Add(label + ": " + app.LastError());
                else if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add(label + " without problem details");
                    else if (!await IsProblemAsync(response, status)) failures.Add(label + " with a malformed problem");
                    if (before is not null && before != Checksum()) failures.Add(label + " changed the database");
                }
            }
        }

        Assert.True(sent >= 2000, $"Only {sent} requests sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures.Distinct().Take(60)));
    }

    [Fact]
    public async Task Malformed_admin_form_posts_get_pages_with_messages_and_change_nothing()
    {
        var random = new Random(7002);
        using var session = await app.SignInAsync(NewsCms.Accounts.Roles.Admin);
        var article = await app.CreateArticleAsync(session.Actor!, new ArticleBuilder().Headline("Fuzzed in the admin").Question("Why?", "Because.").Build());
        var (_, _, colleague) = await app.CreateUserAsync(NewsCms.Accounts.Roles.Writer);
        var forms = await FormsAsync(session, $"/admin/articles/{article.Id}", "/admin/articles/new", "/admin/settings", "/admin/users/new",
            "/admin/account/password", "/admin/users", $"/admin/articles/{article.Id}/history");
        var token = forms.Values.SelectMany(f => f).First(f => f.Key == "__RequestVerificationToken").Value;
        var ids = new[] { article.Id.ToString(), "0", "-1", "2147483647", "99999999999", "abc", colleague };

        var failures = new List<string>();
        var sent = 0;
        // Signing out ends the session the rest of the run needs; the login form has its own tests.
        foreach (var (method, pattern) in Endpoints("/admin").Where(e => e.Method == "POST" && e.Pattern.RawText is not ("admin/logout" or "admin/login")))
        {
            for (var i = 0; i < RequestsPerAdminForm; i++)
            {
                var path = Fill(pattern, p => random.Next(4) == 0 ? Pick(random, ids)
                    : p.Name == "id" && pattern.RawText!.StartsWith("admin/users", StringComparison.Ordinal) ? colleague
                    : p.Name is "version" or "linkId" ? "1" : article.Id.ToString());
                var fields = forms.TryGetValue(Fill(pattern, _ => "{}"), out var known) ? known : [new("__RequestVerificationToken", token)];
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = AdminBody(random, fields, out var withToken, out var shape) };
                var before = Checksum();
                using var response = await session.Client.SendAsync(request, Ct);
                sent++;
                var status = (int)response.StatusCode;
                var label = $"POST {Cut(path, 80)} ({shape}) -> {status}";
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500) failures.Add(label + ": " + app.LastError());
                else if (status == 400 && withToken && type != "text/html") failures.Add(label + " (a bad form with its token gets a page)");
                else if (status is 409 or 422 && type == "text/html" && !await HasMessagesAsync(response)) failures.Add(label + " without a message");
                if (status >= 400 && before != Checksum()) failures.Add(label + " changed the database");
            }
        }

        Assert.True(sent >= 1000, $"Only {sent} requests sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures.Distinct().Take(60)));
        // The session is still good: nothing above signed it out or broke it.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/articles")).StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_refused_with_413_problem_details_and_pages()
    {
        using var writer = await app.WriterAsync();
        using var apiResponse = await writer.PostAsync("/api/v1/articles", Json("{\"headline\":\"" + new string('x', 5 * 1024 * 1024) + "\"}"), Ct);
        await apiResponse.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        using var session = await app.SignInAsync(NewsCms.Accounts.Roles.Editor);
        var form = (await session.GetDocumentAsync("/admin/articles/new")).QuerySelector<IHtmlFormElement>("form[action='/admin/articles/new']")!;
        var token = AdminSession.Fields(form).First(f => f.Key == "__RequestVerificationToken").Value;
        using var adminResponse = await session.Client.PostAsync("/admin/articles/new", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Headline", "Too long"), new("BodyMarkdown", new string('x', 17 * 1024 * 1024)),
        ]), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, adminResponse.StatusCode);
        Assert.Equal("text/html", adminResponse.Content.Headers.ContentType?.MediaType);
        var page = await AdminSession.ReadAsync(adminResponse);
        Assert.Contains("too large", page.QuerySelector("main")?.TextContent ?? "", StringComparison.OrdinalIgnoreCase);

        // Without a declared length the limit is found while the form is read: the same answer.
        var chunkedForm = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&Headline=Chunked&BodyMarkdown=" + new string('x', 17 * 1024 * 1024);
        using var chunked = new UndeclaredLengthContent(Encoding.ASCII.GetBytes(chunkedForm), "application/x-www-form-urlencoded");
        using var chunkedResponse = await session.Client.PostAsync("/admin/articles/new", chunked, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        Assert.Contains("too large", (await AdminSession.ReadAsync(chunkedResponse)).QuerySelector("main")?.TextContent ?? "", StringComparison.OrdinalIgnoreCase);

        // A small chunked form is read as any other.
        using var small = new UndeclaredLengthContent(Encoding.ASCII.GetBytes(
            "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&Headline=Chunked+but+small&BodyMarkdown=Fine.&command=save"), "application/x-www-form-urlencoded");
        using var smallResponse = await session.Client.PostAsync("/admin/articles/new", small, Ct);
        Assert.Equal(HttpStatusCode.Redirect, smallResponse.StatusCode);
    }

    // A body sent chunked, with no Content-Length, as a streaming client sends it.
    private sealed class UndeclaredLengthContent : HttpContent
    {
        private readonly byte[] bytes;

        public UndeclaredLengthContent(byte[] bytes, string mediaType)
        {
            this.bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Cut(string text, int max) => text[..Math.Min(max, text.Length)];

    private static string HostileQuery(Random random)
    {
        if (random.Next(3) != 0) return "";
        var pairs = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            pairs.Add(random.Next(7) switch
            {
                0 => "limit=" + Uri.EscapeDataString(Cut(Pick(random, HostileText), 20)),
                1 => "after=" + Uri.EscapeDataString(Pick(random, HostileCursors)),
                2 => "status=" + Pick(random, new[] { "tabloid", "Published", "5", "-1", "" }),
                3 => "updatedSince=" + Pick(random, new[] { "yesterday", "2026-02-30", "99999-01-01T00:00:00Z", "-1" }),
                4 => "q=" + Uri.EscapeDataString(random.Next(3) == 0 ? Huge[..5000] : "\"AND OR NEAR(* ^"),
                5 => "limit=1&limit=2",
                _ => "tag=" + Uri.EscapeDataString(Cut(Pick(random, HostileText), 200)),
            });
        }
        return "?" + string.Join("&", pairs);
    }

    private static JsonObject BaseJson(string route, string method) => route switch
    {
        _ when route.EndsWith("/schedule", StringComparison.Ordinal) => new() { ["at"] = "2030-01-01T09:00:00Z", ["version"] = 1 },
        _ when route.Contains("preview-links", StringComparison.Ordinal) => new() { ["expiresInHours"] = 24 },
        _ when route.StartsWith("api/v1/media", StringComparison.Ordinal) => new() { ["altText"] = "Cranes", ["creditLine"] = "A / B", ["licenseUrl"] = "https://example.com/l" },
        _ when route.StartsWith("api/v1/tags", StringComparison.Ordinal) => new() { ["name"] = "Energy", ["description"] = "Power" },
        _ when route.StartsWith("api/v1/authors", StringComparison.Ordinal) => new() { ["name"] = "Ana Diaz", ["jobTitle"] = "Reporter", ["bio"] = "Writes." },
        _ => JsonSerializer.SerializeToNode(Explainer("Fuzz " + method), JsonSerializerOptions.Web)!.AsObject(),
    };

    private static HttpContent ApiBody(Random random, string route, string method)
    {
        var mediaType = method == "PATCH" ? "application/merge-patch+json" : "application/json";
        if (route == "api/v1/media" && method == "POST") return MediaForm(random);
        var json = BaseJson(route, method);
        string text;
        switch (random.Next(12))
        {
            case 0: return Raw(random.Next(2) == 0 ? [] : RandomNumberGenerator.GetBytes(random.Next(1, 2000)), mediaType);
            case 1: return Raw([.. Encoding.UTF8.GetBytes("{\"headline\":\"caf"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")], mediaType);
            case 2:
                text = json.ToJsonString();
                return Raw(Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]), mediaType);
            case 3: return Raw(Encoding.UTF8.GetBytes(new string('[', 100_000)), mediaType);
            case 4:
                text = json.ToJsonString();
                return Raw(Encoding.UTF8.GetBytes("{\"headline\":\"one\",\"headline\":\"two\"," + text[1..]), mediaType);
            case 5: return Raw(Encoding.UTF8.GetBytes(json.ToJsonString()), Pick(random, new[] { "text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded" }));
            case 6: return Raw(Encoding.UTF8.GetBytes(Pick(random, HostileJson)), mediaType);
            default:
                text = Mutate(random, json);
                return Raw(Encoding.UTF8.GetBytes(text), mediaType);
        }
    }

    // One field of a valid document replaced, removed or joined by a stranger.
    private static string Mutate(Random random, JsonObject json)
    {
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            if (node is null) return;
            nodes.Add(node);
            if (node is JsonObject o) foreach (var (_, child) in o) Walk(child);
            if (node is JsonArray a) foreach (var child in a) Walk(child);
        }
        Walk(json);
        var target = nodes[random.Next(1, nodes.Count)];
        const string marker = "\"__fuzz__\"";
        switch (random.Next(4))
        {
            case 0 when target.Parent is JsonObject parent:
                parent.Remove(target.GetPropertyName());
                return json.ToJsonString();
            case 1:
                json["unexpected" + random.Next(100)] = JsonValue.Create("__fuzz__");
                break;
            default:
                target.ReplaceWith(JsonValue.Create("__fuzz__"));
                break;
        }
        return json.ToJsonString().Replace(marker, Pick(random, HostileJson), StringComparison.Ordinal);
    }

    private static ByteArrayContent Raw(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return content;
    }

    private static HttpContent MediaForm(Random random)
    {
        var png = TestImages.Png(64, 48, new SKColor((uint)random.Next() | 0xFF000000));
        switch (random.Next(8))
        {
            case 0: return Raw(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\x89PNG"), "multipart/form-data; boundary=b");
            case 1: return Raw(png, "multipart/form-data");
            case 2: return Raw(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n"), "multipart/form-data; boundary=b");
        }
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(random.Next(3) switch
        {
            0 => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
            1 => png[..(png.Length / 2)],
            _ => TestImages.PngClaiming(60_000, 60_000),
        });
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        if (random.Next(4) != 0) form.Add(file, "file", Pick(random, new[] { "../../etc/passwd", "a.png", "CON", "a\u202Egnp.exe", Huge[..1000] + ".png" }));
        if (random.Next(3) == 0) form.Add(new ByteArrayContent(png), "file", "second.png");
        form.Add(new StringContent(Pick(random, HostileText)), Pick(random, new[] { "altText", "creditLine", "licenseUrl", "photographer", "unknown" }));
        return form;
    }

    // The page's own fields with one change: a field dropped, doubled, or given a hostile value; or
    // the body itself broken.
    private static HttpContent AdminBody(Random random, List<KeyValuePair<string, string>> page, out bool withToken, out int shape)
    {
        var fields = page.ToList();
        withToken = true;
        shape = random.Next(10);
        switch (shape)
        {
            case 0:
                fields.RemoveAll(f => f.Key == "__RequestVerificationToken");
                withToken = false;
                break;
            case 1:
                var token = fields.FirstOrDefault(f => f.Key == "__RequestVerificationToken").Value ?? "";
                return Raw([.. Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Headline=caf%C3%28%FF&Slug=%"), 0xFF, 0xFE],
                    "application/x-www-form-urlencoded");
            case 2:
                withToken = false;
                return Raw(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"Headline\"\r\n\r\nunterminated"), "multipart/form-data; boundary=b");
            case 3:
                for (var i = 0; i < 1500; i++) fields.Add(new($"Sections[{i}].Question", "Why?"));
                break;
            case 4:
                fields.Add(new(Pick(random, new[] { "Sections[99999].Question", "Sections[-1].Question", "AuthorIds[0]", "Tags", "Kind", "Role", "ExpiresInHours", "Version" }),
                    Pick(random, HostileText)));
                break;
            default:
                if (fields.Count == 0) break;
                var target = fields[random.Next(fields.Count)];
                if (target.Key == "__RequestVerificationToken") withToken = false;
                fields.Remove(target);
                switch (random.Next(3))
                {
                    case 0: break;
                    case 1: fields.Add(target); fields.Add(new(target.Key, Pick(random, HostileText))); break;
                    default: fields.Add(new(target.Key, Pick(random, HostileText))); break;
                }
                break;
        }
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<Dictionary<string, List<KeyValuePair<string, string>>>> FormsAsync(AdminSession session, params string[] pages)
    {
        var forms = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var form in (await session.GetDocumentAsync(page)).QuerySelectorAll<IHtmlFormElement>("form[method='post']"))
            {
                var action = form.GetAttribute("action") ?? page;
                // Keyed by shape: ids replaced as the route pattern has them.
                var key = string.Join("/", action.Split('?')[0].Split('/').Select(s => s.Length > 0 && (s.All(char.IsAsciiDigit) || Guid.TryParse(s, out _)) ? "{}" : s));
                forms.TryAdd(key, AdminSession.Fields(form));
            }
        }
        return forms;
    }

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response, int status)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            var root = problem.RootElement;
            return root.GetProperty("status").GetInt32() == status
                && root.GetProperty("type").GetString()!.StartsWith("https://newscms.dev/problems/", StringComparison.Ordinal)
                && !string.IsNullOrEmpty(root.GetProperty("title").GetString())
                && !root.TryGetProperty("exception", out _);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    // A page that refuses a form says why: an error summary, a field message or the refusal itself.
    private static async Task<bool> HasMessagesAsync(HttpResponseMessage response)
    {
        var page = await AdminSession.ReadAsync(response);
        return page.QuerySelector(".error-summary, .field-validation-error, [role='alert']") is not null;
    }

    // Every row of every table, hashed, except the columns that change by design on refusal.
    private string Checksum()
    {
        using var connection = TestDatabase.Open(app.DataDirectory);
        var tables = TestDatabase.Tables(connection);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            hash.AppendData(Encoding.UTF8.GetBytes(table));
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    if (VolatileColumns.Contains(reader.GetName(c))) continue;
                    hash.AppendData(Encoding.UTF8.GetBytes((reader.IsDBNull(c) ? "∅" : Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)) + "|"));
                }
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
