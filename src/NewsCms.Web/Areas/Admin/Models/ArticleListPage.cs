using NewsCms.Articles;
using NewsCms.Authors;

namespace NewsCms.Web.Areas.Admin.Models;

// The list's filters, as they appear in its query string.
public sealed class ArticleListQuery
{
    public ArticleStatus? Status { get; set; }
    public int? Author { get; set; }
    public string? Tag { get; set; }
    public string? Q { get; set; }
    public string? After { get; set; }

    public ArticleListFilter ToFilter() => new(Status, Author, Tag, Q);

    // The same filters with another page: links keep what the journalist filtered by.
    public Dictionary<string, string> RouteValues(string? after)
    {
        var values = new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["author"] = Author?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tag"] = Tag,
            ["q"] = Q,
            ["after"] = after,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }
}

public sealed record ArticleListPage(ArticleListQuery Query, PagedList<ArticleListItem> Articles, IReadOnlyList<AuthorView> Authors, TimeZoneInfo Zone);
