using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.IntegrationTests.Admin;
using NewsCms.IntegrationTests.Infrastructure;
using NewsCms.Settings;

namespace NewsCms.IntegrationTests.Performance;

// Public pages come from the output cache, and never stay stale after the newsroom changes what
// they show. The cache marks a stored response with an Age header: that is how a test tells a
// cached answer from a freshly built one.
public sealed class OutputCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(NewsroomApp app, string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<IDocument> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await NewsCmsFactory.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Headline(IDocument page) => page.QuerySelector("main article h1")!.TextContent.Trim();

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task An_article_page_is_served_from_the_cache_with_the_same_bytes_and_validators()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));

        using var first = await SendAsync(app, article.Path!);
        using var second = await SendAsync(app, article.Path!);

        Assert.False(FromCache(first));
        Assert.True(FromCache(second));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.NotNull(first.Headers.ETag);
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Content.Headers.LastModified, second.Content.Headers.LastModified);
        Assert.Equal("public, max-age=60, stale-while-revalidate=30", second.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task An_edit_and_an_unpublish_are_visible_on_the_next_request()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        (await SendAsync(app, article.Path!)).Dispose();
        (await SendAsync(app, "/")).Dispose();

        var edited = await app.EditAsync(article, i => i with { Headline = "Dam talks collapse" });

        using var page = await SendAsync(app, article.Path!);
        Assert.False(FromCache(page));
        Assert.Equal("Dam talks collapse", Headline(await ReadAsync(page)));
        var home = await ReadAsync(await SendAsync(app, "/"));
        Assert.Equal(["Dam talks collapse"], home.QuerySelectorAll("main article.teaser h2 a").Select(a => a.TextContent.Trim()));

        await app.ArticlesAsync(a => a.UnpublishAsync(edited.Id, edited.Version, NewsroomApp.Editor, Ct));

        using var gone = await SendAsync(app, article.Path!);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public async Task A_related_articles_new_headline_shows_on_the_pages_that_point_at_it()
    {
        await using var app = new NewsroomApp();
        var target = await app.PublishAsync(new ArticleBuilder().Headline("Reservoir levels fall", "reservoir-levels"));
        var story = await app.PublishAsync(new ArticleBuilder().Headline("Farmers plan for drought", "farmers-plan")
            .Body("Some text.\n\n[[related: reservoir-levels]]\n\nMore text.").Build() with { RelatedArticleIds = [target.Id] });
        (await SendAsync(app, story.Path!)).Dispose();
        using (var cached = await SendAsync(app, story.Path!)) Assert.True(FromCache(cached));

        await app.EditAsync(target, i => i with { Headline = "Reservoir levels hit a record low" });

        var page = await ReadAsync(await SendAsync(app, story.Path!));
        Assert.Equal("Reservoir levels hit a record low", page.QuerySelector("aside.related-callout a")!.TextContent.Trim());
        Assert.Equal(["Reservoir levels hit a record low"], page.QuerySelectorAll("aside.related-list li a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task An_authors_new_name_shows_on_their_articles_and_in_lists_at_once()
    {
        await using var app = new NewsroomApp();
        var author = await app.AuthorAsync("Ada Berg");
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks").By(author));
        (await SendAsync(app, article.Path!)).Dispose();
        (await SendAsync(app, "/authors/ada-berg")).Dispose();

        await app.WithScopeAsync(s => s.GetRequiredService<AuthorService>()
            .UpdateAsync(author.Id, new AuthorInput("Ada Berg-Lund", Slug: "ada-berg"), NewsroomApp.Editor, Ct));

        var page = await ReadAsync(await SendAsync(app, article.Path!));
        Assert.Equal(["Ada Berg-Lund"], page.QuerySelectorAll("main article .byline .byline__name").Select(n => n.TextContent.Trim()));
        var authorPage = await ReadAsync(await SendAsync(app, "/authors/ada-berg"));
        Assert.Equal("Ada Berg-Lund", authorPage.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task New_site_settings_show_on_every_cached_page()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        (await SendAsync(app, "/")).Dispose();

        await app.WithScopeAsync(s => s.GetRequiredService<SiteSettingsService>()
            .UpdateAsync(new SiteSettingsInput("The Lowen Ledger", null, null, null, null), NewsroomApp.Admin, Ct));

        var home = await ReadAsync(await SendAsync(app, "/"));
        Assert.StartsWith("The Lowen Ledger", home.Title);
    }

    [Fact]
    public async Task A_signed_in_journalist_bypasses_the_cache_and_is_not_stored_for_readers()
    {
        await using var app = new AdminFactory();
        var article = await app.WithScopeAsync(async s =>
        {
            var articles = s.GetRequiredService<ArticleService>();
            var draft = await articles.CreateAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"), NewsroomApp.Editor, Ct);
            return await articles.PublishAsync(draft.Id, draft.Version, NewsroomApp.Editor, Ct);
        });
        using var journalist = await AdminSession.SignInAsync(app, AdminFactory.AdminEmail, AdminFactory.AdminPassword);
        using var reader = AdminSession.NewClient(app);

        using var asJournalist = await journalist.GetAsync(article.Path!);
        using var firstReader = await reader.GetAsync(article.Path!, Ct);
        using var secondReader = await reader.GetAsync(article.Path!, Ct);
        using var againAsJournalist = await journalist.GetAsync(article.Path!);

        Assert.Equal(HttpStatusCode.OK, asJournalist.StatusCode);
        Assert.False(FromCache(asJournalist));
        Assert.True(asJournalist.Headers.CacheControl is { Private: true, NoCache: true });
        Assert.False(FromCache(firstReader));
        Assert.True(FromCache(secondReader));
        Assert.False(FromCache(againAsJournalist));

        // Signing out ends the bypass along with the session.
        var logout = (await journalist.GetDocumentAsync("/admin/articles")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action='/admin/logout']")!;
        (await journalist.SubmitAsync(logout)).Dispose();
        using var afterSignOut = await journalist.GetAsync(article.Path!);
        Assert.True(FromCache(afterSignOut));
    }

    [Fact]
    public async Task Preview_links_are_never_cached()
    {
        await using var app = new NewsroomApp();
        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        var token = await app.WithScopeAsync(async s =>
            (await s.GetRequiredService<NewsCms.Previews.PreviewLinkService>().CreateAsync(draft.Id, null, NewsroomApp.Editor, Ct)).Token);

        using var first = await SendAsync(app, $"/preview/{token}");
        using var second = await SendAsync(app, $"/preview/{token}");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(FromCache(second));
        Assert.True(second.Headers.CacheControl!.NoStore);
        Assert.Null(second.Headers.ETag);
    }

    [Fact]
    public async Task A_photo_credit_edit_shows_on_the_article_page_at_once()
    {
        await using var app = new NewsroomApp();
        var photo = await app.AddPhotoAsync();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks").LeadImage(photo, "The dam at dawn."));
        (await SendAsync(app, article.Path!)).Dispose();
        using (var cached = await SendAsync(app, article.Path!)) Assert.True(FromCache(cached));

        await app.WithScopeAsync(s => s.GetRequiredService<NewsCms.Media.MediaService>().UpdateAsync(photo,
            new NewsCms.Media.MediaInput("Farmers by a dry canal", CreditLine: "Ana Diaz / Lowen Ledger", Photographer: "Ana Diaz"),
            NewsroomApp.Editor, Ct));

        var page = await ReadAsync(await SendAsync(app, article.Path!));
        Assert.Equal("Photo: Ana Diaz / Lowen Ledger", page.QuerySelector("main article figure figcaption .credit")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_tag_rename_shows_in_the_article_page_metadata_and_on_the_tag_page_at_once()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks").Tagged("Water"));
        (await SendAsync(app, article.Path!)).Dispose();
        (await SendAsync(app, "/tags/water")).Dispose();

        await app.WithScopeAsync(s => s.GetRequiredService<NewsCms.Tags.TagService>()
            .UpdateAsync(article.Tags[0].Id, new NewsCms.Tags.TagInput("Water supply", "water"), NewsroomApp.Editor, Ct));

        var page = await ReadAsync(await SendAsync(app, article.Path!));
        var keywords = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(script => System.Text.Json.JsonDocument.Parse(script.TextContent).RootElement)
            .Where(json => json.ValueKind == System.Text.Json.JsonValueKind.Object && json.TryGetProperty("keywords", out _))
            .SelectMany(json => json.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["Water supply"], keywords);
        var tagPage = await ReadAsync(await SendAsync(app, "/tags/water"));
        Assert.Contains("Water supply", tagPage.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task A_scheduled_article_is_on_the_cached_home_page_as_soon_as_the_scheduler_publishes_it()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        var draft = await app.CreateDraftAsync(new ArticleBuilder().Headline("Harvest comes early", "harvest"));
        await app.ArticlesAsync(a => a.ScheduleAsync(draft.Id, NewsroomApp.Start.AddHours(1), draft.Version, NewsroomApp.Editor, Ct));
        (await SendAsync(app, "/")).Dispose();
        using (var cached = await SendAsync(app, "/")) Assert.True(FromCache(cached));

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.WithScopeAsync(s => s.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<NewsCms.Web.Infrastructure.ScheduledPublisher>().Single().PublishDueAsync(Ct));

        var home = await ReadAsync(await SendAsync(app, "/"));
        Assert.Equal(["Harvest comes early", "Dam talks resume"], home.QuerySelectorAll("main article.teaser h2 a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task A_cached_page_carries_the_same_security_headers_as_a_fresh_one()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));

        using var fresh = await SendAsync(app, article.Path!);
        using var cached = await SendAsync(app, article.Path!);

        Assert.True(FromCache(cached));
        foreach (var header in new[] { "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy" })
            Assert.Equal(fresh.Headers.GetValues(header), cached.Headers.GetValues(header));
        Assert.Equal(NewsCms.Web.Infrastructure.SecurityHeaders.ContentSecurityPolicy, cached.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_matching_If_None_Match_answers_304_on_the_article_page_and_the_feed(bool cached)
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        foreach (var path in new[] { article.Path!, "/feed" })
        {
            using var first = await SendAsync(app, path);
            if (!cached)
            {
                // Evicted: the page is built again, and the fresh render answers the condition itself.
                await app.WithScopeAsync(async s => { await s.GetRequiredService<NewsCms.Caching.ICacheEvictor>().EvictAsync([NewsCms.Caching.CacheTags.Site], Ct); return 0; });
            }
            using var conditional = await SendAsync(app, path, h => h.IfNoneMatch.Add(first.Headers.ETag!));
            using var stale = await SendAsync(app, path, h => h.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-version\"")));

            Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
            Assert.Empty(await conditional.Content.ReadAsByteArrayAsync(Ct));
            // The cache answers from its stored headers (without an Age), a fresh render from its hash.
            Assert.Equal(first.Headers.ETag, conditional.Headers.ETag);
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Equal(first.Headers.ETag, stale.Headers.ETag);
        }
    }

    [Fact]
    public async Task Brotli_is_compressed_once_and_cached_per_encoding()
    {
        await using var app = new NewsroomApp();
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        void Brotli(HttpRequestHeaders h) => h.AcceptEncoding.ParseAdd("gzip, br");
        void Gzip(HttpRequestHeaders h) => h.AcceptEncoding.ParseAdd("gzip");

        using var first = await SendAsync(app, article.Path!, Brotli);
        using var second = await SendAsync(app, article.Path!, Brotli);
        using var gzip = await SendAsync(app, article.Path!, Gzip);
        using var plain = await SendAsync(app, article.Path!);

        Assert.Equal(["br"], first.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], second.Content.Headers.ContentEncoding);
        Assert.True(FromCache(second));
        var bytes = await second.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), bytes);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.False(FromCache(gzip));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.NotEqual(first.Headers.ETag, plain.Headers.ETag);
        Assert.Contains("Accept-Encoding", first.Headers.Vary);

        await using var brotli = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        var html = await reader.ReadToEndAsync(Ct);
        Assert.Equal(await plain.Content.ReadAsStringAsync(Ct), html);
        Assert.Equal("Dam talks resume", Headline(await NewsCmsFactory.ParseAsync(html)));
    }

    [Fact]
    public async Task The_cache_can_be_switched_off()
    {
        await using var app = new NewsroomApp().With("NewsCms:OutputCache:Enabled", "false");
        var article = await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));

        using var first = await SendAsync(app, article.Path!);
        using var second = await SendAsync(app, article.Path!);

        Assert.False(FromCache(second));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Search_varies_by_its_query_and_ignores_other_keys()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        await app.PublishAsync(new ArticleBuilder().Headline("Harvest comes early", "harvest"));

        (await SendAsync(app, "/search?q=dam")).Dispose();
        using var other = await SendAsync(app, "/search?q=harvest");
        using var sameWithNoise = await SendAsync(app, "/search?q=dam&utm_source=mail");

        Assert.False(FromCache(other));
        Assert.Contains("Harvest comes early", (await ReadAsync(other)).QuerySelectorAll("main h2 a").Select(a => a.TextContent.Trim()));
        Assert.True(FromCache(sameWithNoise));
    }

    [Fact]
    public async Task Fingerprinted_assets_are_immutable_for_a_year()
    {
        await using var app = new NewsroomApp();
        await app.PublishAsync(new ArticleBuilder().Headline("Dam talks resume", "dam-talks"));
        var home = await ReadAsync(await SendAsync(app, "/"));
        var stylesheet = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", stylesheet);

        using var versioned = await SendAsync(app, stylesheet);
        using var bare = await SendAsync(app, stylesheet.Split('?')[0]);

        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl!.ToString());
        Assert.Equal("public, max-age=3600", bare.Headers.CacheControl!.ToString());
    }
}
