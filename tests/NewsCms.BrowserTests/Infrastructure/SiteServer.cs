using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Articles;
using NewsCms.Data;

namespace NewsCms.BrowserTests.Infrastructure;

// The real app on Kestrel at a loopback port, on its own temporary data directory, so a real
// browser can load its pages, scripts and styles.
public class SiteServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "chief@newsroom.test";
    public const string AdminPassword = "a long admin passphrase for browser tests";

    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "newscms-browser-tests", Guid.NewGuid().ToString("N"));

    protected virtual bool SeedDemoContent => true;

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("NewsCms:DataDirectory", DataDirectory);
        builder.UseSetting("NewsCms:SeedDemoContent", SeedDemoContent ? "true" : "false");
        builder.UseSetting("NewsCms:Site:BaseUrl", "http://127.0.0.1");
        builder.UseSetting("NewsCms:Admin:Email", AdminEmail);
        builder.UseSetting("NewsCms:Admin:Password", AdminPassword);
        builder.UseSetting("NewsCms:Admin:LoginAttemptsPerMinute", "1000");
        // Plain HTTP on loopback (no certificate to trust): the admin's cookies follow the request's
        // scheme here, as in development, instead of demanding HTTPS.
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
            services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
                o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        });
    }

    public virtual ValueTask InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        BaseAddress = new Uri(address);
        return ValueTask.CompletedTask;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public const string DemoExplainer = "What Is at Stake in the Lowen River Water Dispute?";

    // {explainer} and {explainer-id} in a path stand for the demo explainer's public path and id,
    // {photo-id} for its lead photo's id, {author-id} and {tag-id} for its first byline and tag.
    public async Task<string> DemoPathAsync(string path)
    {
        if (!path.Contains('{', StringComparison.Ordinal)) return path;
        var explainer = await WithScopeAsync(async s =>
        {
            var id = await s.GetRequiredService<NewsCmsDbContext>().Set<Article>()
                .Where(a => a.Headline == DemoExplainer).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
            return await s.GetRequiredService<ArticleService>().GetAsync(id, TestContext.Current.CancellationToken);
        });
        static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return path.Replace("{explainer-id}", Id(explainer.Id), StringComparison.Ordinal)
            .Replace("{explainer}", explainer.Path, StringComparison.Ordinal)
            .Replace("{photo-id}", Id(explainer.LeadImage!.Media.Id), StringComparison.Ordinal)
            .Replace("{author-id}", Id(explainer.Bylines[0].AuthorId), StringComparison.Ordinal)
            .Replace("{tag-id}", Id(explainer.Tags[0].Id), StringComparison.Ordinal);
    }

    // Runs a piece of work against the app's own services, as a request would.
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
