using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <summary>A team's working week (teams.csv <c>workdays</c>): the days its digest comes on.</summary>
    public partial class Workdays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "workdays",
                table: "sales_teams",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "mon-fri");   // teams stored before the column existed work Monday to Friday
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "workdays",
                table: "sales_teams");
        }
    }
}
