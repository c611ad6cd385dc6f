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
using Microsoft.Extensions.DependencyInjection;

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
