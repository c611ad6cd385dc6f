using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Articles: read, write, and move through the workflow.</summary>
[Route("api/v1/articles")]
public sealed class ArticlesApiController(
    ArticleService articles, ArticleCatalog catalog, ArticleListing listing, IOptions<SiteOptions> site) : ApiControllerBase
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 200;

    /// <summary>Lists articles, most recently updated first.</summary>
    /// <remarks>Anonymous callers see published articles only. Follow <c>next</c> for the following page: the order is
    /// stable (updatedAt, then id, both descending), so a walk sees every article once even while others are added.</remarks>
    /// <param name="status">Only articles in this state (any but published needs an API key).</param>
    /// <param name="tag">Only articles with this tag (its name or slug).</param>
    /// <param name="author">Only articles signed by this author id.</param>
    /// <param name="updatedSince">Only articles saved at or after this time.</param>
    /// <param name="q">Words in the headline or dek.</param>
    /// <param name="cursor">Where the previous page ended (from its <c>next</c> link).</param>
    /// <param name="limit">Page size: 20 unless given, at most 100.</param>
    /// <param name="ct">Ends the work when the client goes away.</param>
    [HttpGet]
    public async Task<ActionResult<PageDto<ArticleSummaryDto>>> List(ArticleStatus? status, string? tag, int? author,
        DateTimeOffset? updatedSince, string? q, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is < 1) errors["limit"] = ["The limit is at least 1."];
        if (cursor is not null && !Cursor.TryDecode(cursor, out _)) errors["cursor"] = ["The cursor is not one this API gave out: start again without it."];
        if (q is { Length: > MaxQueryLength }) errors["q"] = [$"A search is at most {MaxQueryLength} characters."];
        if (errors.Count > 0) throw new ApiRequestException(400, "Some query parameters are not valid.", errors, ApiProblems.InvalidParameterType);
        if (!CanReadDrafts)
        {
            if (status is not (null or ArticleStatus.Published))
                throw new ApiRequestException(401, "Only published articles can be listed without an API key.");
            status = ArticleStatus.Published;
        }

        var size = Math.Min(limit ?? DefaultLimit, MaxLimit);
        var page = await listing.ListAsync(new ArticleListFilter(status, author, tag, q, updatedSince), cursor, size, ct);
        var zone = site.Value.TimeZoneInfo;
        return Tagged(new PageDto<ArticleSummaryDto>
        {
            Items = page.Items.Select(a => a.ToDto(zone, Urls)).ToList(),
            Next = page.Next is { } next ? NextPage(next, size) : null,
            Limit = size,
        });
    }

    /// <summary>Gets an article by id.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<ArticleDto>> Get(int id, CancellationToken ct) =>
        Article(await catalog.GetAsync(id, CanReadDrafts, ct));

    /// <summary>Gets an article by its slug.</summary>
    [HttpGet("by-slug/{slug:maxlength(200)}")]
    public async Task<ActionResult<ArticleDto>> GetBySlug(string slug, CancellationToken ct) =>
        Article(await catalog.GetBySlugAsync(slug, CanReadDrafts, ct));

    /// <summary>Creates a draft.</summary>
    [HttpPost]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<ArticleDto>> Create([FromBody] ArticleWriteDto? article, CancellationToken ct)
    {
        var created = await articles.CreateAsync(Require(article).ToInput(), Caller, ct);
        return Article(await catalog.GetAsync(created.Id, true, ct), StatusCodes.Status201Created);
    }

    /// <summary>Replaces an article: fields left out are emptied.</summary>
    /// <remarks>Send If-Match (412 when stale) or <c>version</c> (409 when stale); with neither, the write replaces whatever is there.</remarks>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    public async Task<ActionResult<ArticleDto>> Replace(int id, [FromBody] ArticleWriteDto? article, CancellationToken ct)
    {
        var body = Require(article);
        var version = ExpectedVersion(body.Version) ?? (await articles.GetAsync(id, ct)).Version;
        await articles.UpdateAsync(id, body.ToInput(), version, Caller, ct);
        return Article(await catalog.GetAsync(id, true, ct));
    }

    /// <summary>Changes some fields of an article (JSON Merge Patch).</summary>
    /// <remarks>Fields present replace the article's, null removes (dek, leadImage, originalUrl), absent ones stay; lists are
    /// replaced whole. Send If-Match or <c>version</c> to refuse the change if someone saved in between.</remarks>
    [HttpPatch("{id:int}")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes(MergePatch.MediaType)]
    public async Task<ActionResult<ArticleDto>> Patch(int id, [FromBody] JsonNode? patch, CancellationToken ct)
    {
        if (Require(patch) is not JsonObject)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["$"] = ["A merge patch is a JSON object."] });
        var json = ApiSetup.Json(HttpContext);
        var current = (await catalog.GetAsync(id, true, ct)).ToDto(true, Urls);
        var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(current, json), patch);
        ArticleWriteDto body;
        try
        {
            body = merged.Deserialize<ArticleWriteDto>(json) ?? throw new JsonException("null", "$", null, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "$" : e.Path.TrimStart('$', '.');
            throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = ["The value has the wrong type or is out of range."] });
        }
        await articles.UpdateAsync(id, body.ToInput(), ExpectedVersion(body.Version) ?? current.Version, Caller, ct);
        return Article(await catalog.GetAsync(id, true, ct));
    }

    /// <summary>Deletes an article that is not published.</summary>
    [HttpDelete("{id:int}")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        await articles.DeleteAsync(id, ExpectedVersion(null), Caller, ct);
        return NoContent();
    }

    /// <summary>Publishes an article now.</summary>
    [HttpPost("{id:int}/publish")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    public async Task<ActionResult<ArticleDto>> Publish(int id, [FromBody] ActionDto? action, CancellationToken ct)
    {
        await articles.PublishAsync(id, ExpectedVersion(action?.Version), Caller, ct);
        return Article(await catalog.GetAsync(id, true, ct));
    }

    /// <summary>Takes a published article down, or cancels a schedule.</summary>
    [HttpPost("{id:int}/unpublish")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    public async Task<ActionResult<ArticleDto>> Unpublish(int id, [FromBody] ActionDto? action, CancellationToken ct)
    {
        await articles.UnpublishAsync(id, ExpectedVersion(action?.Version), Caller, ct);
        return Article(await catalog.GetAsync(id, true, ct));
    }

    /// <summary>Schedules an article to go out by itself at a time in the future.</summary>
    [HttpPost("{id:int}/schedule")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    public async Task<ActionResult<ArticleDto>> Schedule(int id, [FromBody] ScheduleDto? schedule, CancellationToken ct)
    {
        var body = Require(schedule);
        var at = body.At ?? throw ValidationFailedException.For("PublishAt", "Give the time to publish at, such as 2026-03-15T06:00:00+01:00.");
        await articles.ScheduleAsync(id, at, ExpectedVersion(body.Version), Caller, ct);
        return Article(await catalog.GetAsync(id, true, ct));
    }

    private ActionResult Article(ArticlePage page, int status = StatusCodes.Status200OK) =>
        Tagged(page.ToDto(CanReadDrafts, Urls), page.Article.Version, status,
            status == StatusCodes.Status201Created ? Urls.Absolute(ApiMappings.ArticleHref(page.Article.Id)) : null);

    private string NextPage(string cursor, int size)
    {
        var query = Request.Query
            .Where(p => p.Key is not ("cursor" or "limit"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("cursor", cursor));
        return Urls.Absolute(Request.Path + QueryString.Create(query));
    }
}
