using System.Net;
using NewsCms.BrowserTests.Infrastructure;

namespace NewsCms.BrowserTests;

// Valid HTML (issue 5): every kind of public page, as the server sends it, passes html-validate
// with zero errors. The demo content has a lead photo, an inline library photo, a related callout,
// a table and Q&A sections, so each of those shapes is checked. The rules are html-validate's
// recommended set less two about source formatting, not validity (tests/browser/htmlvalidate.json):
// trailing whitespace left by Razor's indentation, and the framework's self-closing antiforgery <input/>.
public sealed class HtmlValidityTests(SiteServer site) : IClassFixture<SiteServer>
{
    private static readonly (string Path, HttpStatusCode Status)[] Pages =
    [
        ("/", HttpStatusCode.OK), ("{explainer}", HttpStatusCode.OK), ("/tags/lowen-river", HttpStatusCode.OK),
        ("/authors/mara-ellison", HttpStatusCode.OK), ("/search?q=river", HttpStatusCode.OK),
        ("/search?q=%22unbalanced", HttpStatusCode.OK), ("/search", HttpStatusCode.OK), ("/corrections", HttpStatusCode.OK),
        ("/no-such-page", HttpStatusCode.NotFound), ("/admin/login", HttpStatusCode.OK),
    ];

    [Fact]
    public async Task Public_pages_are_valid_html()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var documents = new Dictionary<string, string>();
        foreach (var (path, status) in Pages)
        {
            var resolved = await site.DemoPathAsync(path);
            using var response = await client.GetAsync(resolved, TestContext.Current.CancellationToken);
            Assert.Equal(status, response.StatusCode);
            documents[resolved] = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        Assert.Contains("inline-figure", documents[await site.DemoPathAsync("{explainer}")]);

        var errors = await HtmlValidator.ValidateAsync(documents, TestContext.Current.CancellationToken);

        Assert.True(errors.Count == 0, "html-validate errors:\n" + string.Join("\n", errors.Select(e => $"{e.File}:{e.Line}:{e.Column} {e.Rule}: {e.Text}")));
    }

    // Proves the harness: a broken document is reported with its rule.
    [Fact]
    public async Task The_validator_reports_a_broken_document()
    {
        var errors = await HtmlValidator.ValidateAsync(
            new Dictionary<string, string> { ["broken"] = "<!doctype html><html lang=en><head><title>t</title></head><body><p><div>x</div></p></body></html>" },
            TestContext.Current.CancellationToken);

        Assert.Contains(errors, e => e.File == "broken");
    }
}
