using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Articles;
using NewsCms.Revisions;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Every save of an article: who, when, what it held; and restoring one.</summary>
[Route("api/v1/articles/{id:int}/revisions")]
[Authorize(Policy = ApiKeyAuthenticationHandler.ReadPolicy)]
public sealed class RevisionsApiController(RevisionHistory history, ArticleService articles, ArticleCatalog catalog) : ApiControllerBase
{
    /// <summary>Lists an article's revisions, newest first.</summary>
    [HttpGet]
    public async Task<ActionResult<ListDto<RevisionDto>>> List(int id, CancellationToken ct) =>
        Tagged(new ListDto<RevisionDto> { Items = (await history.ListAsync(id, ct)).Select(r => r.ToDto(id, Urls)).ToList() });

    /// <summary>Gets one revision with the article as it was after that save.</summary>
    [HttpGet("{version:int}")]
    public async Task<ActionResult<RevisionDetailDto>> Get(int id, int version, CancellationToken ct) =>
        Tagged((await history.GetAsync(id, version, ct)).ToDto(id, Urls));

    /// <summary>Saves the article again as it was at this revision (a new revision).</summary>
    [HttpPost("{version:int}/restore")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    public async Task<ActionResult<ArticleDto>> Restore(int id, int version, [FromBody] ActionDto? action, CancellationToken ct)
    {
        var expected = ExpectedVersion(action?.Version) ?? (await articles.GetAsync(id, ct)).Version;
        await articles.RestoreRevisionAsync(id, version, expected, Caller, ct);
        var page = await catalog.GetAsync(id, true, ct);
        return Tagged(page.ToDto(true, Urls), page.Article.Version);
    }
}
