using NewsCms.Articles;

namespace NewsCms.Web.Areas.Admin.Models;

public static class StatusLabels
{
    public static string Of(ArticleStatus status) => status switch
    {
        ArticleStatus.InReview => "In review",
        _ => status.ToString(),
    };
}
