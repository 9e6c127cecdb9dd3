using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    teams_aad_object_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    slack_user_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_teams",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    time_zone_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    nudge_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    weekdays_only = table.Column<bool>(type: "INTEGER", nullable: false),
                    idle_after_days = table.Column<int>(type: "INTEGER", nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    owner_id = table.Column<long>(type: "INTEGER", nullable: false),
                    team_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stage_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    stage_entered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_step_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    lost_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reengage_at = table.Column<long>(type: "INTEGER", nullable: true),
                    stage_version = table.Column<int>(type: "INTEGER", nullable: false),
                    last_activity_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deals", x => x.id);
                    table.ForeignKey(
                        name: "FK_deals_people_owner_id",
                        column: x => x.owner_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_deals_sales_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "sales_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "team_memberships",
                columns: table => new
                {
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    team_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_team_memberships", x => new { x.person_id, x.team_id });
                    table.ForeignKey(
                        name: "FK_team_memberships_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_team_memberships_sales_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "sales_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "confirmations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stage_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    stage_version = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    withdrawn_at = table.Column<long>(type: "INTEGER", nullable: true),
                    withdrawn_by_person_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_confirmations", x => x.id);
                    table.ForeignKey(
                        name: "FK_confirmations_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_confirmations_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_confirmations_people_withdrawn_by_person_id",
                        column: x => x.withdrawn_by_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conversation_links",
                columns: table => new
                {
                    conversation_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    linked_by_person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    linked_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_links", x => x.conversation_key);
                    table.ForeignKey(
                        name: "FK_conversation_links_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_conversation_links_people_linked_by_person_id",
                        column: x => x.linked_by_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deal_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deal_notes", x => x.id);
                    table.ForeignKey(
                        name: "FK_deal_notes_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_deal_notes_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "snoozes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    until = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snoozes", x => x.id);
                    table.ForeignKey(
                        name: "FK_snoozes_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_snoozes_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stage_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stage_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    by_person_id = table.Column<long>(type: "INTEGER", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stage_history", x => x.id);
                    table.ForeignKey(
                        name: "FK_stage_history_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_stage_history_people_by_person_id",
                        column: x => x.by_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_confirmations_person_id",
                table: "confirmations",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_confirmations_withdrawn_by_person_id",
                table: "confirmations",
                column: "withdrawn_by_person_id");

            migrationBuilder.CreateIndex(
                name: "ux_confirmations_active_item",
                table: "confirmations",
                columns: new[] { "deal_id", "stage_version", "item_id" },
                unique: true,
                filter: "withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_conversation_links_deal_id",
                table: "conversation_links",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "IX_conversation_links_linked_by_person_id",
                table: "conversation_links",
                column: "linked_by_person_id");

            migrationBuilder.CreateIndex(
                name: "IX_deal_notes_deal_id_at",
                table: "deal_notes",
                columns: new[] { "deal_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_deal_notes_person_id",
                table: "deal_notes",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_deals_external_id",
                table: "deals",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deals_owner_id_status",
                table: "deals",
                columns: new[] { "owner_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_team_id_status_stage_id",
                table: "deals",
                columns: new[] { "team_id", "status", "stage_id" });

            migrationBuilder.CreateIndex(
                name: "IX_people_email",
                table: "people",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_slack_user_id",
                table: "people",
                column: "slack_user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_teams_aad_object_id",
                table: "people",
                column: "teams_aad_object_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_teams_normalized_name",
                table: "sales_teams",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_snoozes_deal_id_until",
                table: "snoozes",
                columns: new[] { "deal_id", "until" });

            migrationBuilder.CreateIndex(
                name: "IX_snoozes_person_id",
                table: "snoozes",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_stage_history_by_person_id",
                table: "stage_history",
                column: "by_person_id");

            migrationBuilder.CreateIndex(
                name: "IX_stage_history_deal_id_entered_at",
                table: "stage_history",
                columns: new[] { "deal_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_team_memberships_team_id",
                table: "team_memberships",
                column: "team_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "confirmations");

            migrationBuilder.DropTable(
                name: "conversation_links");

            migrationBuilder.DropTable(
                name: "deal_notes");

            migrationBuilder.DropTable(
                name: "snoozes");

            migrationBuilder.DropTable(
                name: "stage_history");

            migrationBuilder.DropTable(
                name: "team_memberships");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "sales_teams");
        }
    }
}
