using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StageHistoryOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "stage_history",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "outcome",
                table: "stage_history");
        }
    }
}
