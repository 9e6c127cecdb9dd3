using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NextStepEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "next_step_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    conversation = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_next_step_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_next_step_events_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_next_step_events_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_next_step_events_deal_id_at",
                table: "next_step_events",
                columns: new[] { "deal_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_next_step_events_person_id",
                table: "next_step_events",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "next_step_events");
        }
    }
}
