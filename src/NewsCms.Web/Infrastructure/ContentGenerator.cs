using Microsoft.EntityFrameworkCore;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

// Fills a site with realistic explainers for benchmarks: sections, bylines, tags, attributions,
// spread over years of publication dates. Deterministic for a given count, so two runs compare.
// Everything goes through ArticleService, so indexes and change handlers see what they would
// see in production.
public sealed class ContentGenerator(
    NewsCmsDbContext db,
    ArticleService articles,
    AuthorService authors,
    TimeProvider clock)
{
    private static readonly Actor Generator = new("Content generator", null, Accounts.Roles.Admin);

    private static readonly string[] Places =
        ["Lowen", "Kessel", "Marrow Bay", "the Ashfield valley", "North Tarn", "Greywater", "the Salt Coast", "Brenwick"];
    private static readonly string[] Subjects =
        ["water rights", "the harbour expansion", "rail fares", "the school budget", "wildfire insurance",
         "the hospital merger", "grain prices", "the new ferry line", "council elections", "housing permits"];
    private static readonly string[] Words =
        ["council", "residents", "budget", "river", "report", "minister", "farmers", "vote", "plan", "court",
         "drought", "prices", "schools", "workers", "treaty", "harbour", "survey", "families", "data", "agency",
         "summer", "license", "permit", "hearing", "auditors", "contract", "coalition", "rainfall", "tenants", "levy"];

    public async Task<int> GenerateAsync(int count, TextWriter output, CancellationToken ct)
    {
        var random = new Random(20261125);
        var authorIds = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var name = $"{Pick(random, ["Ada", "Bram", "Cleo", "Dev", "Esme", "Farid", "Greta", "Hugo"])} " +
                       $"{Pick(random, ["Hale", "Iqbal", "Jansen", "Kowal", "Lund", "Mbeki", "Novak", "Ortiz"])} {i + 1}";
            authorIds.Add((await authors.FindOrCreateAsync(name, Generator, ct)).Id);
        }

        var start = await db.Articles.CountAsync(ct);
        var now = clock.GetUtcNow();
        for (var n = 0; n < count; n++)
        {
            var place = Pick(random, Places);
            var subject = Pick(random, Subjects);
            var sections = Enumerable.Range(0, random.Next(2, 6))
                .Select(q => new QaSectionInput(Question(random, q, subject), Paragraphs(random, 2)))
                .ToList();
            var input = new ArticleInput
            {
                Headline = $"What Is at Stake in {place}'s Fight Over {Capitalize(subject)}? ({start + n + 1})",
                Dek = Sentence(random, 14),
                Kind = ArticleKind.Explainer,
                BodyMarkdown = Paragraphs(random, random.Next(3, 7)),
                Sections = sections,
                AuthorIds = [authorIds[random.Next(authorIds.Count)], authorIds[random.Next(authorIds.Count)]],
                Tags = [Capitalize(subject), place.Replace("the ", "", StringComparison.Ordinal), $"Topic {random.Next(200)}"],
                Attributions = [new AttributionInput("Regional Wire contributed reporting.", "Regional Wire")],
            };
            // Spread over about five years so dated URLs, sitemaps and pagination look like a real archive.
            var published = now.AddMinutes(-(count - n) * 26.0 - random.Next(20));
            await articles.CreatePublishedAsync(input with { AuthorIds = input.AuthorIds.Distinct().ToList() }, published, Generator, ct);
            db.ChangeTracker.Clear();
            if ((n + 1) % 1000 == 0) await output.WriteLineAsync($"{n + 1} of {count} articles");
        }
        return count;
    }

    private static string Question(Random random, int index, string subject) => index switch
    {
        0 => $"Why is {subject} in the news now?",
        1 => $"Who is affected by {subject}?",
        2 => "What happens next?",
        _ => $"What does the {Pick(random, Words)} {Pick(random, Words)} mean for readers?",
    };

    private static string Paragraphs(Random random, int count) =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(_ =>
            string.Join(" ", Enumerable.Range(0, random.Next(3, 6)).Select(_ => Sentence(random, random.Next(10, 22))))));

    private static string Sentence(Random random, int words)
    {
        var text = string.Join(" ", Enumerable.Range(0, words).Select(_ => Pick(random, Words)));
        return Capitalize(text) + ".";
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
