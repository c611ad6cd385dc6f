using NewsCms.Articles;

namespace NewsCms.Web.Syndication;

public static class ArticleDates
{
    // The last real change readers were told about: an update after publication or a
    // correction note. Minor edits do not move it (ArticleService keeps RevisedAt still for them).
    public static DateTimeOffset Modified(ArticleDetail a)
    {
        var modified = a.PublishedAt ?? a.UpdatedAt;
        if (a.RevisedAt is { } revised && revised > modified) modified = revised;
        foreach (var c in a.Corrections)
            if (c.PublishedAt > modified) modified = c.PublishedAt;
        return modified;
    }
}
