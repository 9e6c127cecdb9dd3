using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pending_questions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    conversation_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    command_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    asked_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_questions", x => x.id);
                    table.ForeignKey(
                        name: "FK_pending_questions_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pending_questions_conversation_key_person_id",
                table: "pending_questions",
                columns: new[] { "conversation_key", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pending_questions_person_id",
                table: "pending_questions",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_questions");
        }
    }
}
