using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Authors;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Authors who sign articles, staff and guests.</summary>
[Route("api/v1/authors")]
public sealed class AuthorsApiController(AuthorService authors) : ApiControllerBase
{
    /// <summary>Lists every author, by name.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<AuthorDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Conditional((await authors.ListAsync(ct)).Select(a => a.ToDto()).ToList());

    /// <summary>Gets one author.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<AuthorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(int id, CancellationToken ct) => Conditional((await authors.GetAsync(id, ct)).ToDto());

    /// <summary>Adds an author, such as a guest contributor.</summary>
    [HttpPost]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<AuthorDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Create(AuthorWriteDto body, CancellationToken ct)
    {
        var created = await authors.CreateAsync(body.ToInput(), Writer, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, created.ToDto());
    }

    /// <summary>Changes an author's name, slug, job title or bio.</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<AuthorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Update(int id, AuthorWriteDto body, CancellationToken ct) =>
        Conditional((await authors.UpdateAsync(id, body.ToInput(), Writer, ct)).ToDto());
}
