using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SalesforceChangeEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "replay_id",
                table: "crm_sync_state",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stream_lease_owner",
                table: "crm_sync_state",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "stream_lease_until",
                table: "crm_sync_state",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "replay_id",
                table: "crm_sync_state");

            migrationBuilder.DropColumn(
                name: "stream_lease_owner",
                table: "crm_sync_state");

            migrationBuilder.DropColumn(
                name: "stream_lease_until",
                table: "crm_sync_state");
        }
    }
}
