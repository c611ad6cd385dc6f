using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Tags;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Tags (topics).</summary>
[Route("api/v1/tags")]
public sealed class TagsApiController(TagService tags) : ApiControllerBase
{
    /// <summary>Lists every tag, by name.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<TagDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Conditional((await tags.ListAsync(ct)).Select(t => t.ToDto()).ToList());

    /// <summary>Gets one tag.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<TagDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(int id, CancellationToken ct) => Conditional((await tags.GetAsync(id, ct)).ToDto());

    /// <summary>Creates a tag.</summary>
    [HttpPost]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<TagDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Create(TagWriteDto body, CancellationToken ct)
    {
        var created = await tags.CreateAsync(body.ToInput(), Writer, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, created.ToDto());
    }

    /// <summary>Renames a tag or changes its slug or description.</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<TagDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Update(int id, TagWriteDto body, CancellationToken ct) =>
        Conditional((await tags.UpdateAsync(id, body.ToInput(), Writer, ct)).ToDto());
}
