using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Authors;
using NewsCms.Common;
using NewsCms.Revisions;
using NewsCms.Web.Areas.Admin.Models;

namespace NewsCms.Web.Areas.Admin.Controllers;

// Every save, who made it and when; what changed between any two; and going back to one.
[Route("admin/articles/{id:int}")]
public sealed class RevisionsController(
    ArticleService articles,
    RevisionHistory history,
    AuthorService authors,
    ArticleListing listing,
    IOptions<SiteOptions> site) : AdminController
{
    [HttpGet("history")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) =>
        View(new HistoryPage(await articles.GetAsync(id, ct), await history.ListAsync(id, ct), site.Value.TimeZoneInfo));

    // Older on the left, newer on the right, whichever order they were picked in.
    [HttpGet("diff")]
    public async Task<IActionResult> Diff(int id, int from, int to, CancellationToken ct)
    {
        var article = await articles.GetAsync(id, ct);
        var (a, b) = (Math.Min(from, to), Math.Max(from, to));
        var older = await history.GetAsync(id, a, ct);
        var newer = await history.GetAsync(id, b, ct);
        var names = (await authors.ListAsync(ct)).ToDictionary(x => x.Id, x => x.Name);
        var related = await listing.HeadlinesAsync(older.Snapshot.Input.RelatedArticleIds.Concat(newer.Snapshot.Input.RelatedArticleIds).ToList(), ct);
        var changes = ArticleDiff.Compare(older.Snapshot.Input, newer.Snapshot.Input,
            x => names.TryGetValue(x, out var n) ? n : $"Author {x}",
            x => related.TryGetValue(x, out var h) ? h : $"Article {x} (deleted)");
        return View(new DiffPage(article, older.Summary, newer.Summary, changes, site.Value.TimeZoneInfo));
    }

    // A restore is a new save of the old content: the history keeps both.
    [HttpPost("restore/{version:int}")]
    public async Task<IActionResult> Restore(int id, int version, int currentVersion, CancellationToken ct)
    {
        try
        {
            await articles.RestoreRevisionAsync(id, version, currentVersion, Actor, ct);
            Notice = $"Revision {version} is restored as a new save.";
            return RedirectToAction("Edit", "Articles", new { id });
        }
        catch (ConcurrencyConflictException)
        {
            Trouble = "Someone saved the article since you opened its history; nothing was restored. Look again and retry.";
        }
        catch (ValidationFailedException e)
        {
            // An old revision can name an author or image that has since been deleted.
            Trouble = "This revision cannot be restored as it is: " + string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
        return RedirectToAction(nameof(Index), new { id });
    }
}
