using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <summary>A team's one current quota (teams.csv <c>quota</c>, <c>quota_currency</c>, <c>quota_period</c>, or set in chat).</summary>
    public partial class TeamQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "quota_amount",
                table: "sales_teams",
                type: "TEXT",
                precision: 20,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "quota_currency",
                table: "sales_teams",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "quota_period",
                table: "sales_teams",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Quarter");   // teams stored before the column existed have no quota; a quarter is the default kind

            migrationBuilder.AddColumn<long>(
                name: "quota_set_at",
                table: "sales_teams",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "quota_set_by_person_id",
                table: "sales_teams",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "quota_amount",
                table: "sales_teams");

            migrationBuilder.DropColumn(
                name: "quota_currency",
                table: "sales_teams");

            migrationBuilder.DropColumn(
                name: "quota_period",
                table: "sales_teams");

            migrationBuilder.DropColumn(
                name: "quota_set_at",
                table: "sales_teams");

            migrationBuilder.DropColumn(
                name: "quota_set_by_person_id",
                table: "sales_teams");
        }
    }
}
