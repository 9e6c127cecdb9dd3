using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <summary>
    /// Deal amounts keep four decimals (KWD, BHD, OMR have three). Nothing to change here: SQLite stores a decimal as its
    /// exact text and never rounded it; only the model's precision moves, as on PostgreSQL.
    /// </summary>
    public partial class MoneyFourDecimals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
