using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CrmSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_deal_links",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    crm_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    deal_id = table.Column<long>(type: "bigint", nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    pipeline = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    stage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    owner_crm_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    modified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted = table.Column<bool>(type: "boolean", nullable: false),
                    problem = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_deal_links", x => x.id);
                    table.ForeignKey(
                        name: "FK_crm_deal_links_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_push_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    deal_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    stage_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    by_person_id = table.Column<long>(type: "bigint", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
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
                    table.PrimaryKey("PK_crm_push_outbox", x => x.id);
                    table.ForeignKey(
                        name: "FK_crm_push_outbox_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_sync_state",
                columns: table => new
                {
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cursor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_full_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_incremental_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paused_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_sync_state", x => x.provider);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crm_deal_links_deal_id",
                table: "crm_deal_links",
                column: "deal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crm_deal_links_provider_crm_id",
                table: "crm_deal_links",
                columns: new[] { "provider", "crm_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crm_push_outbox_deal_id_state",
                table: "crm_push_outbox",
                columns: new[] { "deal_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_push_outbox_state_next_attempt_at",
                table: "crm_push_outbox",
                columns: new[] { "state", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_deal_links");

            migrationBuilder.DropTable(
                name: "crm_push_outbox");

            migrationBuilder.DropTable(
                name: "crm_sync_state");
        }
    }
}
