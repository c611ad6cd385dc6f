using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Articles;
using NewsCms.Revisions;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>An article's history: every save, and restoring one.</summary>
[Route("api/v1/articles/{id:int}/revisions")]
[Authorize(Policy = ApiSetup.ReaderKeyPolicy)]
public sealed class RevisionsApiController(RevisionHistory history, ArticleService articles, SiteUrls urls) : ApiControllerBase
{
    /// <summary>Lists an article's saves, newest first (API keys only).</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<RevisionDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> List(int id, CancellationToken ct) =>
        Conditional((await history.ListAsync(id, ct)).Select(r => r.ToDto()).ToList());

    /// <summary>Gets one save with the article as it was after it (API keys only).</summary>
    [HttpGet("{version:int}")]
    [ProducesResponseType<RevisionDetailDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(int id, int version, CancellationToken ct) =>
        Conditional((await history.GetAsync(id, version, ct)).ToDto());

    /// <summary>Saves the article again as it was at this revision; the restore is itself a new revision.</summary>
    /// <remarks>If-Match guards against restoring over a save you have not seen; without it the current version is used.</remarks>
    [HttpPost("{version:int}/restore")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [ProducesResponseType<ArticleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Restore(int id, int version, CancellationToken ct)
    {
        var expected = ExpectedVersion(null) ?? (await articles.GetAsync(id, ct)).Version;
        var restored = await articles.RestoreRevisionAsync(id, version, expected, Writer, ct);
        return Conditional(restored.ToDto(urls), VersionTag(restored.Version));
    }
}
