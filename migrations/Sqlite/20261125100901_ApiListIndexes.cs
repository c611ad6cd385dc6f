using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsCms.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Articles_CreatedAt_Id",
                table: "Articles",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_CreatedAt_Id",
                table: "Articles",
                columns: new[] { "Status", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_CreatedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_CreatedAt_Id",
                table: "Articles");
        }
    }
}
