using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace NewsCms.Rendering;

// A line of its own, `[[related: 42]]` or `[[related: some-article-slug]]`, places a
// "Related article" callout at that point of the body. It is resolved when the page is shown, so
// it always carries the target's current headline and URL, and vanishes if the target is gone.
public sealed class RelatedCalloutBlock(BlockParser parser) : LeafBlock(parser)
{
    public string Reference { get; set; } = "";
}

public sealed partial class RelatedCalloutParser : BlockParser
{
    public RelatedCalloutParser() => OpeningCharacters = ['['];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var match = Syntax().Match(processor.Line.ToString());
        if (!match.Success) return BlockState.None;
        processor.NewBlocks.Push(new RelatedCalloutBlock(this)
        {
            Reference = match.Groups["ref"].Value.ToLowerInvariant(),
            Line = processor.LineIndex,
            Column = processor.Column,
        });
        return BlockState.BreakDiscard;
    }

    [GeneratedRegex(@"^\[\[\s*related\s*:\s*(?<ref>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\s*\]\]\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Syntax();
}

public sealed class RelatedCalloutHtmlRenderer : HtmlObjectRenderer<RelatedCalloutBlock>
{
    // Only this element carries data-related through the sanitiser; the DOM pass after it turns
    // the element into the marker that RelatedCallouts resolves at page time.
    protected override void Write(HtmlRenderer renderer, RelatedCalloutBlock block) =>
        renderer.Write("<aside data-related=\"").WriteEscape(block.Reference).Write("\"></aside>").WriteLine();
}

public sealed class RelatedCalloutExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<RelatedCalloutParser>())
            pipeline.BlockParsers.Insert(0, new RelatedCalloutParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<RelatedCalloutHtmlRenderer>())
            html.ObjectRenderers.Insert(0, new RelatedCalloutHtmlRenderer());
    }
}
