using Microsoft.AspNetCore.Mvc;
using NewsCms.Authors;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// The people who sign articles and the bios their public pages show. Every journalist may add a
// co-author or guest; AuthorService lets editors change any profile and a writer only their own.
[Route("admin/authors")]
public sealed class AuthorsController(AuthorService authors) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new AuthorsPage(await authors.ListAsync(ct), Actor, await authors.WithPublishedArticlesAsync(ct)));

    [HttpGet("new")]
    public IActionResult New() => View(nameof(Edit), new AuthorForm());

    [HttpPost("new")]
    public Task<IActionResult> New(AuthorForm form, CancellationToken ct) =>
        SaveToListAsync(() => authors.CreateAsync(form.ToInput(), Actor, ct), a => $"{a.Name} is added and can be chosen in an article's byline.", form);

    // A writer is turned away from someone else's form, not only from saving it.
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var author = await authors.GetAsync(id, ct);
        AuthorService.EnsureMayEdit(Actor, author.UserId);
        return View(AuthorForm.From(author));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, AuthorForm form, CancellationToken ct)
    {
        form.Around(await authors.GetAsync(id, ct));
        return await SaveToListAsync(() => authors.UpdateAsync(id, form.ToInput(), Actor, ct),
            a => $"{a.Name}'s profile is saved. The author page and their articles show it at once.", form);
    }
}
