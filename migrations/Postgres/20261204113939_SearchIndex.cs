using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsCms.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index of published articles, kept by PostgresFullTextSearch. Its own text
            // search configuration matches the SQLite FTS5 index: English stems ("fighting" finds
            // "fight"), accents folded ("cafe" finds "café", unaccent is a trusted extension a
            // database owner may create) and no stop words (a reader searching "the who" gets
            // results, as with FTS5).
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH DICTIONARY newscms_stem (TEMPLATE = snowball, Language = english);
                CREATE TEXT SEARCH CONFIGURATION newscms (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION newscms
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                    WITH unaccent, newscms_stem;

                CREATE TABLE "ArticleSearch" (
                    "ArticleId" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
                    "Headline" text NOT NULL,
                    "Dek" text NOT NULL,
                    "Body" text NOT NULL,
                    "Questions" text NOT NULL,
                    -- Headline above dek above body and answers, as the FTS5 index's bm25 weights.
                    "Document" tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('newscms', "Headline"), 'A') ||
                        setweight(to_tsvector('newscms', "Dek"), 'B') ||
                        setweight(to_tsvector('newscms', "Body"), 'C') ||
                        setweight(to_tsvector('newscms', "Questions"), 'C')) STORED
                );
                CREATE INDEX "IX_ArticleSearch_Document" ON "ArticleSearch" USING GIN ("Document");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS "ArticleSearch";
                DROP TEXT SEARCH CONFIGURATION IF EXISTS newscms;
                DROP TEXT SEARCH DICTIONARY IF EXISTS newscms_stem;
                """);
        }
    }
}
