using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Articles: read, write and move through the workflow, with the admin's rules.</summary>
[Route("api/v1/articles")]
public sealed class ArticlesApiController(ArticleCatalog catalog, ArticleService articles, SiteUrls urls) : ApiControllerBase
{
    /// <summary>Lists articles, newest first, a page at a time.</summary>
    /// <remarks>Anonymous callers see published articles only; a key of either scope sees every state.
    /// Follow <c>next</c> for the following page: the walk sees each article once, even while articles are added.</remarks>
    /// <param name="status">Only articles in this state (keys only).</param>
    /// <param name="tag">Only articles with this tag (slug or id).</param>
    /// <param name="author">Only articles signed by this author (slug or id).</param>
    /// <param name="updatedSince">Only articles saved at or after this time.</param>
    /// <param name="q">Only articles containing all these words.</param>
    /// <param name="limit">Page size, 1 to 100 (default 20).</param>
    /// <param name="after">The cursor from the previous page's <c>next</c>.</param>
    /// <param name="ct">Cancelled when the client goes away.</param>
    [HttpGet]
    [ProducesResponseType<PageDto<ArticleDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(ArticleStatus? status, string? tag, string? author, DateTimeOffset? updatedSince, string? q,
        int limit = PublishedArticles.DefaultPageSize, string? after = null, CancellationToken ct = default)
    {
        var errors = PagingErrors(limit, PublishedArticles.MaxPageSize, after);
        if (status is { } s && !Enum.IsDefined(s)) errors.Add("status", "The status is draft, inReview, scheduled, published or unpublished.");
        if (q?.Length > ArticleCatalog.MaxTextLength) errors.Add("q", $"The search is at most {ArticleCatalog.MaxTextLength} characters.");
        if (errors.Any) return ApiProblems.BadRequestResult(errors.ToDictionary());

        var page = await catalog.ListAsync(new ArticleQuery(status, tag, author, updatedSince, q), CanReadUnpublished, after, limit, ct);
        return ConditionalPage(page, a => a.ToDto(urls));
    }

    /// <summary>Gets one article.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        Article(await catalog.FindAsync(id, CanReadUnpublished, ct) ?? throw new NotFoundException($"Article {id}"));

    /// <summary>Gets one article by its slug.</summary>
    [HttpGet("by-slug/{slug}")]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetBySlug(string slug, CancellationToken ct) =>
        Article(await catalog.FindBySlugAsync(slug, CanReadUnpublished, ct) ?? throw new NotFoundException($"Article \"{slug}\""));

    /// <summary>Creates a draft.</summary>
    [HttpPost]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Create(ArticleWriteDto body, CancellationToken ct)
    {
        var created = await articles.CreateAsync(body.ToInput(), Writer, ct);
        Response.Headers.ETag = VersionTag(created.Version);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, created.ToDto(urls));
    }

    /// <summary>Replaces an article's fields.</summary>
    /// <remarks>Send the version you read as If-Match (its ETag) or as <c>version</c>: a stale one answers 412 (If-Match) or 409.</remarks>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<IActionResult> Replace(int id, ArticleWriteDto body, CancellationToken ct)
    {
        if (ExpectedVersion(body.Version) is not { } version)
            return Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                detail: "Send the version you are replacing, as If-Match or as \"version\" in the body.");
        return Article(await articles.UpdateAsync(id, body.ToInput(), version, Writer, ct));
    }

    /// <summary>Changes some of an article's fields (JSON Merge Patch, RFC 7396).</summary>
    /// <remarks>Absent fields keep their value, <c>null</c> removes one, arrays are replaced whole.
    /// If-Match or <c>version</c> guard against lost updates; without either the patch applies to the current version.</remarks>
    [HttpPatch("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/merge-patch+json")]
    [RereadableBody]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Patch(int id, [FromBody] ArticleWriteDto patch, CancellationToken ct)
    {
        // The typed parameter documents the shape and rejects wrong types; the merge itself works
        // on the raw JSON, where "absent" and "null" differ.
        var current = await articles.GetAsync(id, ct);
        var merged = await MergePatchAsync(current.ToInput().ToWriteDto(), ct);
        var version = ExpectedVersion(patch.Version) ?? current.Version;
        return Article(await articles.UpdateAsync(id, merged.ToInput(), version, Writer, ct));
    }

    /// <summary>Deletes an article that is not published.</summary>
    [HttpDelete("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        await articles.DeleteAsync(id, ExpectedVersion(null), Writer, ct);
        return NoContent();
    }

    /// <summary>Publishes an article now.</summary>
    [HttpPost("{id:int}/publish")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Publish(int id, CancellationToken ct) =>
        Article(await articles.PublishAsync(id, ExpectedVersion(null), Writer, ct));

    /// <summary>Takes a published article down, or cancels a schedule.</summary>
    [HttpPost("{id:int}/unpublish")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Unpublish(int id, CancellationToken ct) =>
        Article(await articles.UnpublishAsync(id, ExpectedVersion(null), Writer, ct));

    /// <summary>Schedules an article to go out by itself at a future time.</summary>
    [HttpPost("{id:int}/schedule")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Schedule(int id, ScheduleDto body, CancellationToken ct)
    {
        if (body.At is not { } at) throw ValidationFailedException.For("PublishAt", "Say when: \"at\" is a time with its offset.");
        return Article(await articles.ScheduleAsync(id, at, ExpectedVersion(body.Version), Writer, ct));
    }

    private IActionResult Article(ArticleDetail article) => Conditional(article.ToDto(urls), VersionTag(article.Version));
}
