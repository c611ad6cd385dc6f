using System.Globalization;
using System.Text;
using NewsCms.Media;

namespace NewsCms.Portability;

// One article as text in the shape of the published explainers, the shape ArticleTextParser
// reads: headline, dek, byline, date line, photo caption with its bold credit, body (callouts as
// "**Related article:**" lines), "— **Question?**" sections, italic attributions, original URL.
public static class ArticleMarkdownWriter
{
    // The date the file is named by and shows: publication, else the planned time, else creation.
    public static DateOnly DateOf(ExportedArticle a, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.PublishedAt ?? a.ScheduledFor ?? a.CreatedAt, zone).DateTime);

    public static string Write(ExportedArticle a, IReadOnlyDictionary<int, ExportedMedia> media,
        IReadOnlyDictionary<string, string> headlinesBySlug, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        void Paragraph(string value) => text.Append(value.Trim()).Append("\n\n");

        Paragraph($"# {a.Headline}");
        if (a.Dek is { Length: > 0 } dek) Paragraph(dek);
        if (a.Authors.Count > 0) Paragraph("By " + Names(a.Authors.Select(x => x.Name).ToList()));
        Paragraph(DateOf(a, zone).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture));
        if (PhotoLine(a, media) is { } photo) Paragraph(photo);
        if (a.BodyMarkdown.Trim().Length > 0) Paragraph(Callouts(a.BodyMarkdown, headlinesBySlug));
        foreach (var s in a.Sections)
        {
            Paragraph($"\u2014 **{s.Question}**");
            if (s.AnswerMarkdown.Trim().Length > 0) Paragraph(Callouts(s.AnswerMarkdown, headlinesBySlug));
        }
        foreach (var attribution in a.Attributions) Paragraph($"*{attribution.Text}*");
        if (a.OriginalUrl is { } url) Paragraph($"Original url: <{url}>");
        return text.ToString().TrimEnd() + "\n";
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    // "Caption. **Credit**": the parser knows the photo line by its bold credit, so a photo with
    // no credit at all has no line (the JSON export keeps it whole).
    private static string? PhotoLine(ExportedArticle a, IReadOnlyDictionary<int, ExportedMedia> media)
    {
        if (a.LeadImage is not { } lead || !media.TryGetValue(lead.MediaId, out var m)) return null;
        var c = m.Credit;
        var credit = new CreditView(c.CreditLine, c.Photographer, c.Source, c.CopyrightNotice, c.LicenseUrl, c.LicensorUrl).Display;
        if (credit is null) return null;
        var caption = string.IsNullOrWhiteSpace(lead.Caption) ? m.DefaultCaption : lead.Caption;
        return string.IsNullOrWhiteSpace(caption) ? $"Photo: **{credit}**" : $"{caption.Trim()} **{credit}**";
    }

    // A callout line becomes the "Related article:" line the parser turns back into a callout.
    private static string Callouts(string markdown, IReadOnlyDictionary<string, string> headlinesBySlug) =>
        ExportFormat.RewriteCallouts(markdown, reference =>
            headlinesBySlug.TryGetValue(reference, out var headline) ? $"**Related article:** [{headline}](#)" : null);
}
