using Microsoft.EntityFrameworkCore;

namespace NewsCms.Articles;

internal static class ArticleQueries
{
    // Everything an article page or editor shows, one statement per collection.
    public static IQueryable<Article> WithChildren(this IQueryable<Article> articles) => articles
        .Include(a => a.Sections)
        .Include(a => a.Attributions)
        .Include(a => a.RelatedArticles).ThenInclude(r => r.Related)
        .Include(a => a.Bylines).ThenInclude(b => b.Author)
        .Include(a => a.Tags).ThenInclude(t => t.Tag)
        .Include(a => a.Corrections)
        .Include(a => a.LeadImage).ThenInclude(m => m!.Renditions)
        .AsSplitQuery();
}
