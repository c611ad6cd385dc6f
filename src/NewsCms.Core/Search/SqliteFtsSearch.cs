using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Articles;
using NewsCms.Data;
using NewsCms.Rendering;

namespace NewsCms.Search;

// SQLite FTS5. Every piece of SQL that knows about the index is in this class; the table itself
// is created by the SearchIndex migration:
//   ArticleSearch(Headline, Dek, Body, Questions), rowid = the article's id.
public sealed class SqliteFtsSearch(NewsCmsDbContext db, IOptions<SearchOptions> options) : IArticleSearch
{
    private const int RebuildBatch = 200;
    private const int SnippetTokens = 24;

    public async Task SyncAsync(int articleId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM ArticleSearch WHERE rowid = {articleId}", ct);
        var entries = await EntriesAsync(db.Articles.Where(a => a.Id == articleId), ct);
        foreach (var e in entries)
            await InsertAsync(e, ct);
    }

    public async Task<SearchHits> SearchAsync(SearchQuery query, int skip, int take, CancellationToken ct)
    {
        if (!query.IsValid) return new SearchHits([], 0);
        var match = MatchExpression(query);
        var start = SearchMarkup.Start.ToString();
        var end = SearchMarkup.End.ToString();
        // Headline matches weigh most, then the dek; body and answers count as the text. Ranked
        // among the newest matches only (SearchOptions.RankWindow): the rowid (the article's id)
        // of the window's oldest match bounds the scan, which FTS5 does without reading the rest.
        var windowStart = Math.Max(1, options.Value.RankWindow) - 1;
        var rows = await db.Database.SqlQuery<FtsRow>($"""
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
        var total = await db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value FROM ArticleSearch WHERE ArticleSearch MATCH {match}
            """).ToListAsync(ct);
        var hits = rows.Select(r => new SearchHit(r.ArticleId, r.Headline ?? "", BestPassage(r))).ToList();
        return new SearchHits(hits, total.FirstOrDefault());
    }

    public async Task<bool> NeedsRebuildAsync(CancellationToken ct)
    {
        var indexed = await db.Database.SqlQuery<int>($"SELECT EXISTS (SELECT 1 FROM ArticleSearch) AS Value").ToListAsync(ct);
        return indexed.FirstOrDefault() == 0 && await db.Articles.AnyAsync(a => a.Status == ArticleStatus.Published, ct);
    }

    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM ArticleSearch", ct);
        var count = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await EntriesAsync(db.Articles.Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(RebuildBatch), ct);
            if (batch.Count == 0) break;
            foreach (var e in batch)
                await InsertAsync(e, ct);
            count += batch.Count;
            lastId = batch[^1].Id;
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    // Each word is a quoted phrase token: FTS5 syntax (NEAR, AND, *, -, column filters) cannot
    // appear outside quotes, and SearchQuery has already dropped the quote character itself.
    private static string MatchExpression(SearchQuery query) =>
        string.Join(' ', query.Terms.Select(t => "\"" + t + "\""));

    // The passage that shows why the article matched: the body, then the answers, then the dek.
    private static string BestPassage(FtsRow r) =>
        new[] { r.Body, r.Questions, r.Dek }.FirstOrDefault(SearchMarkup.HasMatch)
        ?? new[] { r.Dek, r.Body }.FirstOrDefault(s => !string.IsNullOrEmpty(s))
        ?? "";

    private async Task<List<Entry>> EntriesAsync(IQueryable<Article> articles, CancellationToken ct)
    {
        // Rows are read in id order for the rebuild's keyset; only published articles are indexed.
        var rows = await articles
            .Where(a => a.Status == ArticleStatus.Published)
            .Select(a => new
            {
                a.Id,
                a.Headline,
                a.Dek,
                a.BodyHtml,
                Sections = a.Sections.OrderBy(s => s.Position).Select(s => new { s.Question, s.AnswerHtml }).ToList(),
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Id).Select(r =>
        {
            var questions = new StringBuilder();
            foreach (var s in r.Sections)
                questions.Append(s.Question).Append(' ').Append(PlainText.FromHtml(s.AnswerHtml)).Append(' ');
            return new Entry(r.Id, SearchMarkup.Strip(r.Headline), SearchMarkup.Strip(r.Dek),
                SearchMarkup.Strip(PlainText.FromHtml(r.BodyHtml)), SearchMarkup.Strip(questions.ToString().Trim()));
        }).ToList();
    }

    private Task<int> InsertAsync(Entry e, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO ArticleSearch (rowid, Headline, Dek, Body, Questions)
            VALUES ({e.Id}, {e.Headline}, {e.Dek}, {e.Body}, {e.Questions})
            """, ct);

    private sealed record Entry(int Id, string Headline, string Dek, string Body, string Questions);

    private sealed class FtsRow
    {
        public int ArticleId { get; set; }
        public string? Headline { get; set; }
        public string? Dek { get; set; }
        public string? Body { get; set; }
        public string? Questions { get; set; }
    }
}
