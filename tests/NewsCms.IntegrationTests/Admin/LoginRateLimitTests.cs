using System.Net;
using NewsCms.Accounts;

namespace NewsCms.IntegrationTests.Admin;

public sealed class StrictLoginFactory : AdminFactory
{
    protected override int LoginAttemptsPerMinute => 3;
}

// On top of the per-account lockout, one address cannot try many accounts quickly.
public sealed class LoginRateLimitTests(StrictLoginFactory app) : IClassFixture<StrictLoginFactory>
{
    [Fact]
    public async Task Too_many_login_attempts_from_one_address_get_429()
    {
        using var session = new AdminSession(AdminSession.NewClient(app));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await session.LoginAsync($"someone{i}@newsroom.test", "a wrong password here")).StatusCode);

        var limited = await session.LoginAsync(AdminFactory.AdminEmail, AdminFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}
