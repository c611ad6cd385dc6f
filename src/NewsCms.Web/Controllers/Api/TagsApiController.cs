using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Tags;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>Tags (topics) articles are filed under.</summary>
[Route("api/v1/tags")]
public sealed class TagsApiController(TagService tags) : ApiControllerBase
{
    /// <summary>Lists every tag by name.</summary>
    [HttpGet]
    public async Task<ActionResult<ListDto<TagDto>>> List(CancellationToken ct) =>
        Tagged(new ListDto<TagDto> { Items = (await tags.ListAsync(ct)).Select(t => t.ToDto(Urls)).ToList() });

    /// <summary>Gets a tag.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<TagDto>> Get(int id, CancellationToken ct) => Tagged((await tags.GetAsync(id, ct)).ToDto(Urls));

    /// <summary>Creates a tag.</summary>
    [HttpPost]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<TagDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<TagDto>> Create([FromBody] TagWriteDto? tag, CancellationToken ct)
    {
        var created = await tags.CreateAsync(Require(tag).ToInput(), Caller, ct);
        return Tagged(created.ToDto(Urls), status: StatusCodes.Status201Created, location: Urls.Absolute($"{ApiMappings.Root}/tags/{created.Id}"));
    }

    /// <summary>Changes a tag's name, slug (its public address) or description.</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiKeyAuthenticationHandler.WritePolicy)]
    [Consumes("application/json")]
    public async Task<ActionResult<TagDto>> Update(int id, [FromBody] TagWriteDto? tag, CancellationToken ct)
    {
        var body = Require(tag);
        EnsureIfMatch((await tags.GetAsync(id, ct)).ToDto(Urls));
        return Tagged((await tags.UpdateAsync(id, body.ToInput(), Caller, ct)).ToDto(Urls));
    }
}
