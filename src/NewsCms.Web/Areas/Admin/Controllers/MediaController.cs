using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using NewsCms.Common;
using NewsCms.Media;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// The media library: every newsroom role uploads photos and writes their credit; deleting one
// is an editor's call (MediaService decides), and never while an article shows it. The upload
// form works without script; with it, each file goes on its own request with a progress bar.
[Route("admin/media")]
public sealed class MediaController(MediaService media) : AdminController
{
    public const int PageSize = 24;

    // Five full-size photos per plain form post; the script sends one photo per request.
    public const long MaxFormBytes = 5 * ImageProcessing.MaxBytes + 1024 * 1024;
    public const long MaxOneFileBytes = ImageProcessing.MaxBytes + 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? after, CancellationToken ct)
    {
        q = q?.Length > FieldLimits.Caption ? q[..FieldLimits.Caption] : q;
        return View(new MediaLibraryPage(q, after, await media.ListAsync(q, after, PageSize, ct)));
    }

    [HttpGet("upload")]
    public IActionResult Upload() => View(new MediaUploadForm());

    [HttpPost("upload")]
    [RequestSizeLimit(MaxFormBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFormBytes)]
    [RefuseOversizeUpload(MaxFormBytes)]
    public async Task<IActionResult> Upload(MediaUploadForm form, CancellationToken ct)
    {
        if (FormUnreadable(ModelState))
            return UploadRefused(form, StatusCodes.Status413PayloadTooLarge, TooLargeMessage(MaxFormBytes));
        ModelState.Clear();
        var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count == 0)
            return UploadRefused(form, StatusCodes.Status422UnprocessableEntity, "Choose one or more image files to upload.");

        foreach (var file in files)
        {
            try
            {
                await using var content = file.OpenReadStream();
                form.Uploaded.Add(await media.UploadAsync(content, file.FileName, form.ToInput(), Actor, ct));
            }
            catch (ValidationFailedException e) when (e.Errors.ContainsKey("File"))
            {
                foreach (var message in e.Errors["File"]) ModelState.AddModelError(nameof(form.Files), $"{DisplayName(file)}: {message}");
            }
            catch (ValidationFailedException e)
            {
                // The typed credit is wrong for every file alike: say so once, next to the field.
                AddErrors(e);
                return UploadRefused(form, StatusCodes.Status422UnprocessableEntity, null);
            }
        }
        if (!ModelState.IsValid) return UploadRefused(form, StatusCodes.Status422UnprocessableEntity, null);

        Notice = form.Uploaded.Count == 1
            ? "Uploaded. Describe the photo in the alt text before it appears in a published article."
            : $"{form.Uploaded.Count} photos uploaded. Describe each in its alt text before it appears in a published article.";
        return form.Uploaded.Count == 1 ? RedirectToAction(nameof(Edit), new { id = form.Uploaded[0].Id }) : RedirectToAction(nameof(Index));
    }

    // One photo from the upload page's or the editor's script, answered in JSON for it to show.
    // The script sends the antiforgery token as a header, so a too-large body is refused here
    // with a message rather than by the token check.
    [HttpPost("upload/one")]
    [RequestSizeLimit(MaxOneFileBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxOneFileBytes)]
    public async Task<IActionResult> UploadOne(IFormFile? file, string? altText, string? creditLine, string? photographer, string? source,
        string? copyrightNotice, CancellationToken ct)
    {
        if (FormUnreadable(ModelState) || Request.ContentLength > MaxOneFileBytes)
            return StatusCode(StatusCodes.Status413PayloadTooLarge, Errors("File", TooLargeMessage(ImageProcessing.MaxBytes)));
        if (file is null)
            return UnprocessableEntity(Errors("File", "Choose an image file to upload."));
        try
        {
            await using var content = file.OpenReadStream();
            var uploaded = await media.UploadAsync(content, file.FileName, new MediaInput(altText, null, creditLine, photographer, source, copyrightNotice), Actor, ct);
            return StatusCode(StatusCodes.Status201Created, MediaChoice.From(uploaded));
        }
        catch (ValidationFailedException e)
        {
            return UnprocessableEntity(new { message = string.Join(" ", e.Errors.SelectMany(x => x.Value)), errors = e.Errors });
        }
    }

    // The editor's lead-image picker: the library's newest matches, shaped for its buttons.
    [HttpGet("lookup")]
    public async Task<IActionResult> Lookup(string? q, CancellationToken ct)
    {
        q = q?.Length > FieldLimits.Caption ? q[..FieldLimits.Caption] : q;
        var page = await media.ListAsync(q, null, 12, ct);
        return Json(page.Items.Select(MediaChoice.From));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var image = await FindAsync(id, ct);
        return View(await PageAsync(image, MediaEditForm.From(image), ct));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, MediaEditForm form, CancellationToken ct)
    {
        try
        {
            await media.UpdateAsync(id, form.ToInput(), Actor, ct);
            Notice = "Saved. Articles using this photo show the new text at once.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(await PageAsync(await FindAsync(id, ct), form, ct));
        }
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var image = await FindAsync(id, ct);
        try
        {
            await media.DeleteAsync(id, Actor, ct);
            Notice = $"Image {id} and its files are deleted.";
            return RedirectToAction(nameof(Index));
        }
        catch (ConflictException e)
        {
            // The page lists the articles using it, each linked, beside the reason.
            Trouble = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Edit), await PageAsync(image, MediaEditForm.From(image), ct));
        }
    }

    private async Task<MediaView> FindAsync(int id, CancellationToken ct) =>
        await media.GetAsync(id, ct) ?? throw new NotFoundException($"Image {id}");

    private async Task<MediaEditForm> PageAsync(MediaView image, MediaEditForm form, CancellationToken ct)
    {
        form.Page = new MediaEditContext(image, await media.WhereUsedAsync(image.Id, ct), Actor.IsEditor);
        return form;
    }

    private ViewResult UploadRefused(MediaUploadForm form, int status, string? message)
    {
        if (message is not null) ModelState.AddModelError(nameof(form.Files), message);
        Response.StatusCode = status;
        return View(nameof(Upload), form);
    }

    private static object Errors(string field, string message) =>
        new { message, errors = new Dictionary<string, string[]> { [field] = [message] } };

    internal static string TooLargeMessage(long bytes) =>
        bytes > ImageProcessing.MaxBytes
            ? $"The files together are larger than {bytes / (1024 * 1024)} MB: upload fewer at once (each photo at most {ImageProcessing.MaxBytes / (1024 * 1024)} MB)."
            : $"The file is larger than {ImageProcessing.MaxBytes / (1024 * 1024)} MB.";

    // MVC reports a form it could not read (cut off at the size limit) as a model error with an exception.
    private static bool FormUnreadable(ModelStateDictionary state) =>
        state.Values.SelectMany(v => v.Errors).Any(e => e.Exception is not null
            || e.ErrorMessage.Contains("body too large", StringComparison.OrdinalIgnoreCase)
            || e.ErrorMessage.Contains("limit", StringComparison.OrdinalIgnoreCase) && e.ErrorMessage.Contains("exceeded", StringComparison.OrdinalIgnoreCase));

    private static string DisplayName(IFormFile file) =>
        string.IsNullOrWhiteSpace(file.FileName) ? "The file" : Path.GetFileName(file.FileName.Replace('\\', '/'));
}

// A plain form post declares its length: one over the limit gets the upload page back with the
// reason, before the antiforgery check would read (and fail on) the cut-off body.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RefuseOversizeUploadAttribute(long maxBytes) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    // After [Authorize] (order 0), before the antiforgery filter (order 1000).
    public int Order => 500;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.HttpContext.Request.ContentLength is not { } length || length <= maxBytes) return Task.CompletedTask;
        var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var state = new ModelStateDictionary();
        state.AddModelError(nameof(MediaUploadForm.Files), MediaController.TooLargeMessage(maxBytes));
        context.Result = new ViewResult
        {
            ViewName = "Upload",
            ViewData = new ViewDataDictionary<MediaUploadForm>(metadata, state) { Model = new MediaUploadForm() },
            StatusCode = StatusCodes.Status413PayloadTooLarge,
        };
        return Task.CompletedTask;
    }
}
