using System.Text.RegularExpressions;
using NewsCms.Articles;
using NewsCms.Common;

namespace NewsCms.Importing;

// Reads an article written like the published explainers that newsrooms scrape or export as text:
//
//   # Headline
//   [a dek paragraph]  [By Name and Name]
//   September 28, 2020
//   Photo caption. **Photographer / Agency**
//   Body paragraphs, with a **Related article:** [Headline](#) line where the callout stands.
//   — **A question?**   or   ### — A question?   or   **A question?**
//   Its answer, in Markdown.
//   *Agency contributed reporting.*
//   Original url: <https://...>
//
// It is lenient where such files vary (blank lines, CRLF, a BOM, trailing spaces, paragraphs
// split mid-sentence by the scraper) and names the file and line of whatever it cannot read.
// Pure: no database, no clock, no file system.
public static partial class ArticleTextParser
{
    public static ParsedArticleFile Parse(string text, string fileName)
    {
        var reader = new Reader(SplitLines(text), fileName);
        var article = reader.Read();
        return new ParsedArticleFile(reader.Errors.Count == 0 ? article : null, reader.Errors.OrderBy(e => e.Line).ToList());
    }

    private sealed record SourceLine(int Number, string Text)
    {
        // What the line says, for recognising its shape; the Markdown keeps the original text.
        public string Shape { get; } = Text.Replace('\u00A0', ' ').Trim().Trim('\uFEFF', '\u200B').Trim();
    }

    private sealed class Block(List<SourceLine> lines, bool isFence = false)
    {
        public List<SourceLine> Lines { get; } = lines;
        public bool IsFence { get; } = isFence;
        public int Start => Lines[0].Number;
        public string Shape => string.Join(' ', Lines.Select(l => l.Shape));
        public string Markdown => string.Join('\n', Lines.Select(l => l.Text));
    }

    private sealed class Part(string? question, int line)
    {
        public string? Question { get; } = question;
        public int Line { get; } = line;
        public List<Block> Blocks { get; } = [];
    }

    private static List<SourceLine> SplitLines(string text)
    {
        if (text.StartsWith('\uFEFF')) text = text[1..];
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select((t, i) => new SourceLine(i + 1, t.TrimEnd()))
            .ToList();
    }

    private sealed class Reader(List<SourceLine> lines, string fileName)
    {
        private readonly Dictionary<string, int> where = new(StringComparer.Ordinal);
        private int at;

        public List<ImportError> Errors { get; } = [];

        public ImportedArticle? Read()
        {
            if (ReadHeadline() is not { } headline) return null;
            var (dek, bylines, date) = ReadHeader();
            if (date is not { } publishedOn) return null;

            var blocks = ReadBlocks();
            var photo = ReadLeadPhoto(blocks);
            var (parts, related, originalUrl) = ReadParts(blocks);
            var attributions = ReadAttributions(parts[^1]);
            foreach (var part in parts) JoinSplitParagraphs(part.Blocks);

            var body = parts[0];
            if (body.Blocks.Count > 0) where["BodyMarkdown"] = body.Blocks[0].Start;
            var sections = new List<QaSectionInput>();
            foreach (var part in parts.Skip(1))
            {
                where[$"Sections[{sections.Count}]"] = part.Line;
                if (part.Blocks.Count == 0)
                    Error(part.Line, $"the question \"{part.Question}\" has no answer before the next question or the end of the file");
                sections.Add(new QaSectionInput(part.Question!, Join(part.Blocks)));
            }
            if (body.Blocks.Count == 0 && sections.Count == 0 && Errors.Count == 0)
                Error(lines[^1].Number, "nothing to import after the date line: no body text and no questions");

            return new ImportedArticle
            {
                Headline = headline,
                Dek = dek,
                Bylines = bylines,
                PublishedOn = publishedOn,
                LeadPhoto = photo,
                BodyMarkdown = Join(body.Blocks),
                Sections = sections,
                Attributions = attributions,
                RelatedSlugs = related,
                OriginalUrl = originalUrl,
                Lines = where,
            };
        }

        private void Error(int line, string message) => Errors.Add(new ImportError(fileName, line, message));

        private int NextNonBlank(int from)
        {
            while (from < lines.Count && lines[from].Shape.Length == 0) from++;
            return from;
        }

        // "# Headline", a setext headline, or a plain first line when a date line follows it.
        private string? ReadHeadline()
        {
            at = NextNonBlank(0);
            if (at == lines.Count)
            {
                Error(1, "no headline found: the file is empty");
                return null;
            }
            var line = lines[at];
            string? headline = null;
            if (AtxHeadline().Match(line.Shape) is { Success: true } atx)
            {
                headline = atx.Groups["text"].Value;
                at++;
            }
            else if (!line.Shape.StartsWith('#') && at + 1 < lines.Count && SetextUnderline().IsMatch(lines[at + 1].Shape))
            {
                headline = line.Shape;
                at += 2;
            }
            else if (!line.Shape.StartsWith('#') && NextNonBlank(at + 1) is var next && next < lines.Count
                     && DateLines.LooksLikeDate(lines[next].Shape))
            {
                headline = line.Shape;
                at++;
            }
            if (headline is null || Unwrap(headline).Length == 0)
            {
                Error(line.Number, "no headline found: the first line should be the headline, written as \"# Headline\"");
                return null;
            }
            where["Headline"] = line.Number;
            return Unwrap(headline);
        }

        // Between the headline and the body: an optional dek, bylines, and the date line.
        private (string? Dek, List<string> Bylines, ImportedDate? Date) ReadHeader()
        {
            string? dek = null;
            var bylines = new List<string>();
            ImportedDate? date = null;
            var firstAfterHeadline = NextNonBlank(at);
            while (NextNonBlank(at) is var i && i < lines.Count)
            {
                var line = lines[i];
                if (Byline(line.Shape) is { } names)
                {
                    where.TryAdd("Bylines", line.Number);
                    bylines.AddRange(names.Where(n => !bylines.Contains(n, StringComparer.OrdinalIgnoreCase)));
                    at = i + 1;
                    continue;
                }
                if (date is null && DateLines.LooksLikeDate(line.Shape))
                {
                    if (!DateLines.TryParse(line.Shape, out var parsed, out var problem))
                    {
                        Error(line.Number, $"cannot read the date \"{line.Shape}\": {problem}");
                        return (dek, bylines, null);
                    }
                    where["PublishedAt"] = line.Number;
                    date = parsed;
                    at = i + 1;
                    continue;
                }
                if (date is null && dek is null && bylines.Count == 0
                    && (!IsStandalone(line.Shape) || SubHeading().IsMatch(line.Shape) && Question(line.Shape) is null))
                {
                    // A paragraph between the headline and the date is the dek (a "## " subhead too).
                    var paragraph = new List<string>();
                    for (at = i; at < lines.Count && lines[at].Shape.Length > 0 && !DateLines.LooksLikeDate(lines[at].Shape); at++)
                        paragraph.Add(lines[at].Shape);
                    where["Dek"] = line.Number;
                    dek = Unwrap(SubHeading().Replace(string.Join(' ', paragraph), ""));
                    continue;
                }
                break;
            }
            if (date is null)
            {
                var line = firstAfterHeadline < lines.Count ? lines[firstAfterHeadline].Number : lines[^1].Number;
                Error(line, "no publication date found: the headline should be followed by a date line such as \"March 14, 2026\"");
            }
            return (dek, bylines, date);
        }

        // Paragraphs and fenced code from the current line on. Questions, headings, related-article
        // and original-URL lines always stand alone, even when the file has no blank line around them.
        private List<Block> ReadBlocks()
        {
            var blocks = new List<Block>();
            var current = new List<SourceLine>();
            void Flush()
            {
                if (current.Count > 0) blocks.Add(new Block(current));
                current = [];
            }
            for (var i = at; i < lines.Count; i++)
            {
                var line = lines[i];
                if (Fence().Match(line.Text) is { Success: true } fence)
                {
                    Flush();
                    var marker = fence.Groups["marker"].Value;
                    var code = new List<SourceLine> { line };
                    for (i++; i < lines.Count; i++)
                    {
                        code.Add(lines[i]);
                        if (lines[i].Shape.StartsWith(marker, StringComparison.Ordinal)) break;
                    }
                    blocks.Add(new Block(code, isFence: true));
                    continue;
                }
                if (line.Shape.Length == 0)
                {
                    Flush();
                }
                else if (IsStandalone(line.Shape))
                {
                    Flush();
                    blocks.Add(new Block([line]));
                }
                else
                {
                    current.Add(line);
                }
            }
            Flush();
            return blocks;
        }

        // The first paragraph, when it ends in a bold credit: "Caption. **Photographer / Agency**".
        private ImportedPhoto? ReadLeadPhoto(List<Block> blocks)
        {
            if (blocks.Count == 0 || blocks[0].IsFence) return null;
            var block = blocks[0];
            if (Question(block.Shape) is not null || PhotoLine().Match(block.Shape) is not { Success: true } m) return null;
            var caption = Unwrap(m.Groups["caption"].Value);
            var credit = CreditPrefix().Replace(m.Groups["credit"].Value.Trim(), "").Trim().TrimEnd('.').Trim();
            if (credit.Length == 0 || credit.EndsWith('?')) return null;
            // Without a caption, only an explicit "Photo: ..." is a credit rather than a bold opening line.
            if (caption.Length == 0 && !CreditPrefix().IsMatch(m.Groups["credit"].Value.Trim())) return null;
            blocks.RemoveAt(0);
            where["LeadImage"] = block.Start;

            var parts = credit.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var creditLine = string.Join(" / ", parts);
            string? photographer = null, source = null;
            if (parts.Length > 1)
            {
                // "Name / AP / TASS": a person first, then the agencies. "AP / TASS" names no person.
                var first = parts[0];
                if (first.Contains(' ', StringComparison.Ordinal) && first != first.ToUpperInvariant()) photographer = first;
                source = string.Join(" / ", photographer is null ? parts : parts[1..]);
            }
            Check(block.Start, caption, FieldLimits.Caption, "photo caption");
            Check(block.Start, creditLine, FieldLimits.CreditLine, "photo credit");
            Check(block.Start, photographer, FieldLimits.PersonName, "photographer's name");
            Check(block.Start, source, FieldLimits.Organization, "photo agency");
            return new ImportedPhoto(caption.Length == 0 ? null : caption, creditLine, photographer, source);
        }

        private void Check(int line, string? value, int max, string what)
        {
            if (value is not null && value.Length > max)
                Error(line, $"the {what} is {value.Length:N0} characters long; at most {max:N0} fit");
        }

        // Splits the blocks into the body and one part per question, turning related-article lines
        // into callouts where they stand and taking out the original URL.
        private (List<Part> Parts, List<string> Related, string? OriginalUrl) ReadParts(List<Block> blocks)
        {
            var parts = new List<Part> { new(null, 0) };
            var related = new List<string>();
            string? originalUrl = null;
            for (var i = 0; i < blocks.Count; i++)
            {
                var block = blocks[i];
                var current = parts[^1];
                if (block.IsFence)
                {
                    current.Blocks.Add(block);
                    continue;
                }
                var shape = block.Shape;
                if (OriginalUrlLine().Match(shape) is { Success: true } original)
                {
                    var value = original.Groups["url"].Value;
                    var line = block.Start;
                    if (value.Length == 0 && i + 1 < blocks.Count && !blocks[i + 1].IsFence)
                    {
                        i++;
                        value = blocks[i].Shape;
                        line = blocks[i].Start;
                    }
                    var url = CleanUrl(value);
                    if (url.Length == 0)
                        Error(block.Start, "the \"Original url:\" line gives no address");
                    else if (!IsHttpUrl(url))
                        Error(line, $"the original URL \"{url}\" is not an absolute http or https address");
                    else if (originalUrl is not null && originalUrl != url)
                        Error(line, $"a second original URL \"{url}\"; the file already gave {originalUrl}");
                    else
                    {
                        originalUrl = url;
                        where["OriginalUrl"] = line;
                    }
                    continue;
                }
                if (RelatedLine().Match(shape) is { Success: true } rel)
                {
                    var headline = RelatedHeadline(rel.Groups["rest"].Value);
                    var slug = Slugs.From(headline);
                    if (slug.Length == 0)
                    {
                        Error(block.Start, "the related-article line names no headline");
                        continue;
                    }
                    if (!related.Contains(slug)) related.Add(slug);
                    current.Blocks.Add(new Block([new SourceLine(block.Start, $"[[related: {slug}]]")]));
                    continue;
                }
                if (Question(shape) is { } question)
                {
                    Check(block.Start, question, FieldLimits.Question, "question");
                    parts.Add(new Part(question, block.Start));
                    continue;
                }
                current.Blocks.Add(block);
            }
            return (parts, related, originalUrl);
        }

        // Italic lines closing the article ("*AFP contributed reporting.*") are its attributions.
        private List<AttributionInput> ReadAttributions(Part last)
        {
            var found = new List<(int Line, AttributionInput Attribution)>();
            while (last.Blocks.Count > 0 && !last.Blocks[^1].IsFence)
            {
                // Each line of the closing paragraph is one attribution, or the paragraph is text.
                var block = last.Blocks[^1];
                var texts = block.Lines.Select(l => AttributionText(l.Shape)).ToList();
                if (texts.Any(t => t is null)) break;
                found.InsertRange(0, texts.Select((t, i) => (block.Lines[i].Number, new AttributionInput(t!, Organization(t!)))));
                last.Blocks.RemoveAt(last.Blocks.Count - 1);
            }
            for (var i = 0; i < found.Count; i++) where[$"Attributions[{i}]"] = found[i].Line;
            return found.Select(f => f.Attribution).ToList();
        }

        // Scrapers sometimes cut a sentence in two with a blank line ("... when the" / "mountainous
        // region ..."): a paragraph that stops without punctuation and one that goes on in lower case
        // are one paragraph.
        private static void JoinSplitParagraphs(List<Block> blocks)
        {
            for (var i = blocks.Count - 1; i > 0; i--)
            {
                var (before, after) = (blocks[i - 1], blocks[i]);
                if (!IsPlainParagraph(before) || !IsPlainParagraph(after)) continue;
                var end = before.Lines[^1].Shape[^1];
                var start = after.Lines[0].Shape[0];
                if (char.IsLetter(end) || end == ',')
                {
                    if (char.IsLower(start))
                    {
                        before.Lines.AddRange(after.Lines);
                        blocks.RemoveAt(i);
                    }
                }
            }
        }

        private static bool IsPlainParagraph(Block block) =>
            !block.IsFence && !block.Shape.StartsWith("[[", StringComparison.Ordinal) && char.IsLetterOrDigit(block.Shape[0])
            && !ListItem().IsMatch(block.Shape);

        private static string Join(List<Block> blocks) => string.Join("\n\n", blocks.Select(b => b.Markdown));
    }

    private static bool IsStandalone(string shape) =>
        SubHeading().IsMatch(shape) || Question(shape) is not null || RelatedLine().IsMatch(shape) || OriginalUrlLine().IsMatch(shape);

    // The question styles the explainers use: "— **Why?**", "### — Why?", "## Why?", "**Why?**", "— Why?".
    internal static string? Question(string shape)
    {
        if (QuestionHeading().Match(shape) is { Success: true } heading)
        {
            var text = heading.Groups["text"].Value;
            var dashed = LeadingDash().IsMatch(text);
            text = Unwrap(LeadingDash().Replace(text, ""));
            return text.Length > 0 && (dashed || text.EndsWith('?')) ? text : null;
        }
        if (DashedBoldQuestion().Match(shape) is { Success: true } dashedBold)
        {
            var text = Unwrap(dashedBold.Groups["text"].Value) + dashedBold.Groups["mark"].Value;
            var hyphen = dashedBold.Groups["dash"].Value == "-";
            return text.Length > 0 && (!hyphen || text.EndsWith('?')) ? text : null;
        }
        if (BoldQuestion().Match(shape) is { Success: true } bold)
        {
            var text = Unwrap(bold.Groups["text"].Value) + bold.Groups["mark"].Value;
            return text.EndsWith('?') && !text.Contains("**", StringComparison.Ordinal) ? text : null;
        }
        if (DashedQuestion().Match(shape) is { Success: true } dashed2)
            return Unwrap(dashed2.Groups["text"].Value);
        return null;
    }

    private static List<string>? Byline(string shape)
    {
        if (BylineLine().Match(Unwrap(shape)) is not { Success: true } m) return null;
        var names = BylineSeparator().Split(m.Groups["names"].Value)
            .Select(n => n.Trim().TrimEnd('.')).Where(n => n.Length > 0).ToList();
        return names.Count > 0 && names.All(n => PersonName().IsMatch(n)) ? names : null;
    }

    private static string RelatedHeadline(string rest)
    {
        rest = rest.Trim();
        if (MarkdownLink().Match(rest) is { Success: true } link) rest = link.Groups["text"].Value;
        return Unwrap(rest).Trim('"', '\'', '\u201C', '\u201D', '\u2018', '\u2019', ' ');
    }

    private static string? AttributionText(string shape)
    {
        var italic = ItalicLine().Match(shape);
        var text = italic.Success ? italic.Groups["text"].Value.Trim() : ContributedBy().IsMatch(shape) ? shape : null;
        return text is { Length: > 0 and <= FieldLimits.AttributionText } ? text : null;
    }

    private static string? Organization(string attribution)
    {
        var m = ContributedBy().Match(attribution);
        if (!m.Success) m = ReportingBy().Match(attribution);
        if (!m.Success) return null;
        var organization = m.Groups["org"].Value.Trim();
        return organization.Length is > 0 and <= FieldLimits.Organization ? organization : null;
    }

    private static string CleanUrl(string value)
    {
        value = Unwrap(value.Trim());
        if (MarkdownLink().Match(value) is { Success: true } link) value = link.Groups["url"].Value;
        value = value.Trim().Trim('<', '>', '"', '\'', '\u201C', '\u201D', '\u2018', '\u2019').Trim();
        return value.StartsWith('(') && value.EndsWith(')') ? value[1..^1].Trim() : value;
    }

    private static bool IsHttpUrl(string url) =>
        url.Length <= FieldLimits.Url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    // Takes off the emphasis wrapped around a whole line: "**Text**", "*Text*", "_Text_".
    internal static string Unwrap(string text)
    {
        text = text.Trim();
        while (text.Length >= 2 && WrappedEmphasis().Match(text) is { Success: true } m)
            text = m.Groups["inner"].Value.Trim();
        return text;
    }

    [GeneratedRegex(@"^#(?!#)\s*(?<text>.+?)(?:\s+#+)?$")]
    private static partial Regex AtxHeadline();

    [GeneratedRegex(@"^=+$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"^ {0,3}(?<marker>`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^#{2,6}\s+(?<text>.+?)(?:\s+#+)?$")]
    private static partial Regex QuestionHeading();

    [GeneratedRegex(@"^(?:[\u2014\u2013]|--?)\s*")]
    private static partial Regex LeadingDash();

    [GeneratedRegex(@"^(?<dash>[\u2014\u2013]|--?)\s*(?:\*\*|__)(?<text>.+?)(?:\*\*|__)\s*(?<mark>\?)?$")]
    private static partial Regex DashedBoldQuestion();

    [GeneratedRegex(@"^(?:\*\*|__)(?<text>[^*_].*?)(?:\*\*|__)\s*(?<mark>\?)?$")]
    private static partial Regex BoldQuestion();

    [GeneratedRegex(@"^[\u2014\u2013]\s*(?<text>[^\s*#].{0,498}\?)$")]
    private static partial Regex DashedQuestion();

    [GeneratedRegex(@"^(?<caption>.*?)\s*(?:\*\*(?<credit>[^*]+?)\*\*|__(?<credit>[^_]+?)__)\s*\.?$")]
    private static partial Regex PhotoLine();

    [GeneratedRegex(@"^(?:photo(?:graph)?s?|image|picture|credit)\s*(?::|by\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex CreditPrefix();

    [GeneratedRegex(@"^(?:\*\*|__)?\s*related\s+(?:article|story|reading)s?\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedLine();

    [GeneratedRegex(@"^(?:\*\*|__)?\s*original\s+(?:url|link|address)\s*(?::\s*(?:\*\*|__)?|(?:\*\*|__)\s*:)\s*(?<url>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalUrlLine();

    [GeneratedRegex(@"^\[(?<text>[^\]]+)\]\((?<url>[^)\s]*)\)$")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^(?:\*(?!\*)(?<text>[^*]+)\*|_(?!_)(?<text>[^_]+)_)$")]
    private static partial Regex ItalicLine();

    [GeneratedRegex(@"^(?<org>[^.;:]{1,200}?)\s+(?:also\s+)?contributed(?:\s+(?:reporting|to\s+(?:this|the)\s+(?:report|article|story)))?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ContributedBy();

    [GeneratedRegex(@"^(?:with\s+)?(?:additional\s+)?reporting\s+(?:by|from)\s+(?<org>[^.;]{1,200}?)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportingBy();

    [GeneratedRegex(@"^by\s+(?<names>.{1,300})$", RegexOptions.IgnoreCase)]
    private static partial Regex BylineLine();

    [GeneratedRegex(@"\s*(?:,|&|\band\b)\s*")]
    private static partial Regex BylineSeparator();

    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{M}'\u2019.\-]*(?:\s+[\p{L}\p{M}'\u2019.\-]+){0,4}$")]
    private static partial Regex PersonName();

    [GeneratedRegex(@"^(?:[-+*]\s|\d+[.)]\s)")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^(?:\*\*(?<inner>[^*]+)\*\*|__(?<inner>[^_]+)__|\*(?<inner>[^*]+)\*|_(?<inner>[^_]+)_)$")]
    private static partial Regex WrappedEmphasis();
}
