using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    crm_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    pipeline = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    stage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    owner_crm_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    modified_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    problem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    stage_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: true),
                    by_person_id = table.Column<long>(type: "INTEGER", nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true)
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
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    cursor = table.Column<long>(type: "INTEGER", nullable: true),
                    last_full_sync_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_incremental_sync_at = table.Column<long>(type: "INTEGER", nullable: true),
                    paused_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    paused_at = table.Column<long>(type: "INTEGER", nullable: true)
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
