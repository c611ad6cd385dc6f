using System.Diagnostics;
using System.Text.Json;

namespace NewsCms.BrowserTests.Infrastructure;

// html-validate from the npm registry (tests/browser, installed by `npm ci`), run by Node.js on
// pages saved to files, with the rules in tests/browser/htmlvalidate.json.
public static class HtmlValidator
{
    private static readonly string? Root = Locate();

    public sealed record Message(string File, string Rule, string Text, int Line, int Column);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "browser");
            if (File.Exists(Path.Combine(candidate, "node_modules", "html-validate", "bin", "html-validate.mjs"))) return candidate;
        }
        return null;
    }

    // Validates each named document; returns every error (warnings are the preset's advice only).
    public static async Task<IReadOnlyList<Message>> ValidateAsync(IReadOnlyDictionary<string, string> documents, CancellationToken ct)
    {
        if (Root is null)
            BrowserRequirement.Missing("html-validate is not installed: run 'npm ci' in tests/browser (CI's .ci/run does this).");
        var folder = Directory.CreateTempSubdirectory("newscms-html-");
        try
        {
            var files = new Dictionary<string, string>();
            var n = 0;
            foreach (var (name, html) in documents)
            {
                var file = Path.Combine(folder.FullName, $"page{n++}.html");
                await File.WriteAllTextAsync(file, html, ct);
                files[file] = name;
            }
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Root!,
            };
            foreach (var arg in new[] { Path.Combine(Root!, "node_modules", "html-validate", "bin", "html-validate.mjs"),
                         "--config", Path.Combine(Root!, "htmlvalidate.json"), "--formatter", "json" }.Concat(files.Keys))
                start.ArgumentList.Add(arg);
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception)
            {
                BrowserRequirement.Missing("Node.js is not installed: html-validate needs it.");
                return [];
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync(ct);
                var error = process.StandardError.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                var json = (await output).Trim();
                Assert.True(json.StartsWith('['), $"html-validate did not report (exit {process.ExitCode}): {await error}");
                using var report = JsonDocument.Parse(json);
                return report.RootElement.EnumerateArray()
                    .SelectMany(result => result.GetProperty("messages").EnumerateArray()
                        .Where(m => m.GetProperty("severity").GetInt32() == 2)
                        .Select(m => new Message(
                            files[result.GetProperty("filePath").GetString()!],
                            m.GetProperty("ruleId").GetString() ?? "",
                            m.GetProperty("message").GetString() ?? "",
                            m.GetProperty("line").GetInt32(),
                            m.GetProperty("column").GetInt32())))
                    .ToList();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
