using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace PlainPage.Pages;

public sealed class ArticleModel(PlainDb db) : PageModel
{
    public Article Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var article = await db.Articles.AsNoTracking()
            .Include(a => a.Sections)
            .Include(a => a.Bylines).ThenInclude(b => b.Author)
            .Include(a => a.Tags).ThenInclude(t => t.Tag)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Slug == slug && a.Status == "Published");
        if (article is null) return NotFound();
        Article = article;
        return Page();
    }
}
