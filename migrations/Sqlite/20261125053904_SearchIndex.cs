using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsCms.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index of published articles, kept by SqliteFtsSearch (rowid = article id).
            // Porter stemming lets "fighting" find "fight"; diacritics fold so "cafe" finds "café".
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(
                    Headline, Dek, Body, Questions,
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS ArticleSearch;");
        }
    }
}
