using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Tags;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// Tags' names, slugs and the descriptions their public pages show: renaming one renames it on
// every article that carries it, so the pages are for Editors and Admins.
[Route("admin/tags"), Authorize(Roles = Editors)]
public sealed class TagsController(TagService tags) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(new TagsPage(await tags.ListAsync(ct)));

    [HttpGet("new")]
    public IActionResult New() => View(nameof(Edit), new TagForm());

    [HttpPost("new")]
    public Task<IActionResult> New(TagForm form, CancellationToken ct) =>
        SaveToListAsync(() => tags.CreateAsync(form.ToInput(), Actor, ct), t => $"The tag {t.Name} is added.", form);

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) => View(TagForm.From(await tags.GetAsync(id, ct)));

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, TagForm form, CancellationToken ct)
    {
        form.Around(await tags.GetAsync(id, ct));
        return await SaveToListAsync(() => tags.UpdateAsync(id, form.ToInput(), Actor, ct),
            t => $"The tag {t.Name} is saved. Its page and the articles carrying it show it at once.", form);
    }
}
