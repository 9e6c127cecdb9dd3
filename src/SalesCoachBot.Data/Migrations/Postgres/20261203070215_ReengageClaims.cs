using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReengageClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nudge_reengage_claims",
                columns: table => new
                {
                    deal_id = table.Column<long>(type: "bigint", nullable: false),
                    reengage_date = table.Column<DateOnly>(type: "date", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nudge_reengage_claims", x => new { x.deal_id, x.reengage_date });
                    table.ForeignKey(
                        name: "FK_nudge_reengage_claims_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nudge_reengage_claims");
        }
    }
}
