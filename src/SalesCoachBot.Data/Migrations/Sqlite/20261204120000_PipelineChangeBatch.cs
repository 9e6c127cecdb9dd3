using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only: <c>pipeline_change_batch</c>, a table a bulk write fills with the change log's highest sequence
    /// number at its start and empties before it commits (<c>Stores/PipelineChangeBatch.cs</c>), so no other
    /// connection ever sees a row in it. While it holds one, the stage-history insert trigger skips a deal whose number
    /// is above it: that deal was stamped in this same transaction, and no reader can have seen that number (SQLite has
    /// one writer at a time), so stamping it again would tell readers nothing. A first CRM sync inserts each new deal
    /// (stamped) and then its imported history; the history rows no longer stamp it again. Every other writer finds
    /// the table empty and every trigger does what it did before. Not in the EF model (ADR 0036).
    /// </summary>
    [DbContext(typeof(SqliteSalesCoachDbContext))]
    [Migration("20261204120000_PipelineChangeBatch")]
    public partial class PipelineChangeBatch : Migration
    {
        private const string Trigger = "tr_pipeline_stage_history_insert";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TABLE pipeline_change_batch (base INTEGER NOT NULL);");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {Trigger};");
            migrationBuilder.Sql(
                $"CREATE TRIGGER {Trigger} AFTER INSERT ON stage_history FOR EACH ROW " +
                "WHEN NOT EXISTS (SELECT 1 FROM pipeline_change_batch b JOIN pipeline_deal_changes c ON c.deal_id = NEW.deal_id AND c.seq > b.base) " +
                $"BEGIN {PipelineChangeLogUpsert.Upsert("NEW.deal_id")}END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {Trigger};");
            migrationBuilder.Sql(
                $"CREATE TRIGGER {Trigger} AFTER INSERT ON stage_history FOR EACH ROW BEGIN {PipelineChangeLogUpsert.Upsert("NEW.deal_id")}END;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS pipeline_change_batch;");
        }
    }
}
