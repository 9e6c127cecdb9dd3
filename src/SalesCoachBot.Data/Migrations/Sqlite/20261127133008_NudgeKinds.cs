using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NudgeKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_nudge_claims",
                table: "nudge_claims");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "nudge_outbox",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Digest");   // rows written before kinds existed are digests

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "nudge_claims",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Digest");   // rows written before kinds existed are digests

            migrationBuilder.AddPrimaryKey(
                name: "PK_nudge_claims",
                table: "nudge_claims",
                columns: new[] { "team_id", "local_date", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_nudge_claims",
                table: "nudge_claims");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "nudge_outbox");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "nudge_claims");

            migrationBuilder.AddPrimaryKey(
                name: "PK_nudge_claims",
                table: "nudge_claims",
                columns: new[] { "team_id", "local_date" });
        }
    }
}
