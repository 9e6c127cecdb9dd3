using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only (SQLite has its own, <c>PipelineChangeLog</c>): <c>pipeline_deal_changes</c>, one row per deal
    /// holding the id of the last transaction that wrote anything the pipeline report reads about the deal — its own
    /// columns, its stage history, confirmations and snoozes — by any writer: EF, the bulk importer, COPY, raw SQL,
    /// another host. The id is <c>pg_current_xact_id()</c> (xid8: 64 bits with the epoch, never wraps) kept as bigint.
    /// The pipeline store keeps its facts in memory and, in a repeatable-read snapshot, re-reads the deals whose row
    /// holds a transaction the previous snapshot did not see: at or above its xmax, or in progress then
    /// (<c>Stores/PipelineFactsCache.cs</c>, ADR 0024). No shared counter: a writer only upserts the rows of the deals it
    /// wrote, so writers of different deals never wait for each other. Statement-level triggers with transition tables:
    /// one upsert per statement (a 1,000,000-row COPY of history writes each deal's row once), in deal-id order so two
    /// statements lock the rows in the same order. Not in the EF model: nothing maps it, so the snapshot is unchanged.
    /// </summary>
    [DbContext(typeof(PostgresSalesCoachDbContext))]
    [Migration("20261203120000_PipelineChangeLogPostgres")]
    public partial class PipelineChangeLogPostgres : Migration
    {
        private const string DealColumns =
            "team_id, owner_id, stage_id, status, amount, currency, stage_entered_at, last_activity_at, next_step_at, closed_at, lost_reason";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TABLE pipeline_deal_changes (deal_id bigint NOT NULL PRIMARY KEY, xid bigint NOT NULL);");
            migrationBuilder.Sql("CREATE INDEX ix_pipeline_deal_changes_xid ON pipeline_deal_changes (xid);");

            // The stamp: this transaction's id for each deal; a row this transaction already stamped is left alone.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION pipeline_note_changes(ids bigint[]) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO pipeline_deal_changes AS c (deal_id, xid)
                    SELECT d.id, t.xid
                    FROM (SELECT DISTINCT unnest(ids) AS id) d, (SELECT CAST(CAST(pg_current_xact_id() AS text) AS bigint) AS xid) t
                    WHERE d.id IS NOT NULL ORDER BY d.id
                    ON CONFLICT (deal_id) DO UPDATE SET xid = EXCLUDED.xid WHERE c.xid <> EXCLUDED.xid
                $$;
                """);

            Function(migrationBuilder, "pipeline_deals_new", "SELECT id FROM new_rows");
            Function(migrationBuilder, "pipeline_deals_old", "SELECT id FROM old_rows");
            Function(
                migrationBuilder,
                "pipeline_deals_changed",
                $"SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ({Prefixed("n")}) IS DISTINCT FROM ({Prefixed("o")})");
            Function(migrationBuilder, "pipeline_rows_new", "SELECT deal_id FROM new_rows");
            Function(migrationBuilder, "pipeline_rows_old", "SELECT deal_id FROM old_rows");
            Function(migrationBuilder, "pipeline_rows_both", "SELECT deal_id FROM new_rows UNION SELECT deal_id FROM old_rows");

            Trigger(migrationBuilder, "deals", "INSERT", "NEW TABLE AS new_rows", "pipeline_deals_new");
            Trigger(migrationBuilder, "deals", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "pipeline_deals_changed");
            Trigger(migrationBuilder, "deals", "DELETE", "OLD TABLE AS old_rows", "pipeline_deals_old");
            foreach (var table in Watched)
            {
                Trigger(migrationBuilder, table, "INSERT", "NEW TABLE AS new_rows", "pipeline_rows_new");
                Trigger(migrationBuilder, table, "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "pipeline_rows_both");
                Trigger(migrationBuilder, table, "DELETE", "OLD TABLE AS old_rows", "pipeline_rows_old");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Watched.Prepend("deals"))
            {
                foreach (var verb in new[] { "insert", "update", "delete" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS tr_pipeline_{table}_{verb} ON {table};");
                }
            }

            foreach (var function in new[] { "pipeline_deals_new", "pipeline_deals_old", "pipeline_deals_changed", "pipeline_rows_new", "pipeline_rows_old", "pipeline_rows_both" })
            {
                migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {function}();");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS pipeline_note_changes(bigint[]);");
            migrationBuilder.Sql("DROP TABLE IF EXISTS pipeline_deal_changes;");
        }

        private static readonly string[] Watched = ["stage_history", "confirmations", "snoozes"];

        private static string Prefixed(string alias) => string.Join(", ", DealColumns.Split(", ").Select(c => $"{alias}.{c}"));

        /// <summary>A trigger function stamping the deals <paramref name="ids"/> selects from the statement's transition tables.</summary>
        private static void Function(MigrationBuilder migrationBuilder, string name, string ids) =>
            migrationBuilder.Sql(
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pipeline_note_changes(ARRAY({ids})); RETURN NULL; END $$;");

        private static void Trigger(MigrationBuilder migrationBuilder, string table, string verb, string referencing, string function) =>
            migrationBuilder.Sql(
                $"CREATE TRIGGER tr_pipeline_{table}_{verb.ToLowerInvariant()} AFTER {verb} ON {table} " +
                $"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}();");
    }
}
