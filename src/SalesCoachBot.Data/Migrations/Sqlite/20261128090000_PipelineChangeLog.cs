using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only: <c>pipeline_deal_changes</c>, one row per deal holding a sequence number that triggers raise
    /// whenever anything the pipeline report reads about the deal is written (the deal's own columns, its stage
    /// history, confirmations and snoozes), by any writer: EF, the bulk importer, raw SQL, another process. The
    /// pipeline store keeps its facts in memory and re-reads only the deals whose number passed the one it last saw
    /// (<c>Stores/PipelineFactsCache.cs</c>). Not in the EF model: nothing maps it, so the snapshot is unchanged.
    /// The triggers write only to this table, so the RETURNING clause EF uses on the watched tables is unaffected,
    /// and no statement in them can conflict, so an outer <c>INSERT OR …</c> cannot change what they do.
    /// PostgreSQL has its own log, stamped with transaction ids rather than a shared counter (which would serialize
    /// concurrent writers): migration <c>PipelineChangeLogPostgres</c>, ADR 0024.
    /// </summary>
    [DbContext(typeof(SqliteSalesCoachDbContext))]
    [Migration("20261128090000_PipelineChangeLog")]
    public partial class PipelineChangeLog : Migration
    {
        private const string DealColumns =
            "team_id, owner_id, stage_id, status, amount, currency, stage_entered_at, last_activity_at, next_step_at, closed_at, lost_reason";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE TABLE pipeline_deal_changes (deal_id INTEGER NOT NULL PRIMARY KEY, seq INTEGER NOT NULL);");
            migrationBuilder.Sql("CREATE INDEX ix_pipeline_deal_changes_seq ON pipeline_deal_changes (seq);");

            Trigger(migrationBuilder, "pipeline_deals_insert", "AFTER INSERT ON deals", "NEW.id");
            Trigger(migrationBuilder, "pipeline_deals_update", $"AFTER UPDATE OF {DealColumns} ON deals", "NEW.id", "OLD.id");
            Trigger(migrationBuilder, "pipeline_deals_delete", "AFTER DELETE ON deals", "OLD.id");
            foreach (var table in new[] { "stage_history", "confirmations", "snoozes" })
            {
                Trigger(migrationBuilder, $"pipeline_{table}_insert", $"AFTER INSERT ON {table}", "NEW.deal_id");
                Trigger(migrationBuilder, $"pipeline_{table}_update", $"AFTER UPDATE ON {table}", "NEW.deal_id", "OLD.deal_id");
                Trigger(migrationBuilder, $"pipeline_{table}_delete", $"AFTER DELETE ON {table}", "OLD.deal_id");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "deals", "stage_history", "confirmations", "snoozes" })
            {
                foreach (var verb in new[] { "insert", "update", "delete" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS tr_pipeline_{table}_{verb};");
                }
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS pipeline_deal_changes;");
        }

        /// <summary>A trigger giving each deal in <paramref name="dealIds"/> the next sequence number.</summary>
        private static void Trigger(MigrationBuilder migrationBuilder, string name, string when, params string[] dealIds)
        {
            var body = string.Concat(dealIds.Select(id =>
                $"UPDATE pipeline_deal_changes SET seq = (SELECT max(seq) FROM pipeline_deal_changes) + 1 WHERE deal_id = {id}; " +
                $"INSERT INTO pipeline_deal_changes (deal_id, seq) SELECT {id}, coalesce((SELECT max(seq) FROM pipeline_deal_changes), 0) + 1 " +
                $"WHERE NOT EXISTS (SELECT 1 FROM pipeline_deal_changes WHERE deal_id = {id}); "));
            migrationBuilder.Sql($"CREATE TRIGGER tr_{name} {when} FOR EACH ROW BEGIN {body}END;");
        }
    }
}
