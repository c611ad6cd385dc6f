using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsCms.Articles;
using NewsCms.Data;
using NewsCms.Rendering;

namespace NewsCms.Search;

// What every database's index shares: which articles are in it (the published ones) and what text
// each contributes. A subclass stores entries and answers queries in its own database's SQL.
public abstract class ArticleSearchIndex(NewsCmsDbContext db) : IArticleSearch
{
    private const int RebuildBatch = 200;

    protected NewsCmsDbContext Db => db;

    public async Task SyncAsync(int articleId, CancellationToken ct)
    {
        await DeleteAsync(articleId, ct);
        foreach (var e in await EntriesAsync(db.Articles.Where(a => a.Id == articleId), ct))
            await InsertAsync(e, ct);
    }

    public abstract Task<SearchHits> SearchAsync(SearchQuery query, int skip, int take, CancellationToken ct);

    public async Task<bool> NeedsRebuildAsync(CancellationToken ct) =>
        !await HasEntriesAsync(ct) && await db.Articles.AnyAsync(a => a.Status == ArticleStatus.Published, ct);

    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await DeleteAllAsync(ct);
        var count = 0;
        var lastId = 0;
        while (true)
        {
            // Published before Take: a window of 200 ids holding only drafts must not end the rebuild.
            var batch = await EntriesAsync(db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Id > lastId)
                .OrderBy(a => a.Id).Take(RebuildBatch), ct);
            if (batch.Count == 0) break;
            foreach (var e in batch)
                await InsertAsync(e, ct);
            count += batch.Count;
            lastId = batch[^1].Id;
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    protected abstract Task DeleteAsync(int articleId, CancellationToken ct);

    protected abstract Task DeleteAllAsync(CancellationToken ct);

    protected abstract Task InsertAsync(SearchEntry entry, CancellationToken ct);

    protected abstract Task<bool> HasEntriesAsync(CancellationToken ct);

    // Each word a quoted phrase: FTS5 and PostgreSQL's websearch_to_tsquery both read operators
    // (NEAR, OR, -, *, column filters) only outside quotes, and SearchQuery has already dropped the
    // quote character itself, so no reader's query can become syntax.
    protected static string QuotedWords(SearchQuery query) =>
        string.Join(' ', query.Terms.Select(t => "\"" + t + "\""));

    // The passage that shows why the article matched: the body, then the answers, then the dek.
    protected static string BestPassage(string? dek, string? body, string? questions) =>
        new[] { body, questions, dek }.FirstOrDefault(SearchMarkup.HasMatch)
        ?? new[] { dek, body }.FirstOrDefault(s => !string.IsNullOrEmpty(s))
        ?? "";

    private async Task<List<SearchEntry>> EntriesAsync(IQueryable<Article> articles, CancellationToken ct)
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
            return new SearchEntry(r.Id, SearchMarkup.Strip(r.Headline), SearchMarkup.Strip(r.Dek),
                SearchMarkup.Strip(PlainText.FromHtml(r.BodyHtml)), SearchMarkup.Strip(questions.ToString().Trim()));
        }).ToList();
    }

    protected sealed record SearchEntry(int Id, string Headline, string Dek, string Body, string Questions);

    // One ranked match as the database returns it, matches marked, before the best passage is chosen.
    protected sealed class MarkedRow
    {
        public int ArticleId { get; set; }
        public string? Headline { get; set; }
        public string? Dek { get; set; }
        public string? Body { get; set; }
        public string? Questions { get; set; }

        public SearchHit ToHit() => new(ArticleId, Headline ?? "", BestPassage(Dek, Body, Questions));
    }
}
