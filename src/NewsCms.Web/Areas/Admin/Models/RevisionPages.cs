using NewsCms.Articles;
using NewsCms.Revisions;

namespace NewsCms.Web.Areas.Admin.Models;

public sealed record HistoryPage(ArticleDetail Article, IReadOnlyList<RevisionSummary> Revisions, TimeZoneInfo Zone);

public sealed record DiffPage(ArticleDetail Article, RevisionSummary From, RevisionSummary To, IReadOnlyList<FieldDiff> Changes, TimeZoneInfo Zone);
