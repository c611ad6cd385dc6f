using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Authors;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>People who sign articles, guest contributors included.</summary>
[Route("api/v1/authors")]
public sealed class AuthorsApiController(AuthorService authors) : ApiControllerBase
{
    /// <summary>Lists every author by name.</summary>
    [HttpGet]
    public async Task<ActionResult<ListDto<AuthorDto>>> List(CancellationToken ct) =>
        Tagged(new ListDto<AuthorDto> { Items = (await authors.ListAsync(ct)).Select(a => a.ToDto(Urls)).ToList() });

    /// <summary>Gets an author.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<AuthorDto>> Get(int id, CancellationToken ct) => Tagged((await authors.GetAsync(id, ct)).ToDto(Urls));

    /// <summary>Creates an author (a co-author or guest contributor).</summary>
    [HttpPost]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<AuthorDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<AuthorDto>> Create([FromBody] AuthorWriteDto? author, CancellationToken ct)
    {
        var created = await authors.CreateAsync(Require(author).ToInput(), Caller, ct);
        return Tagged(created.ToDto(Urls), status: StatusCodes.Status201Created, location: Urls.Absolute($"{ApiMappings.Root}/authors/{created.Id}"));
    }

    /// <summary>Changes an author's name, slug, job title or bio.</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    public async Task<ActionResult<AuthorDto>> Update(int id, [FromBody] AuthorWriteDto? author, CancellationToken ct)
    {
        var body = Require(author);
        EnsureIfMatch((await authors.GetAsync(id, ct)).ToDto(Urls));
        return Tagged((await authors.UpdateAsync(id, body.ToInput(), Caller, ct)).ToDto(Urls));
    }
}
