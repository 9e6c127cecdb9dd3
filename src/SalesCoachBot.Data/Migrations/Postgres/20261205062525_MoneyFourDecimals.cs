using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <summary>
    /// Deal amounts keep four decimals (KWD, BHD, OMR have three): <c>numeric(18,2)</c> rounded 1,234.567 KWD to
    /// 1,234.57. <c>numeric(20,4)</c> keeps the 16 integer digits; widening keeps every stored value (the table is
    /// rewritten once, under a lock).
    /// </summary>
    public partial class MoneyFourDecimals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<decimal>(
                name: "amount",
                table: "deals",
                type: "numeric(20,4)",
                precision: 20,
                scale: 4,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Narrowing would round the third and fourth decimals away: refused while an amount has them.
            migrationBuilder.Sql(
                """
                DO $$ BEGIN
                    IF EXISTS (SELECT 1 FROM deals WHERE amount <> round(amount, 2)) THEN
                        RAISE EXCEPTION 'deals hold amounts with more than 2 decimals (KWD, BHD, OMR…): numeric(18,2) would round them';
                    END IF;
                END $$;
                """);
            migrationBuilder.AlterColumn<decimal>(
                name: "amount",
                table: "deals",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,4)",
                oldPrecision: 20,
                oldScale: 4,
                oldNullable: true);
        }
    }
}
