using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SnoozeReasonsAndDigestMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ended_by_person_id",
                table: "snoozes",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "snoozes",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "message_id",
                table: "nudge_outbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "closed_by_person_id",
                table: "deals",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ended_by_person_id",
                table: "snoozes");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "snoozes");

            migrationBuilder.DropColumn(
                name: "message_id",
                table: "nudge_outbox");

            migrationBuilder.DropColumn(
                name: "closed_by_person_id",
                table: "deals");
        }
    }
}
