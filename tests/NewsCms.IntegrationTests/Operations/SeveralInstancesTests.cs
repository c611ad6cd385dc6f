using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsCms.IntegrationTests.Admin;
using NewsCms.IntegrationTests.Infrastructure;

namespace NewsCms.IntegrationTests.Operations;

// Two NewsCms instances behind one load balancer: the same database and data directory (media and
// data-protection keys on a shared volume) and, when configured, one Redis for the output cache.
// Whichever instance a reader or a journalist reaches must answer the same.
public sealed class SeveralInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewsroomApp Instance(string data, RedisServer redis) => new NewsroomApp()
        .With("NewsCms:DataDirectory", data)
        .With("NewsCms:OutputCache:Redis", redis.Configuration);

    private static async Task<HttpResponseMessage> GetAsync(NewsroomApp app, string path)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await client.GetAsync(path, Ct);
    }

    private static async Task<string> HeadlineAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        return page.QuerySelector("main article h1")!.TextContent.Trim();
    }

    [Fact]
    public async Task With_Redis_a_page_cached_by_one_instance_is_served_by_the_other_and_an_edit_on_either_evicts_it_for_both()
    {
        await using var redis = await RedisServer.StartAsync();
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            await using var first = Instance(data, redis);
            await using var second = Instance(data, redis);
            var article = await first.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));

            using (var built = await GetAsync(first, article.Path!)) Assert.Null(built.Headers.Age);
            using (var shared = await GetAsync(second, article.Path!))
            {
                Assert.NotNull(shared.Headers.Age);
                Assert.Equal("Dam talks resume", await HeadlineAsync(shared));
            }

            await second.EditAsync(article, i => i with { Headline = "Dam talks collapse" });

            using var fresh = await GetAsync(first, article.Path!);
            Assert.Null(fresh.Headers.Age);
            Assert.Equal("Dam talks collapse", await HeadlineAsync(fresh));
            var home = await NewsCmsFactory.ParseAsync(await (await GetAsync(first, "/")).Content.ReadAsStringAsync(Ct));
            Assert.Equal(["Dam talks collapse"], home.QuerySelectorAll("main article.teaser h2 a").Select(a => a.TextContent.Trim()));
        });
    }

    [Fact]
    public async Task A_sign_in_on_one_instance_is_valid_on_the_other()
    {
        await NewsroomApp.WithDataDirectoryAsync(async data =>
        {
            await using var first = new SharedAdminFactory(data);
            await using var second = new SharedAdminFactory(data);
            using var session = await AdminSession.SignInAsync(first, AdminFactory.AdminEmail, AdminFactory.AdminPassword);

            using var elsewhere = AdminSession.NewClient(second);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/articles");
            request.Headers.Add("Cookie", session.AuthCookie);
            using var response = await elsewhere.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
            Assert.NotNull(page.QuerySelector("form[action='/admin/logout']"));
        });
    }

    private sealed class SharedAdminFactory(string data) : AdminFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NewsCms:DataDirectory", data);
        }
    }
}
