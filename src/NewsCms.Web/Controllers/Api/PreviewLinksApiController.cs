using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Articles;
using NewsCms.Common;
using NewsCms.Previews;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Preview links: show a draft as readers will see it to someone without an account.</summary>
[Route("api/v1/articles/{articleId:int}/preview-links")]
[Authorize(Policy = ApiSetup.WritePolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class PreviewLinksApiController(PreviewLinkService previews, ArticleService articles, SiteUrls urls) : ApiControllerBase
{
    /// <summary>Lists an article's preview links, newest first, revoked and expired ones included.</summary>
    /// <remarks>The addresses themselves are not listed: they are shown once, when a link is made.</remarks>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PreviewLinkDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> List(int articleId, CancellationToken ct) =>
        Conditional((await ListAsync(articleId, ct)).Select(l => l.ToDto()).ToList());

    /// <summary>Gets one preview link (without its address).</summary>
    [HttpGet("{linkId:int}")]
    [ProducesResponseType<PreviewLinkDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(int articleId, int linkId, CancellationToken ct) =>
        Conditional(((await ListAsync(articleId, ct)).FirstOrDefault(l => l.Id == linkId)
            ?? throw new NotFoundException($"Preview link {linkId}")).ToDto());

    /// <summary>Makes a preview link for an article in any state.</summary>
    /// <remarks>The answer holds the absolute preview address; it is shown this once and cannot be read back.
    /// A link lasts 1 to 720 hours (default a week).</remarks>
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<PreviewLinkDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Create(int articleId, PreviewLinkCreateDto body, CancellationToken ct)
    {
        // Clamped only so that absurd numbers cannot overflow; the service still refuses anything out of range.
        var lifetime = body.ExpiresInHours is { } hours
            ? TimeSpan.FromHours(Math.Clamp(hours, -1, (int)PreviewLinkService.MaxLifetime.TotalHours + 1))
            : (TimeSpan?)null;
        var created = await previews.CreateAsync(articleId, lifetime, Writer, ct);
        return CreatedAtAction(nameof(Get), new { articleId, linkId = created.Link.Id },
            created.Link.ToDto(urls.Absolute("/preview/" + created.Token)));
    }

    /// <summary>Revokes a preview link: its address stops working at once.</summary>
    [HttpDelete("{linkId:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Revoke(int articleId, int linkId, CancellationToken ct)
    {
        await previews.RevokeAsync(articleId, linkId, Writer, ct);
        return NoContent();
    }

    // An unknown article is a 404, not an empty list.
    private async Task<IReadOnlyList<PreviewLinkView>> ListAsync(int articleId, CancellationToken ct)
    {
        await articles.GetAsync(articleId, ct);
        return await previews.ListAsync(articleId, ct);
    }
}
