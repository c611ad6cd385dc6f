using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using NewsCms.IntegrationTests.Api;
using NewsCms.IntegrationTests.Infrastructure;
using SkiaSharp;
using static NewsCms.IntegrationTests.Api.ApiTestKit;

namespace NewsCms.IntegrationTests.Security;

// A corpus of script-injection payloads (xss-payloads.txt) typed into every text field through the
// API, published, and the served pages read back: no handler attribute, no script but JSON-LD and
// the site's own files, no script-running URL, and the JSON-LD still JSON that carries the text as data.
public sealed class ScriptCorpusTests(NewsroomApp app) : IClassFixture<NewsroomApp>
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "srcset", "data", "poster", "background", "to", "values"];

    public static IReadOnlyList<string> Payloads { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "xss-payloads.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal) || l.StartsWith("# Heading", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public async Task The_corpus_is_a_serious_one()
    {
        Assert.True(Payloads.Count >= 100, $"{Payloads.Count} payloads");
        Assert.Equal(Payloads.Count, Payloads.Distinct(StringComparer.Ordinal).Count());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Payloads_in_every_field_reach_the_pages_as_text_only()
    {
        using var writer = await app.WriterAsync();
        var photo = (await writer.UploadPngAsync(1200, 800, SKColors.DarkSlateGray)).GetProperty("id").GetInt32();
        var failures = new List<string>();

        for (var n = 0; n < Payloads.Count; n++)
        {
            var payload = Payloads[n];
            using (var media = await writer.PutAsync($"/api/v1/media/{photo}", Json(new
            {
                altText = payload, defaultCaption = payload, creditLine = payload, photographer = Cut(payload, 200), source = Cut(payload, 200), copyrightNotice = payload,
            }), Ct))
                Assert.True(media.StatusCode == HttpStatusCode.OK, $"media with payload {n}: {(int)media.StatusCode}");
            using var authorResponse = await writer.PostAsync("/api/v1/authors", Json(new { name = $"Writer {n} {Cut(payload, 150)}", jobTitle = Cut(payload, 200), bio = payload }), Ct);
            Assert.True(authorResponse.StatusCode == HttpStatusCode.Created, $"author with payload {n}: {(int)authorResponse.StatusCode} {await authorResponse.Content.ReadAsStringAsync(Ct)}");
            var author = await authorResponse.ReadJsonAsync();

            var created = await writer.CreateArticleAsync(new
            {
                headline = $"Story {n} {Cut(payload, 280)}",
                dek = payload,
                kind = "explainer",
                bodyMarkdown = $"Before.\n\n{payload}\n\nAfter with {payload} inline.",
                sections = new[] { new { question = $"Q {Cut(payload, 480)}", answerMarkdown = payload } },
                attributions = new[] { new { text = payload, organization = Cut(payload, 200) } },
                tags = new[] { $"Tag {n} {Cut(payload, 90)}" },
                authors = new[] { new { id = author.GetProperty("id").GetInt32() } },
                leadImage = new { mediaId = photo, caption = payload },
            });
            var published = await writer.PostAsync($"/api/v1/articles/{created.GetProperty("id").GetInt32()}/publish");
            var url = new Uri(published.GetProperty("url").GetString()!).PathAndQuery;

            var page = await app.GetDocumentAsync(url);
            failures.AddRange(Dangers(page).Select(d => $"payload {n} on the article: {d}"));
            failures.AddRange(JsonLdProblems(page, published.GetProperty("headline").GetString()!).Select(d => $"payload {n} in JSON-LD: {d}"));
            if (n % 10 == 0)
            {
                foreach (var listing in new[] { "/", "/authors/" + author.GetProperty("slug").GetString() })
                    failures.AddRange(Dangers(await app.GetDocumentAsync(listing)).Select(d => $"payload {n} on {listing}: {d}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)));
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    // What a browser would run or follow: handler attributes, foreign scripts, script-running URLs,
    // frames, plugins, forms and refreshes the site never makes.
    public static IEnumerable<string> Dangers(IDocument page)
    {
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    yield return $"<{element.LocalName} {attribute.Name}>";
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && RunsScript(attribute.Value))
                    yield return $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">";
                if (attribute.Name == "style") yield return $"<{element.LocalName} style>";
            }
            switch (element.LocalName)
            {
                case "script" when element.GetAttribute("type") != "application/ld+json" && !IsOwnScript(element.GetAttribute("src")):
                    yield return $"<script{(element.HasAttribute("src") ? " src=" + element.GetAttribute("src") : "")}>";
                    break;
                case "iframe" or "object" or "embed" or "frame" or "frameset" or "base" or "applet" or "form" when element.Closest("main") is not null:
                    yield return $"<{element.LocalName}> in the content";
                    break;
                case "meta" when element.GetAttribute("http-equiv") is not null:
                    yield return "<meta http-equiv>";
                    break;
            }
        }
    }

    private static bool IsOwnScript(string? src) => src is not null && src.StartsWith("/js/", StringComparison.Ordinal);

    private static bool RunsScript(string url)
    {
        var squeezed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        return squeezed.StartsWith("javascript:", StringComparison.Ordinal) || squeezed.StartsWith("vbscript:", StringComparison.Ordinal)
            || squeezed.StartsWith("data:text", StringComparison.Ordinal) || squeezed.StartsWith("data:image/svg", StringComparison.Ordinal)
            || squeezed.StartsWith("data:application", StringComparison.Ordinal) || squeezed.Contains(",javascript:", StringComparison.Ordinal);
    }

    // Every JSON-LD block parses, and the article's carries the headline exactly, as a string.
    public static IEnumerable<string> JsonLdProblems(IDocument page, string headline)
    {
        var blocks = page.QuerySelectorAll("script[type='application/ld+json']").ToList();
        if (blocks.Count == 0) yield return "no JSON-LD";
        var found = false;
        foreach (var block in blocks)
        {
            JsonDocument? json = null;
            string? error = null;
            try { json = JsonDocument.Parse(block.TextContent); }
            catch (JsonException e) { error = e.Message; }
            if (json is null)
            {
                yield return "does not parse: " + error;
                continue;
            }
            using (json) found |= Strings(json.RootElement).Contains(headline);
        }
        if (!found) yield return "the headline is not in it as text";
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
