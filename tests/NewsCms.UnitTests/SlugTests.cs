using NewsCms.Common;

namespace NewsCms.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("What Is at Stake in the Lowen River Water Dispute?", "what-is-at-stake-in-the-lowen-river-water-dispute")]
    [InlineData("  Déjà vu: Zürich's café ", "deja-vu-zurichs-cafe")]
    [InlineData("100% -- of   it!!", "100-of-it")]
    public void From_makes_a_lowercase_hyphenated_slug(string headline, string expected) =>
        Assert.Equal(expected, Slugs.From(headline));

    [Theory]
    [InlineData(null, "", "Ana Ruiz", "ana-ruiz")]
    [InlineData(" ", "ana-ruiz", "Ana Ruiz-Vega", "ana-ruiz")]
    [InlineData(" Ana-R ", "ana-ruiz", "Ana Ruiz", "ana-r")]
    public void A_named_thing_keeps_its_slug_unless_another_is_asked_for(string? requested, string current, string name, string expected) =>
        Assert.Equal(expected, Slugs.ForName(requested, current, name));
}
