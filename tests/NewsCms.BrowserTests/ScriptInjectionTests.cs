using System.Text.Json;
using Microsoft.Playwright;
using NewsCms.BrowserTests.Infrastructure;

namespace NewsCms.BrowserTests;

// Issue 7: text typed by a journalist or an agency never runs as script in a reader's or an
// editor's browser. Two passes per page: with the site's policy bypassed, so escaping and
// sanitising alone must hold (no dialog, no canary, no javascript: link); and with the policy
// enforced, where any violation means markup got through and only the policy stopped it.
public sealed class ScriptInjectionTests(Chromium chromium, HostileSite site) : IClassFixture<HostileSite>
{
    public static TheoryData<string> PublicPages => new()
    {
        "{article}", "/", "{tag}", "{author}", "/search?q=hostile", "/search?q=" + Uri.EscapeDataString(HostileSite.ShortPayload),
        "/corrections",
    };

    public static TheoryData<string> AdminPages => new()
    {
        "/admin/articles", "/admin/articles/{id}", "/admin/articles/{id}/history", "/admin/media", "/admin/media/{media-id}",
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_page_runs_no_script_from_article_fields(string path) => await CheckAsync(Resolve(path), signIn: false);

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Admin_page_runs_no_script_from_article_fields(string path) => await CheckAsync(Resolve(path), signIn: true);

    public static TheoryData<int> CorpusArticles => new(Enumerable.Range(0, HostileSite.CorpusArticleCount));

    // The whole corpus, a chunk per article: its page, its author's page and its editor.
    [Theory]
    [MemberData(nameof(CorpusArticles))]
    public async Task Corpus_article_runs_no_script_for_readers_or_editors(int index)
    {
        var (article, author) = site.CorpusArticles[index];
        await CheckAsync(article.Path!, signIn: false);
        await CheckAsync("/authors/" + author.Slug, signIn: false);
        await CheckAsync($"/admin/articles/{article.Id}", signIn: true);
    }

    [Fact]
    public void The_corpus_is_all_here()
    {
        Assert.True(HostileSite.Corpus.Count >= 100, $"{HostileSite.Corpus.Count} payloads");
        Assert.Equal(HostileSite.Corpus.Count, site.CorpusArticles.Sum(c => c.Article.Sections.Count));
    }

    // The payloads reached the page, as text a reader can see.
    [Fact]
    public async Task Article_page_shows_the_hostile_headline_as_text()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await BrowserSession.OpenAsync(context, site, site.Article.Path!);
        Assert.Equal(site.Article.Headline, (await page.Locator("h1").First.InnerTextAsync()).Trim());
    }

    // Proves the harness: the same payloads, written into a page unescaped, do trip the canary.
    [Fact]
    public async Task The_payloads_run_when_written_unescaped()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><body>" + HostileSite.Payloads[0] + "</body>");
        await page.WaitForFunctionAsync("() => window.__xss === 1");
    }

    // Proves the dialog watch for the corpus, whose payloads mostly call alert.
    [Fact]
    public async Task A_corpus_payload_written_unescaped_opens_a_dialog()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var opened = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            opened.TrySetResult(dialog.Message);
            await dialog.DismissAsync();
        };
        var payload = HostileSite.Corpus.First(p => p.StartsWith("<img src=x onerror=alert(", StringComparison.Ordinal));
        await page.SetContentAsync("<!doctype html><body>" + payload + "</body>");
        Assert.Equal("1", await opened.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    private async Task CheckAsync(string path, bool signIn)
    {
        await CheckEscapingAsync(path, signIn);
        await CheckPolicyAsync(path, signIn);
    }

    private async Task CheckEscapingAsync(string path, bool signIn)
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        if (signIn) await BrowserSession.SignInAsync(context, site);
        var dialogs = new List<string>();
        context.Page += (_, page) => page.Dialog += async (_, dialog) =>
        {
            dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        var page = await BrowserSession.OpenAsync(context, site, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Hover and focus everything once, for handlers that wait on a person.
        await page.EvaluateAsync("() => document.querySelectorAll('body *').forEach(e => { " +
            "e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); e.dispatchEvent(new FocusEvent('focus')); })");

        Assert.Empty(dialogs);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        var scriptLinks = await page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll('[href], [src], [action], [formaction], [data], [srcdoc]')]
              .filter(e => e.hasAttribute('srcdoc') || ['href', 'src', 'action', 'formaction', 'data']
                .some(a => e.hasAttribute(a) && /^(javascript|vbscript|data):/i.test(new URL(e.getAttribute(a), location.href).protocol + ':')
                  && !(e.tagName === 'IMG' && /^data:image\//i.test(e.getAttribute(a)))))
              .map(e => e.outerHTML.slice(0, 200))
            """);
        Assert.True(scriptLinks.GetArrayLength() == 0, $"Script URLs on {path}: {scriptLinks}");
        Assert.Equal(0, await page.Locator("iframe, object, embed, svg[onload], details[ontoggle]").CountAsync());
    }

    private async Task CheckPolicyAsync(string path, bool signIn)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        if (signIn) await BrowserSession.SignInAsync(context, site);
        var violations = new List<string>();
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => " +
            "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample))");
        var page = await BrowserSession.OpenAsync(context, site, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, $"The policy had to stop markup on {path}:\n{string.Join("\n", violations)}");
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
    }

    private string Resolve(string path) => path
        .Replace("{article}", site.Article.Path, StringComparison.Ordinal)
        .Replace("{tag}", "/tags/" + Assert.Single(site.Article.Tags).Slug, StringComparison.Ordinal)
        .Replace("{author}", "/authors/" + site.Author.Slug, StringComparison.Ordinal)
        .Replace("{media-id}", site.Article.LeadImage!.Media.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{id}", site.Article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
