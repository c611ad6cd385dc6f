using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Previews;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// The article list and the editor. Every write goes through ArticleService; the list buttons
// (add a question, move a byline) work as plain submit buttons, so the editor needs no script.
[Route("admin/articles")]
public sealed class ArticlesController(
    ArticleService articles,
    ArticleListing listing,
    AuthorService authors,
    PreviewLinkService previews,
    ArticleEditorPages pages,
    IOptions<SiteOptions> site) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ArticleListQuery query, CancellationToken ct)
    {
        var page = await listing.ListAsync(query.ToFilter(), query.After, ArticleListing.DefaultPageSize, ct);
        return View(new ArticleListPage(query, page, await authors.ListAsync(ct), site.Value.TimeZoneInfo));
    }

    // A new draft is signed by whoever starts it, when their account has a byline.
    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        var form = new ArticleForm();
        if (await authors.ProfileIdForAsync(Actor.UserId, ct) is { } own) form.AuthorIds = [own];
        return View("Edit", await WithEditorAsync(form, null, ct));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(ArticleForm form, string? command, CancellationToken ct)
    {
        form.Id = null;
        if (await ApplyCommandAsync(form, command, ct) is { } edited)
            return View("Edit", await WithEditorAsync(form, null, ct, edited));
        if (!ModelState.IsValid) return await RefusedFormAsync(form, null, ct);
        try
        {
            var created = await articles.CreateAsync(form.ToInput(), Actor, ct);
            Notice = "The draft is saved.";
            return RedirectToAction(nameof(Edit), new { id = created.Id });
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
            return await RefusedFormAsync(form, null, ct);
        }
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var current = await articles.GetAsync(id, ct);
        return View(await WithEditorAsync(ArticleForm.From(current), current, ct));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int id, ArticleForm form, string? command, CancellationToken ct)
    {
        form.Id = id;
        var current = await articles.GetAsync(id, ct);
        if (await ApplyCommandAsync(form, command, ct) is { } edited)
            return View("Edit", await WithEditorAsync(form, current, ct, edited));
        if (!ModelState.IsValid) return await RefusedFormAsync(form, current, ct);
        try
        {
            await articles.UpdateAsync(id, form.ToInput(), form.Version, Actor, ct);
            Notice = "Saved.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
            return await RefusedFormAsync(form, current, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return await ConflictAsync(form, current, ct);
        }
    }

    // Best effort from the editor's script, drafts only, with the form's version: an autosave
    // never overwrites someone else's save, and answers in JSON for the script to show.
    [HttpPost("{id:int}/autosave")]
    public async Task<IActionResult> Autosave(int id, ArticleForm form, CancellationToken ct)
    {
        var current = await articles.GetAsync(id, ct);
        if (current.Status != ArticleStatus.Draft)
            return Conflict(new { message = "Only drafts are autosaved: save this article with the Save button." });
        if (!ModelState.IsValid)
            return UnprocessableEntity(new { message = "Not autosaved: some fields are not valid. Save to see which." });
        try
        {
            var saved = await articles.UpdateAsync(id, form.ToInput(), form.Version, Actor, ct, "autosaved");
            return Json(new { version = saved.Version });
        }
        catch (ValidationFailedException e)
        {
            return UnprocessableEntity(new { message = "Not autosaved: some fields are not valid. Save to see which.", errors = e.Errors });
        }
        catch (ConcurrencyConflictException)
        {
            return Conflict(new { message = "Not autosaved: someone else saved this article. Save to compare the versions." });
        }
    }

    // The live preview: the body through the same renderer as the save, callouts resolved.
    [HttpPost("render")]
    public async Task<IActionResult> Render([FromForm] string? markdown, CancellationToken ct)
    {
        if (markdown?.Length > FieldLimits.BodyMarkdown)
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"The body is longer than {FieldLimits.BodyMarkdown:N0} characters.");
        return Content(await previews.RenderBodyAsync(markdown, ct), "text/html; charset=utf-8");
    }

    // The related-article picker: headlines matching what was typed, any state.
    [HttpGet("lookup")]
    public async Task<IActionResult> Lookup(string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Json(Array.Empty<object>());
        var found = await listing.ListAsync(new ArticleListFilter(Search: q), null, 10, ct);
        return Json(found.Items.Select(a => new { a.Id, a.Headline, a.Slug, Status = a.Status.ToString() }));
    }

    // Someone saved since this form was opened. Their version is shown beside this one, and this
    // form keeps every word typed; saving again is a deliberate choice to replace theirs.
    private async Task<IActionResult> ConflictAsync(ArticleForm form, ArticleDetail stale, CancellationToken ct)
    {
        var theirs = await articles.GetAsync(stale.Id, ct);
        var context = await WithEditorAsync(form, theirs, ct);
        var related = await listing.HeadlinesAsync(theirs.RelatedArticles.Select(r => r.Id).Concat(form.RelatedArticleIds).ToList(), ct);
        context.Editor.Conflict = new ConflictView(theirs, ArticleDiff.Compare(theirs.ToInput(), form.ToInput(),
            context.Editor.AuthorName, id => related.TryGetValue(id, out var h) ? h : $"Article {id}"));
        form.Version = theirs.Version;
        ModelState.Remove(nameof(form.Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Edit", context);
    }

    private async Task<IActionResult> RefusedFormAsync(ArticleForm form, ArticleDetail? current, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Edit", await WithEditorAsync(form, current, ct));
    }

    private Task<ArticleForm> WithEditorAsync(ArticleForm form, ArticleDetail? current, CancellationToken ct, EditedForm? edited = null) =>
        pages.BuildAsync(form, current, Actor, ct, edited?.Focus, edited?.BodyPreviewHtml);

    // A list button was pressed rather than Save: change the form, show it again, save nothing.
    // Returns null for a save.
    private async Task<EditedForm?> ApplyCommandAsync(ArticleForm form, string? command, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(command) || command == "save") return null;
        var parts = command.Split(':');
        var op = parts.ElementAtOrDefault(1) ?? "";
        var index = int.TryParse(parts.ElementAtOrDefault(2), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        string? focus = null;
        string? preview = null;
        switch (parts[0])
        {
            case "Sections":
                focus = ListEdit.Apply(form.Sections, op, index, () => new SectionForm(), "Sections", "Question");
                break;
            case "Attributions":
                focus = ListEdit.Apply(form.Attributions, op, index, () => new AttributionForm(), "Attributions", "Text");
                break;
            case "Corrections":
                var kind = op == "add-update" ? CorrectionKind.Update : CorrectionKind.Correction;
                focus = ListEdit.Apply(form.Corrections, op.StartsWith("add", StringComparison.Ordinal) ? "add" : op, index,
                    () => new CorrectionForm { Kind = kind }, "Corrections", "Text");
                break;
            case "AuthorIds" when op == "add-new":
                if (!string.IsNullOrWhiteSpace(form.NewAuthorName))
                {
                    try
                    {
                        var author = await authors.FindOrCreateAsync(form.NewAuthorName, Actor, ct);
                        if (!form.AuthorIds.Contains(author.Id)) form.AuthorIds.Add(author.Id);
                        form.NewAuthorName = null;
                    }
                    catch (ValidationFailedException e)
                    {
                        ModelState.Clear();
                        foreach (var message in e.Errors.SelectMany(x => x.Value)) ModelState.AddModelError(nameof(form.NewAuthorName), message);
                        return new EditedForm(nameof(form.NewAuthorName), null);
                    }
                }
                focus = nameof(form.NewAuthorName);
                break;
            case "AuthorIds":
                focus = ListEdit.ApplyIds(form.AuthorIds, op, index, form.NewAuthorId, "AuthorIds", nameof(form.NewAuthorId));
                form.NewAuthorId = null;
                break;
            case "RelatedArticleIds":
                focus = ListEdit.ApplyIds(form.RelatedArticleIds, op, index, form.NewRelatedId, "RelatedArticleIds", nameof(form.NewRelatedId));
                form.NewRelatedId = null;
                break;
            case "BodyPreview":
                preview = await previews.RenderBodyAsync(form.BodyMarkdown, ct);
                focus = "body_preview";
                break;
            default:
                return null;
        }
        // The model now differs from what was posted: show the model, not the posted values.
        ModelState.Clear();
        return new EditedForm(focus, preview);
    }
}

public sealed record EditedForm(string? Focus, string? BodyPreviewHtml);

// Add, remove and move for the editor's repeated groups. Returns the id of the control to focus,
// so keyboard users stay where they were.
public static class ListEdit
{
    public static string? Apply<T>(List<T> list, string op, int index, Func<T> create, string prefix, string field)
    {
        switch (op)
        {
            case "add":
                list.Add(create());
                return $"{prefix}_{list.Count - 1}__{field}";
            case "remove" when index >= 0 && index < list.Count:
                list.RemoveAt(index);
                return $"{prefix}-add";
            case "up" when index > 0 && index < list.Count:
                (list[index - 1], list[index]) = (list[index], list[index - 1]);
                return index - 1 == 0 ? $"{prefix}-0-down" : $"{prefix}-{index - 1}-up";
            case "down" when index >= 0 && index < list.Count - 1:
                (list[index + 1], list[index]) = (list[index], list[index + 1]);
                return index + 1 == list.Count - 1 ? $"{prefix}-{index + 1}-up" : $"{prefix}-{index + 1}-down";
            default:
                return null;
        }
    }

    public static string? ApplyIds(List<int> list, string op, int index, int? added, string prefix, string addField)
    {
        if (op != "add") return Apply(list, op, index, () => 0, prefix, "");
        if (added is { } id && !list.Contains(id)) list.Add(id);
        return addField;
    }
}
