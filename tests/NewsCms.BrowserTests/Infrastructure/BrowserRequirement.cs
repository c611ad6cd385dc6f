namespace NewsCms.BrowserTests.Infrastructure;

// What the browser tests need from the machine (Debian's chromium, axe-core from npm). Locally a
// missing piece skips the tests with the reason shown; CI's .ci/run sets NEWSCMS_REQUIRE_BROWSER=1,
// which turns the same gap into a failure, so a green CI run always means the browsers ran.
public static class BrowserRequirement
{
    public static bool Required => Environment.GetEnvironmentVariable("NEWSCMS_REQUIRE_BROWSER") == "1";

    public static void Missing(string reason)
    {
        if (Required) throw new InvalidOperationException(reason);
        Assert.Skip(reason);
    }
}
