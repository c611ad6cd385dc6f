using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Common;
using NewsCms.Media;
using NewsCms.Web.Api;
using NewsCms.Web.Infrastructure;

namespace NewsCms.Web.Controllers.Api;

/// <summary>The media library: photos with their credit, and the resized copies pages use.</summary>
[Route("api/v1/media")]
public sealed class MediaApiController(MediaService media, SiteUrls urls) : ApiControllerBase
{
    // The largest image the library takes, plus room for the form's other fields and boundaries:
    // a bigger body is refused with 413 before it is read; a file just over the limit gets 422.
    public const long MaxUploadBodyBytes = ImageProcessing.MaxBytes + 1024 * 1024;

    /// <summary>Lists photos, newest first, a page at a time.</summary>
    /// <param name="q">Only photos whose alt text, caption, credit or file name contain this.</param>
    /// <param name="limit">Page size, 1 to 100 (default 30).</param>
    /// <param name="after">The cursor from the previous page's <c>next</c>.</param>
    /// <param name="ct">Cancelled when the client goes away.</param>
    [HttpGet]
    [ProducesResponseType<PageDto<MediaDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<IActionResult> List(string? q, int limit = MediaService.DefaultPageSize, string? after = null, CancellationToken ct = default)
    {
        var errors = PagingErrors(limit, MediaService.MaxPageSize, after);
        if (q?.Length > FieldLimits.Caption) errors.Add("q", $"The search is at most {FieldLimits.Caption} characters.");
        if (errors.Any) return ApiProblems.BadRequestResult(errors.ToDictionary());

        var page = await media.ListAsync(q, after, limit, ct);
        return ConditionalPage(page, m => m.ToDto(urls));
    }

    /// <summary>Gets one photo.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<MediaDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(int id, CancellationToken ct) => Conditional((await FindAsync(id, ct)).ToDto(urls));

    /// <summary>Uploads a photo with its credit.</summary>
    /// <remarks>A multipart/form-data body with the image as <c>file</c> (JPEG, PNG, WebP or GIF, at most 20 MB, checked by
    /// its content; SVG is refused) and the credit fields beside it. Credit fields left empty are filled from the file's
    /// IPTC/XMP metadata. Uploading a photo the library already holds answers that photo.</remarks>
    [HttpPost]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(MaxUploadBodyBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBodyBytes)]
    [ProducesResponseType<MediaDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Upload([FromForm] MediaUploadDto body, CancellationToken ct)
    {
        if (body.File is not { Length: > 0 } file)
            throw ValidationFailedException.For("File", "Choose an image file to upload (the form field \"file\").");
        await using var content = file.OpenReadStream();
        var uploaded = await media.UploadAsync(content, file.FileName, body.ToInput(), Writer, ct);
        return CreatedAtAction(nameof(Get), new { id = uploaded.Id }, uploaded.ToDto(urls));
    }

    /// <summary>Replaces a photo's alt text, default caption and credit.</summary>
    /// <remarks>Every field is replaced: one left out is cleared. If-Match with the ETag you read guards against lost updates (412).
    /// Articles using the photo show the new credit at once.</remarks>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<MediaDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Replace(int id, [FromBody] MediaWriteDto body, CancellationToken ct)
    {
        RequireCurrent((await FindAsync(id, ct)).ToDto(urls));
        return Conditional((await media.UpdateAsync(id, body.ToInput(), Writer, ct)).ToDto(urls));
    }

    /// <summary>Changes some of a photo's alt text, default caption and credit (JSON Merge Patch, RFC 7396).</summary>
    /// <remarks>Absent fields keep their value; <c>null</c> clears one. If-Match with the ETag you read guards against lost updates (412).</remarks>
    [HttpPatch("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/merge-patch+json")]
    [RereadableBody]
    [ProducesResponseType<MediaDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Patch(int id, [FromBody] MediaWriteDto patch, CancellationToken ct)
    {
        // The typed parameter documents the shape and rejects wrong types; the merge works on the raw JSON.
        var current = await FindAsync(id, ct);
        RequireCurrent(current.ToDto(urls));
        var merged = await MergePatchAsync(current.ToWriteDto(), ct);
        return Conditional((await media.UpdateAsync(id, merged.ToInput(), Writer, ct)).ToDto(urls));
    }

    /// <summary>Deletes a photo and its files.</summary>
    /// <remarks>Refused with 409, naming the articles, while any article uses it as its lead image.</remarks>
    [HttpDelete("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        RequireCurrent((await FindAsync(id, ct)).ToDto(urls));
        await media.DeleteAsync(id, Writer, ct);
        return NoContent();
    }

    private async Task<MediaView> FindAsync(int id, CancellationToken ct) =>
        await media.GetAsync(id, ct) ?? throw new NotFoundException($"Image {id}");
}
