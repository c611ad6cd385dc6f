using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace NewsCms.BrowserTests.Infrastructure;

// axe-core from the npm registry (tests/browser, installed by `npm ci`), injected into a page.
public static class AxeCore
{
    // WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar issue 5 sets.
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    private static readonly string? Installed = Locate();

    public static string ScriptPath
    {
        get
        {
            if (Installed is null)
                BrowserRequirement.Missing("axe-core is not installed: run 'npm ci' in tests/browser (CI's .ci/run does this).");
            return Installed!;
        }
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "browser", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets);

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = ScriptPath });
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """, Tags);
        return json.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("helpUrl").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    public static string Describe(string path, IEnumerable<Violation> violations)
    {
        var text = new StringBuilder($"axe-core found serious or critical violations on {path}:");
        foreach (var v in violations)
        {
            text.Append($"\n- {v.Id} ({v.Impact}): {v.Help} <{v.HelpUrl}>");
            foreach (var target in v.Targets) text.Append($"\n    {target}");
        }
        return text.ToString();
    }
}
