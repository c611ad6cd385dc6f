using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsCms.Accounts;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Admin;

// The real app with a configured first admin and a clock the test moves.
public class AdminFactory : NewsCmsFactory
{
    public const string AdminEmail = "chief@newsroom.test";
    public const string AdminPassword = "a long admin passphrase for tests";

    // Whole seconds: times survive the trip through the database unchanged.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override bool SeedDemoContent => false;

    protected virtual int LoginAttemptsPerMinute => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NewsCms:Admin:Email", AdminEmail);
        builder.UseSetting("NewsCms:Admin:Password", AdminPassword);
        builder.UseSetting("NewsCms:Admin:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    // A newsroom member with a known password, straight through the accounts service.
    public async Task<(string Email, string Password, string Id)> CreateUserAsync(string role, string? name = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@newsroom.test";
        const string password = "correct horse staple battery";
        var created = await WithScopeAsync(s => s.GetRequiredService<AccountService>()
            .CreateAsync(new NewUserInput(email, name ?? $"{role} {email[..8]}", role, password), Actor.System, TestContext.Current.CancellationToken));
        return (email, password, created.User.Id);
    }

    public async Task<AdminSession> SignInAsync(string role, string? name = null)
    {
        name ??= $"{role} {Guid.NewGuid():N}"[..20];
        var (email, password, id) = await CreateUserAsync(role, name);
        var session = await AdminSession.SignInAsync(this, email, password);
        session.Actor = new Actor(name, id, role);
        return session;
    }

    public Task<ArticleDetail> CreateArticleAsync(Actor owner, ArticleInput input) =>
        WithScopeAsync(s => s.GetRequiredService<ArticleService>().CreateAsync(input, owner, TestContext.Current.CancellationToken));

    public Task<ArticleDetail> GetArticleAsync(int id) =>
        WithScopeAsync(s => s.GetRequiredService<ArticleService>().GetAsync(id, TestContext.Current.CancellationToken));
}
