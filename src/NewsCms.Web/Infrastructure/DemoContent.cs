using Microsoft.EntityFrameworkCore;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Data;
using NewsCms.Media;
using SkiaSharp;

namespace NewsCms.Web.Infrastructure;

// A fresh site is not empty: a few articles in the shape NewsCms exists for (an explainer with
// Q&A sections, a lead photo with caption and credit, an attribution, a related-article callout).
// The places and people are invented for the demo.
public sealed class DemoContent(
    NewsCmsDbContext db,
    ArticleService articles,
    AuthorService authors,
    MediaService media,
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

        var photo = await UploadRiverPhotoAsync(ct);

        var talks = await articles.CreatePublishedAsync(new ArticleInput
        {
            Headline = "Talks on Lowen River Water Sharing Stall for a Second Day",
            Dek = "Negotiators from both banks left without a date for the next round.",
            Kind = ArticleKind.News,
            AuthorIds = [okafor.Id],
            Tags = ["Lowen River", "Water"],
            LeadImage = new LeadImageInput(photo.Id, "The Lowen below the Kessel dam, where both delegations met."),
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
            LeadImage = new LeadImageInput(photo.Id, "The Lowen winds through the plains it has watered for centuries; this summer it runs at its lowest in decades."),
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

        log.LogInformation("Seeded demo content: 3 articles by 3 authors, 1 photo.");
    }

    // The demo photo is drawn, not shipped: a landscape with a river, uploaded like any other
    // photo so it gets its renditions and its full credit.
    private async Task<MediaView> UploadRiverPhotoAsync(CancellationToken ct)
    {
        await using var jpeg = new MemoryStream(DrawRiverLandscape(1600, 900));
        return await media.UploadAsync(jpeg, "lowen-river.jpg", new MediaInput(
            AltText: "A river winding between green hills under a pale blue sky",
            DefaultCaption: "The Lowen river in the plains below the Kessel dam.",
            CreditLine: "Ilse Marten / Regional Wire",
            Photographer: "Ilse Marten",
            Source: "Regional Wire",
            CopyrightNotice: "© 2026 Regional Wire",
            LicenseUrl: "https://example.org/regional-wire/licence",
            LicensorUrl: "https://example.org/regional-wire/licensing"), Seeder, ct);
    }

    private static byte[] DrawRiverLandscape(int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        float w = width, h = height;
        using (var sky = new SKPaint())
        {
            sky.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, h * 0.6f),
                [new SKColor(0x5B, 0x9B, 0xD5), new SKColor(0xF3, 0xE3, 0xC3)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, w, h, sky);
        }
        using (var sun = new SKPaint { Color = new SKColor(0xFF, 0xF4, 0xD6), IsAntialias = true })
            canvas.DrawCircle(w * 0.78f, h * 0.22f, h * 0.07f, sun);

        void Hill(float baseY, float amplitude, float phase, SKColor color)
        {
            using var builder = new SKPathBuilder();
            builder.MoveTo(0, h);
            for (var x = 0; x <= width; x += 8)
                builder.LineTo(x, baseY - amplitude * MathF.Sin(x / w * MathF.PI * 2.2f + phase) - amplitude * 0.4f * MathF.Sin(x / w * MathF.PI * 5.3f + phase * 2));
            builder.LineTo(w, h);
            builder.Close();
            using var path = builder.Detach();
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            canvas.DrawPath(path, paint);
        }
        Hill(h * 0.52f, h * 0.06f, 0.4f, new SKColor(0x7A, 0x9C, 0x8E));
        Hill(h * 0.62f, h * 0.07f, 2.1f, new SKColor(0x5E, 0x8C, 0x4A));
        Hill(h * 0.74f, h * 0.05f, 4.0f, new SKColor(0x4A, 0x7A, 0x38));

        // The river: wide in the foreground, narrowing to the horizon.
        using (var outline = new SKPathBuilder())
        {
            outline.MoveTo(w * 0.30f, h);
            outline.CubicTo(w * 0.45f, h * 0.85f, w * 0.30f, h * 0.72f, w * 0.52f, h * 0.60f);
            outline.LineTo(w * 0.55f, h * 0.60f);
            outline.CubicTo(w * 0.42f, h * 0.72f, w * 0.62f, h * 0.85f, w * 0.58f, h);
            outline.Close();
            using var river = outline.Detach();
            using var water = new SKPaint { IsAntialias = true };
            water.Shader = SKShader.CreateLinearGradient(new SKPoint(0, h * 0.6f), new SKPoint(0, h),
                [new SKColor(0xA8, 0xC8, 0xE0), new SKColor(0x3D, 0x6E, 0x99)], SKShaderTileMode.Clamp);
            canvas.DrawPath(river, water);
        }

        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return encoded.ToArray();
    }
}
