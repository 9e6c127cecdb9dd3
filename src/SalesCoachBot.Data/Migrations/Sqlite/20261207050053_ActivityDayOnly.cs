using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityDayOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "day_only",
                table: "deal_activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "day_only",
                table: "deal_activities");
        }
    }
}
