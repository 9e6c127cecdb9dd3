using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MultiHost : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chart_images",
                columns: table => new
                {
                    token = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    png = table.Column<byte[]>(type: "BLOB", nullable: false),
                    expires_at_ms = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chart_images", x => x.token);
                });

            migrationBuilder.CreateTable(
                name: "delivery_claims",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    expires_at_ms = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_claims", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chart_images_expires_at_ms",
                table: "chart_images",
                column: "expires_at_ms");

            migrationBuilder.CreateIndex(
                name: "IX_delivery_claims_expires_at_ms",
                table: "delivery_claims",
                column: "expires_at_ms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chart_images");

            migrationBuilder.DropTable(
                name: "delivery_claims");
        }
    }
}
