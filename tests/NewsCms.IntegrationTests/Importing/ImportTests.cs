using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Accounts;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Importing;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Web.Infrastructure;

namespace NewsCms.IntegrationTests.Importing;

// Each test imports into its own empty site: importing writes, and re-importing must be observed.
public sealed class ImportTests
{
    private const string StrikePath = "/2026/03/14/why-are-harbour-citys-tram-drivers-on-strike";
    private const string TalksPath = "/2026/03/13/harbour-city-tram-talks-collapse-after-six-hours";
    private static readonly Actor Importer = new("Test import", null, Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ImportOutcome> ImportAsync(NewsCmsFactory app, string path) =>
        app.WithScopeAsync(s => s.GetRequiredService<ArticleImporter>().ImportFileAsync(path, Path.GetFileName(path), Importer, Ct));

    private static Task<T> QueryAsync<T>(NewsCmsFactory app, Func<NewsCmsDbContext, Task<T>> query) =>
        app.WithScopeAsync(s => query(s.GetRequiredService<NewsCmsDbContext>()));

    [Fact]
    public async Task An_imported_explainer_is_published_at_its_date_with_every_part_in_place()
    {
        await using var app = new EmptyNewsCmsFactory();
        using var folder = new ImportFolder();
        var talks = await ImportAsync(app, folder.Fixture("tram-talks.txt"));
        var strike = await ImportAsync(app, folder.Fixture("tram-strike.txt"));

        Assert.Equal((ImportStatus.Imported, TalksPath), (talks.Status, talks.PublicPath));
        Assert.Equal((ImportStatus.Imported, StrikePath), (strike.Status, strike.PublicPath));
        var page = await app.GetDocumentAsync(StrikePath);
        var article = page.QuerySelector("main article")!;

        Assert.Equal("Why Are Harbour City's Tram Drivers on Strike?", article.QuerySelector("header h1")!.TextContent.Trim());
        Assert.StartsWith("2026-03-14T00:00:00", article.QuerySelector("header time[datetime]")!.GetAttribute("datetime"));

        var figcaption = article.QuerySelector("figure.lead-figure > figcaption")!;
        Assert.Equal("Empty trams wait at the Northgate depot on Monday morning.", figcaption.QuerySelector(".caption")!.TextContent.Trim());
        Assert.EndsWith("Lena Marsh / Harbour Wire / City Photo Pool", figcaption.QuerySelector(".credit")!.TextContent.Trim());

        var body = article.QuerySelector(".article__body")!.Children;
        Assert.Equal(["P", "P", "ASIDE", "P"], body.Select(e => e.TagName));
        var callout = body[2].QuerySelector("a")!;
        Assert.Equal("Harbour City Tram Talks Collapse After Six Hours", callout.TextContent.Trim());
        Assert.Equal(TalksPath, callout.GetAttribute("href"));

        var questions = article.QuerySelectorAll("section.qa > h2");
        Assert.Equal(["Why are the drivers striking?", "Who runs the trams?", "What happens next?"], questions.Select(q => q.TextContent.Trim()));
        Assert.Equal(["why-are-the-drivers-striking", "who-runs-the-trams", "what-happens-next"], questions.Select(q => q.Id));
        Assert.Equal(questions.Select(q => "#" + q.Id), article.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")));
        var firstAnswer = questions[0].ParentElement!.QuerySelector(".qa__answer")!;
        Assert.Equal(2, firstAnswer.QuerySelectorAll("p").Length);
        Assert.NotNull(firstAnswer.QuerySelector("a[href='https://example.org/pay']"));

        var footer = article.Children.Last();
        Assert.Equal("FOOTER", footer.TagName);
        Assert.Equal("Harbour Wire contributed reporting.", footer.QuerySelector(".attribution")!.TextContent.Trim());
        Assert.Equal("https://news.example.org/2026/03/14/harbour-city-tram-strike-explained",
            page.QuerySelector("head link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Bylines_become_authors_and_the_lead_photo_waits_in_the_library_for_its_file()
    {
        await using var app = new EmptyNewsCmsFactory();
        using var folder = new ImportFolder();
        var photo = folder.Write("tram-strike.jpg", "not decoded by the importer");
        var talks = await ImportAsync(app, folder.Fixture("tram-talks.txt"));
        var strike = await ImportAsync(app, folder.Fixture("tram-strike.txt"));

        Assert.Null(talks.LeadMediaId);
        Assert.Equal(photo, strike.LeadImageFile);
        var media = await QueryAsync(app, db => db.MediaAssets.AsNoTracking().SingleAsync(m => m.Id == strike.LeadMediaId, Ct));
        Assert.False(media.HasFile);
        Assert.Equal("tram-strike.jpg", media.OriginalFileName);
        Assert.Equal("Empty trams wait at the Northgate depot on Monday morning.", media.DefaultCaption);
        Assert.Equal(("Lena Marsh / Harbour Wire / City Photo Pool", "Lena Marsh", "Harbour Wire / City Photo Pool"),
            (media.Credit.CreditLine, media.Credit.Photographer, media.Credit.Source));
        var byline = (await app.GetDocumentAsync(TalksPath)).QuerySelectorAll("main article .byline__name");
        Assert.Equal(["Tomas Berg"], byline.Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task Importing_a_file_again_is_skipped_and_duplicates_nothing()
    {
        await using var app = new EmptyNewsCmsFactory();
        using var folder = new ImportFolder();
        var file = folder.Fixture("tram-strike.txt");
        await ImportAsync(app, file);

        var again = await ImportAsync(app, file);
        // Same original URL, headline reworded since: still the same article.
        var reworded = folder.Write("reworded.txt", File.ReadAllText(file).Replace("# Why Are", "# Why Exactly Are", StringComparison.Ordinal));
        var rewordedAgain = await ImportAsync(app, reworded);

        Assert.Equal((ImportStatus.Skipped, StrikePath), (again.Status, again.PublicPath));
        Assert.Equal((ImportStatus.Skipped, StrikePath), (rewordedAgain.Status, rewordedAgain.PublicPath));
        Assert.Equal(1, await QueryAsync(app, db => db.Articles.CountAsync(Ct)));
        Assert.Equal(1, await QueryAsync(app, db => db.MediaAssets.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_same_headline_on_another_day_is_another_article()
    {
        await using var app = new EmptyNewsCmsFactory();
        using var folder = new ImportFolder();
        var file = folder.Fixture("tram-talks.txt");
        await ImportAsync(app, file);

        var nextDay = await ImportAsync(app, folder.Write("next-day.txt", File.ReadAllText(file).Replace("March 13", "March 20", StringComparison.Ordinal)));

        Assert.Equal((ImportStatus.Imported, "/2026/03/20/harbour-city-tram-talks-collapse-after-six-hours-2"), (nextDay.Status, nextDay.PublicPath));
    }

    [Fact]
    public async Task A_file_that_breaks_a_rule_after_parsing_leaves_no_author_photo_or_article_behind()
    {
        await using var app = new EmptyNewsCmsFactory();
        using var folder = new ImportFolder();
        var file = folder.Write("long.txt", $"""
            # {new string('W', 320)}
            By Nora Quill
            March 14, 2026

            A ferry at the quay. **Nora Quill / Harbour Wire**

            Body text.
            """);

        var outcome = await ImportAsync(app, file);

        Assert.Equal(ImportStatus.Failed, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("long.txt", 1), (error.File, error.Line));
        Assert.Contains("at most 300 characters", error.Message);
        Assert.Equal((0, 0, 0), await QueryAsync(app, async db =>
            (await db.Articles.CountAsync(Ct), await db.Authors.CountAsync(Ct), await db.MediaAssets.CountAsync(Ct))));
    }

    [Fact]
    public async Task The_import_verb_reports_each_file_and_imports_the_good_ones_beside_a_bad_one()
    {
        await using var app = new EmptyNewsCmsFactory();
        using var folder = new ImportFolder();
        var bad = folder.Write("ferries.txt",
            "# Harbour City Ferries Resume Service\r\n\r\nSeptember 31, 2026\r\n\r\nFerries to the outer islands ran again.\r\n");
        var good = folder.Fixture("tram-talks.txt");
        var missing = Path.Combine(folder.Path, "missing.txt");

        var (exit, output, errors) = await RunVerbAsync(app, "import", bad, good, missing);

        Assert.Equal(1, exit);
        Assert.Equal([$"{good}: imported as {TalksPath}"], output);
        Assert.Equal([$"{bad}:3: cannot read the date \"September 31, 2026\": write it like \"September 28, 2020\" or \"2020-09-28\"",
            $"{missing}: no such file"], errors);
        Assert.Equal(1, await QueryAsync(app, db => db.Articles.CountAsync(Ct)));

        var (again, againOutput, _) = await RunVerbAsync(app, "import", good);
        Assert.Equal(1, again);
        Assert.Equal([$"{good}: skipped, already imported as {TalksPath}"], againOutput);

        var (allGood, _, _) = await RunVerbAsync(app, "import", folder.Fixture("tram-strike.txt"));
        Assert.Equal(0, allGood);
    }

    [Fact]
    public async Task The_import_verb_without_files_prints_its_usage()
    {
        await using var app = new EmptyNewsCmsFactory();

        var (exit, _, errors) = await RunVerbAsync(app, "import");

        Assert.Equal(1, exit);
        Assert.StartsWith("usage: import FILE...", Assert.Single(errors));
    }

    [Fact]
    public void Only_a_known_verb_in_first_place_is_a_verb()
    {
        Assert.True(CommandLine.IsVerb(["import", "a.txt"]));
        Assert.False(CommandLine.IsVerb([]));
        Assert.False(CommandLine.IsVerb(["--urls=http://127.0.0.1:5080"]));
        Assert.False(CommandLine.IsVerb(["a.txt", "import"]));
        Assert.Equal(["--NewsCms:DataDirectory=/tmp/x"], CommandLine.HostArguments(["import", "/tmp/a.txt", "--NewsCms:DataDirectory=/tmp/x"]));
        Assert.Equal(["--urls", "http://127.0.0.1:1"], CommandLine.HostArguments(["--urls", "http://127.0.0.1:1"]));
    }

    [Fact]
    public void A_relative_path_is_found_in_the_callers_folder_first()
    {
        using var shell = new ImportFolder();
        using var project = new ImportFolder();
        shell.Write("story.txt", "x");
        project.Write("other.txt", "x");
        var context = new VerbContext(null!, [], TextWriter.Null, TextWriter.Null, [shell.Path, project.Path]);

        Assert.Equal(Path.Combine(shell.Path, "story.txt"), context.ResolvePath("story.txt"));
        Assert.Equal(Path.Combine(project.Path, "other.txt"), context.ResolvePath("other.txt"));
        Assert.Equal(Path.Combine(shell.Path, "none.txt"), context.ResolvePath("none.txt"));
        Assert.Equal("/abs/story.txt", context.ResolvePath("/abs/story.txt"));
    }

    // The published app itself, as an operator runs it: `dotnet NewsCms.Web.dll import FILE`, started
    // (like `dotnet run`) in another folder than the shell's.
    [Fact]
    public async Task The_published_app_runs_the_import_verb_and_exits()
    {
        using var folder = new ImportFolder();
        using var data = new ImportFolder();
        folder.Fixture("tram-talks.txt");

        var first = await RunAppAsync(folder.Path, "import", "tram-talks.txt", $"--NewsCms:DataDirectory={data.Path}");
        var second = await RunAppAsync(folder.Path, "import", "tram-talks.txt", $"--NewsCms:DataDirectory={data.Path}");

        Assert.Equal((0, $"tram-talks.txt: imported as {TalksPath}"), (first.Exit, first.Output.Trim()));
        Assert.Equal((1, $"tram-talks.txt: skipped, already imported as {TalksPath}"), (second.Exit, second.Output.Trim()));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<(int Exit, List<string> Output, List<string> Errors)> RunVerbAsync(NewsCmsFactory app, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CommandLine.RunAsync(app.Services, args, output, errors, Ct);
        return (exit, Lines(output), Lines(errors));
    }

    private static List<string> Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static Task<(int Exit, string Output, string Errors)> RunAppAsync(string shellFolder, params string[] args) =>
        AppProcess.RunVerbAsync(args, Ct, shellFolder);
}
