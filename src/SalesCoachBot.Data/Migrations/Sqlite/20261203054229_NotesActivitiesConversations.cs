using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotesActivitiesConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "conversation",
                table: "stage_history",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "map_version",
                table: "stage_history",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "conversation",
                table: "deal_notes",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "conversation",
                table: "confirmations",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deal_activities",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    conversation = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deal_activities", x => x.id);
                    table.ForeignKey(
                        name: "FK_deal_activities_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_deal_activities_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deal_activities_deal_id_occurred_at",
                table: "deal_activities",
                columns: new[] { "deal_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_deal_activities_person_id",
                table: "deal_activities",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deal_activities");

            migrationBuilder.DropColumn(
                name: "conversation",
                table: "stage_history");

            migrationBuilder.DropColumn(
                name: "map_version",
                table: "stage_history");

            migrationBuilder.DropColumn(
                name: "conversation",
                table: "deal_notes");

            migrationBuilder.DropColumn(
                name: "conversation",
                table: "confirmations");
        }
    }
}
