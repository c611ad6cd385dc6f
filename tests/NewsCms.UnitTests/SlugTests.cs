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
}
