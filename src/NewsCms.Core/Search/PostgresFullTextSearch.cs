using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCms.Data;

namespace NewsCms.Search;

// PostgreSQL full-text search. Every piece of SQL that knows about the index is in this class; the
// table is created by the Postgres SearchIndex migration:
//   "ArticleSearch"("ArticleId", "Headline", "Dek", "Body", "Questions", "Document"), where
//   "Document" is a stored tsvector (headline weight A, dek B, body and answers C) under a GIN
//   index, in the "newscms" text search configuration (English stems, accents folded, no stop
//   words, as the FTS5 index has).
// Angle brackets are stored as two more private-use characters: PostgreSQL's parser reads anything
// between < and > as an HTML tag, so "x<y and a>b" would lose its words from the index and
// ts_headline would drop a "<script>" an article quotes; the stand-ins are plain separators to it,
// as the brackets are to FTS5. They are put back on the way out, before SearchMarkup encodes.
public sealed class PostgresFullTextSearch(NewsCmsDbContext db, IOptions<SearchOptions> options) : ArticleSearchIndex(db)
{
    // ts_rank's weights for D, C, B, A: the same 10 : 4 : 1 as the FTS5 index's bm25 weights.
    private const string Weights = "{0.1, 0.1, 0.4, 1.0}";

    private static readonly string HeadlineOptions =
        $"HighlightAll=true, StartSel={SearchMarkup.Start}, StopSel={SearchMarkup.End}";

    // About the FTS5 snippet's 24 tokens, as one passage around the best match; ShortWord=0 keeps
    // a passage from losing short words (an article's opening "The") at its ends, as FTS5 keeps them.
    private static readonly string PassageOptions =
        $"StartSel={SearchMarkup.Start}, StopSel={SearchMarkup.End}, MaxWords=24, MinWords=12, MaxFragments=1, ShortWord=0";

    public override async Task<SearchHits> SearchAsync(SearchQuery query, int skip, int take, CancellationToken ct)
    {
        if (!query.IsValid) return new SearchHits([], 0);
        var match = QuotedWords(query);
        // Ranked among the newest matches only (SearchOptions.RankWindow), newest by article id,
        // which the primary key walks backwards; passages are marked only for the page shown.
        var window = Math.Max(1, options.Value.RankWindow);
        var rows = await Db.Database.SqlQuery<MarkedRow>($"""
            WITH q AS (SELECT websearch_to_tsquery('newscms', {match}) AS query),
            recent AS (
                SELECT s."ArticleId", s."Document" FROM "ArticleSearch" s, q
                WHERE s."Document" @@ q.query
                ORDER BY s."ArticleId" DESC LIMIT {window}),
            page AS (
                SELECT r."ArticleId", ts_rank({Weights}::real[], r."Document", q.query) AS rank FROM recent r, q
                ORDER BY rank DESC, r."ArticleId" DESC LIMIT {take} OFFSET {skip})
            SELECT p."ArticleId",
                   ts_headline('newscms', s."Headline", q.query, {HeadlineOptions}) AS "Headline",
                   ts_headline('newscms', s."Dek", q.query, {PassageOptions}) AS "Dek",
                   ts_headline('newscms', s."Body", q.query, {PassageOptions}) AS "Body",
                   ts_headline('newscms', s."Questions", q.query, {PassageOptions}) AS "Questions"
            FROM page p JOIN "ArticleSearch" s ON s."ArticleId" = p."ArticleId", q
            ORDER BY p.rank DESC, p."ArticleId" DESC
            """).ToListAsync(ct);
        var total = await Db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM "ArticleSearch"
            WHERE "Document" @@ websearch_to_tsquery('newscms', {match})
            """).ToListAsync(ct);
        foreach (var r in rows)
            (r.Headline, r.Dek, r.Body, r.Questions) = (Unescape(r.Headline), Unescape(r.Dek), Unescape(r.Body), Unescape(r.Questions));
        return new SearchHits(rows.Select(r => r.ToHit()).ToList(), total.FirstOrDefault());
    }

    protected override Task DeleteAsync(int articleId, CancellationToken ct) =>
        Db.Database.ExecuteSqlAsync($"""DELETE FROM "ArticleSearch" WHERE "ArticleId" = {articleId}""", ct);

    protected override Task DeleteAllAsync(CancellationToken ct) =>
        Db.Database.ExecuteSqlAsync($"""DELETE FROM "ArticleSearch" """, ct);

    protected override Task InsertAsync(SearchEntry e, CancellationToken ct) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ArticleSearch" ("ArticleId", "Headline", "Dek", "Body", "Questions")
            VALUES ({e.Id}, {Escape(e.Headline)}, {Escape(e.Dek)}, {Escape(e.Body)}, {Escape(e.Questions)})
            """, ct);

    private const char LessThan = '\uE002';
    private const char GreaterThan = '\uE003';

    private static string Escape(string text) =>
        text.Replace(LessThan.ToString(), "", StringComparison.Ordinal).Replace(GreaterThan.ToString(), "", StringComparison.Ordinal)
            .Replace('<', LessThan).Replace('>', GreaterThan);

    private static string? Unescape(string? text) => text?.Replace(LessThan, '<').Replace(GreaterThan, '>');

    protected override async Task<bool> HasEntriesAsync(CancellationToken ct) =>
        (await Db.Database.SqlQuery<bool>($"""SELECT EXISTS (SELECT 1 FROM "ArticleSearch") AS "Value" """).ToListAsync(ct)).FirstOrDefault();
}
