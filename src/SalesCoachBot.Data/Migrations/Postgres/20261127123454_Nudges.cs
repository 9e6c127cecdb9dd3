using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Nudges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nudge_claims",
                columns: table => new
                {
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nudge_claims", x => new { x.team_id, x.local_date });
                    table.ForeignKey(
                        name: "FK_nudge_claims_sales_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "sales_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "nudge_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    conversation_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nudge_outbox", x => x.id);
                    table.ForeignKey(
                        name: "FK_nudge_outbox_sales_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "sales_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "nudge_targets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    conversation_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    bound_by_person_id = table.Column<long>(type: "bigint", nullable: false),
                    bound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nudge_targets", x => x.id);
                    table.ForeignKey(
                        name: "FK_nudge_targets_sales_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "sales_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teams_conversation_references",
                columns: table => new
                {
                    conversation_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    service_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    conversation_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    reference_json = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_conversation_references", x => x.conversation_key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_nudge_outbox_status_next_attempt_at",
                table: "nudge_outbox",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_nudge_outbox_team_id_local_date",
                table: "nudge_outbox",
                columns: new[] { "team_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "IX_nudge_targets_team_id_conversation_key",
                table: "nudge_targets",
                columns: new[] { "team_id", "conversation_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nudge_claims");

            migrationBuilder.DropTable(
                name: "nudge_outbox");

            migrationBuilder.DropTable(
                name: "nudge_targets");

            migrationBuilder.DropTable(
                name: "teams_conversation_references");
        }
    }
}
