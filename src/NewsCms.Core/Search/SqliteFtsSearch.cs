using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Data;

namespace NewsCms.Search;

// SQLite FTS5. Every piece of SQL that knows about the index is in this class; the table itself
// is created by the SearchIndex migration:
//   ArticleSearch(Headline, Dek, Body, Questions), rowid = the article's id.
public sealed class SqliteFtsSearch(NewsCmsDbContext db, IOptions<SearchOptions> options) : ArticleSearchIndex(db)
{
    private const int SnippetTokens = 24;

    public override async Task<SearchHits> SearchAsync(SearchQuery query, int skip, int take, CancellationToken ct)
    {
        if (!query.IsValid) return new SearchHits([], 0);
        var match = QuotedWords(query);
        var start = SearchMarkup.Start.ToString();
        var end = SearchMarkup.End.ToString();
        // Headline matches weigh most, then the dek; body and answers count as the text. Ranked
        // among the newest matches only (SearchOptions.RankWindow): the rowid (the article's id)
        // of the window's oldest match bounds the scan, which FTS5 does without reading the rest.
        var windowStart = Math.Max(1, options.Value.RankWindow) - 1;
        var rows = await Db.Database.SqlQuery<MarkedRow>($"""
            SELECT rowid AS ArticleId,
                   highlight(ArticleSearch, 0, {start}, {end}) AS Headline,
                   snippet(ArticleSearch, 1, {start}, {end}, '…', {SnippetTokens}) AS Dek,
                   snippet(ArticleSearch, 2, {start}, {end}, '…', {SnippetTokens}) AS Body,
                   snippet(ArticleSearch, 3, {start}, {end}, '…', {SnippetTokens}) AS Questions
            FROM ArticleSearch
            WHERE ArticleSearch MATCH {match}
              AND rowid >= coalesce((SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {match}
                                     ORDER BY rowid DESC LIMIT 1 OFFSET {windowStart}), 0)
            ORDER BY bm25(ArticleSearch, 10.0, 4.0, 1.0, 1.0), rowid DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(ct);
        var total = await Db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value FROM ArticleSearch WHERE ArticleSearch MATCH {match}
            """).ToListAsync(ct);
        return new SearchHits(rows.Select(r => r.ToHit()).ToList(), total.FirstOrDefault());
    }

    protected override Task DeleteAsync(int articleId, CancellationToken ct) =>
        Db.Database.ExecuteSqlAsync($"DELETE FROM ArticleSearch WHERE rowid = {articleId}", ct);

    protected override Task DeleteAllAsync(CancellationToken ct) =>
        Db.Database.ExecuteSqlAsync($"DELETE FROM ArticleSearch", ct);

    protected override Task InsertAsync(SearchEntry e, CancellationToken ct) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO ArticleSearch (rowid, Headline, Dek, Body, Questions)
            VALUES ({e.Id}, {e.Headline}, {e.Dek}, {e.Body}, {e.Questions})
            """, ct);

    protected override async Task<bool> HasEntriesAsync(CancellationToken ct) =>
        (await Db.Database.SqlQuery<int>($"SELECT EXISTS (SELECT 1 FROM ArticleSearch) AS Value").ToListAsync(ct)).FirstOrDefault() == 1;
}
