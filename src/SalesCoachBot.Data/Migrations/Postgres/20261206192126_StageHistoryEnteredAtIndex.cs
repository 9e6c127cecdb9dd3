using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <summary>
    /// An index on the history's entry time and kind, for "what moved" over every team: the period is a range of it and the
    /// kinds that moved nothing are skipped in the index. Only an index: every stored row is kept.
    /// </summary>
    public partial class StageHistoryEnteredAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_stage_history_entered_at_kind",
                table: "stage_history",
                columns: new[] { "entered_at", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_stage_history_entered_at_kind",
                table: "stage_history");
        }
    }
}
