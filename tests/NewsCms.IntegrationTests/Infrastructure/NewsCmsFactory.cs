using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Common;

namespace NewsCms.IntegrationTests.Infrastructure;

// The real app on its own temporary data directory and database, deleted when the factory is disposed.
public class NewsCmsFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "newscms-tests", Guid.NewGuid().ToString("N"));

    protected virtual bool SeedDemoContent => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("NewsCms:DataDirectory", DataDirectory);
        builder.UseSetting("NewsCms:SeedDemoContent", SeedDemoContent ? "true" : "false");
        builder.UseSetting("NewsCms:Site:BaseUrl", "http://localhost");
        UseDatabaseOf(builder, DataDirectory);
    }

    // Points the host at the database that belongs with a data directory (TestDatabase).
    protected static void UseDatabaseOf(IWebHostBuilder builder, string dataDirectory)
    {
        foreach (var (key, value) in TestDatabase.Settings(dataDirectory)) builder.UseSetting(key, value);
    }

    // Runs a piece of work against the app's own services, as a request would.
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<IDocument> GetDocumentAsync(string path)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static Task<IDocument> ParseAsync(string html) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.Release(DataDirectory);
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
    }
}

// An app with an empty database, for tests that build their own content.
public sealed class EmptyNewsCmsFactory : NewsCmsFactory
{
    protected override bool SeedDemoContent => false;
}
