using System.Net;
using NewsCms.ApiKeys;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Api;

public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_the_limit_is_a_429_with_retry_after_counted_per_key_and_per_anonymous_client()
    {
        await using var app = new NewsroomApp()
            .With("NewsCms:Api:RateLimit:PermitsPerAnonymousClient", "2")
            .With("NewsCms:Api:RateLimit:PermitsPerKey", "3")
            .With("NewsCms:Api:RateLimit:WindowSeconds", "600");
        using var anonymous = app.ApiClient();
        using var keyed = app.ApiClient(await app.CreateKeyAsync(ApiKeyScope.Read));

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/tags", Ct)).StatusCode);
        using var limited = await anonymous.GetAsync("/api/v1/tags", Ct);

        await limited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);

        // The key has its own allowance.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/v1/authors", Ct)).StatusCode);
        using var keyLimited = await keyed.GetAsync("/api/v1/authors", Ct);
        await keyLimited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
    }
}
