using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <summary>
    /// The chat an undo, a snooze and a snooze's early end came from, for the history: three nullable columns, so every
    /// stored row is kept (and shows without the chat).
    /// </summary>
    public partial class UndoAndSnoozeConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "conversation",
                table: "snoozes",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ended_conversation",
                table: "snoozes",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_conversation",
                table: "confirmations",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "conversation",
                table: "snoozes");

            migrationBuilder.DropColumn(
                name: "ended_conversation",
                table: "snoozes");

            migrationBuilder.DropColumn(
                name: "withdrawn_conversation",
                table: "confirmations");
        }
    }
}
