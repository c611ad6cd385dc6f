using Microsoft.EntityFrameworkCore;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Web.Infrastructure;

// A fresh site is not empty: a few articles in the shape NewsCms exists for (an explainer with
// Q&A sections, a lead photo with caption and credit, an attribution, a related-article callout).
// The places and people are invented for the demo.
public sealed class DemoContent(
    NewsCmsDbContext db,
    ArticleService articles,
    AuthorService authors,
    TimeProvider clock,
    ILogger<DemoContent> log)
{
    private static readonly Actor Seeder = new("Demo content", null, Accounts.Roles.Admin);

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Articles.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var ellison = await authors.CreateAsync(new AuthorInput("Mara Ellison", JobTitle: "Water and climate reporter",
            Bio: "Mara covers rivers, drought and the people who depend on them."), Seeder, ct);
        var okafor = await authors.CreateAsync(new AuthorInput("Daniel Okafor", JobTitle: "Regional correspondent",
            Bio: "Daniel reports from the Lowen valley and its border towns."), Seeder, ct);
        var lind = await authors.CreateAsync(new AuthorInput("Sofie Lind", JobTitle: "Economics editor",
            Bio: "Sofie writes about farming, insurance and the cost of a changing climate."), Seeder, ct);

        var talks = await articles.CreatePublishedAsync(new ArticleInput
        {
            Headline = "Talks on Lowen River Water Sharing Stall for a Second Day",
            Dek = "Negotiators from both banks left without a date for the next round.",
            Kind = ArticleKind.News,
            AuthorIds = [okafor.Id],
            Tags = ["Lowen River", "Water"],
            BodyMarkdown = """
                Negotiators from the upstream and downstream provinces ended a second day of talks on the
                Lowen River without agreeing how much water should pass the Kessel dam this summer.

                Both delegations said the talks had been "frank". Neither would say when they would meet again.

                The downstream delegation wants a guaranteed minimum flow during the irrigation season; the
                upstream side says its reservoirs are at their lowest level in a decade.
                """,
            Attributions = [new AttributionInput("Regional Wire contributed reporting.", "Regional Wire")],
        }, now.AddHours(-30), Seeder, ct);

        await articles.CreatePublishedAsync(new ArticleInput
        {
            Headline = "What Is at Stake in the Lowen River Water Dispute?",
            Dek = "Three dry summers have turned an old quarrel over a shared river into a regional crisis.",
            Kind = ArticleKind.Explainer,
            AuthorIds = [ellison.Id, okafor.Id],
            Tags = ["Lowen River", "Water", "Explainers"],
            BodyMarkdown = """
                Farmers along the lower Lowen say the river that fed their fields for generations now runs
                thin by July. Upstream, the operators of the Kessel dam say they cannot release what they
                do not have.

                Talks between the two provinces broke down this week, and both sides have
                [asked the regional council](https://example.org/council) to step in.

                [[related: talks-on-lowen-river-water-sharing-stall-for-a-second-day]]

                Here is a short guide to the dispute, and to what could happen next:
                """,
            Sections =
            [
                new QaSectionInput("Why are the two provinces arguing?", """
                    The Lowen rises in the upstream highlands and reaches the sea through the downstream
                    plains. A treaty signed in 1978 divides its water by a fixed share of the flow.

                    That share was set in wetter years. With less water in the river, a fixed share of it
                    no longer covers what the plains' farms need.
                    """),
                new QaSectionInput("What does the Kessel dam have to do with it?", """
                    The dam, finished in 2004, lets the upstream province store spring floods and release
                    them later. Downstream farmers say the releases come too late for planting; the dam's
                    operators say they follow the treaty to the letter.
                    """),
                new QaSectionInput("What could happen next?", """
                    The regional council can appoint a mediator, as it did in 1991. Until then, each side
                    has said it will keep to last year's release schedule.

                    | Year | Summer flow at the border (m³/s) |
                    | ---- | -------------------------------: |
                    | 2021 | 118 |
                    | 2022 | 96 |
                    | 2023 | 81 |
                    """),
            ],
            Attributions = [new AttributionInput("Regional Wire contributed reporting.", "Regional Wire")],
            RelatedArticleIds = [talks.Id],
        }, now.AddHours(-6), Seeder, ct);

        await articles.CreatePublishedAsync(new ArticleInput
        {
            Headline = "Why Dry Summers Are Rewriting Crop Insurance",
            Dek = "Insurers are pricing drought as the rule rather than the exception.",
            Kind = ArticleKind.Analysis,
            AuthorIds = [lind.Id],
            Tags = ["Farming", "Insurance", "Water"],
            OriginalUrl = "https://example.org/analysis/dry-summers-crop-insurance",
            BodyMarkdown = """
                For most of the last century, a drought was the kind of event a crop insurer priced as
                rare. Three dry summers in a row have changed the arithmetic.

                Premiums for cereal farmers in the Lowen plains have risen by about a third since 2021,
                according to figures from the provincial farmers' union.[^1]

                Some insurers now offer cover only to farms with their own reservoirs, which the smallest
                farms cannot afford to build.

                [^1]: Provincial Farmers' Union, annual premium survey.
                """,
            Corrections = [new CorrectionInput(CorrectionKind.Correction,
                "An earlier version of this article gave the premium rise as a half; it is about a third.",
                PublishedAt: now.AddHours(-2))],
        }, now.AddDays(-2), Seeder, ct);

        log.LogInformation("Seeded demo content: 3 articles by 3 authors.");
    }
}
