using NewsCms.Search;

namespace NewsCms.Tests;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("river dam", new[] { "river", "dam" })]
    [InlineData("\"river* -dam NEAR(x", new[] { "river*", "-dam", "NEAR(x" })]
    [InlineData("River river RIVER", new[] { "River" })]
    public void Words_are_kept_as_typed_without_quote_characters(string text, string[] terms)
    {
        var query = SearchQuery.Parse(text);

        Assert.Equal(SearchProblem.None, query.Problem);
        Assert.Equal(terms, query.Terms);
    }

    [Theory]
    [InlineData(null, SearchProblem.Empty)]
    [InlineData("  ", SearchProblem.Empty)]
    [InlineData("\" * - ( )", SearchProblem.NoWords)]
    public void Queries_without_words_say_why(string? text, SearchProblem problem) =>
        Assert.Equal(problem, SearchQuery.Parse(text).Problem);

    [Fact]
    public void A_very_long_query_is_refused_not_cut()
    {
        var query = SearchQuery.Parse(new string('a', 1000));

        Assert.Equal(SearchProblem.TooLong, query.Problem);
        Assert.Empty(query.Terms);
    }

    [Fact]
    public void Highlighted_text_is_encoded_before_matches_become_mark_elements()
    {
        var marked = $"a <b>{SearchMarkup.Start}river{SearchMarkup.End}</b> & {SearchMarkup.Start}cut";

        Assert.Equal("a &lt;b&gt;<mark>river</mark>&lt;/b&gt; &amp; <mark>cut</mark>", SearchMarkup.ToHtml(marked));
    }
}
