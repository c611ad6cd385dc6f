using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsCms.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PageSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticlePageSnapshots",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Json = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticlePageSnapshots", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_ArticlePageSnapshots_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PageSnapshotGenerations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageSnapshotGenerations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ArticlePageSnapshotTags",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ArticleId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticlePageSnapshotTags", x => new { x.Tag, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_ArticlePageSnapshotTags_ArticlePageSnapshots_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "ArticlePageSnapshots",
                        principalColumn: "ArticleId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "PageSnapshotGenerations",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_ArticlePageSnapshots_Slug",
                table: "ArticlePageSnapshots",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticlePageSnapshotTags_ArticleId",
                table: "ArticlePageSnapshotTags",
                column: "ArticleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticlePageSnapshotTags");

            migrationBuilder.DropTable(
                name: "PageSnapshotGenerations");

            migrationBuilder.DropTable(
                name: "ArticlePageSnapshots");
        }
    }
}
